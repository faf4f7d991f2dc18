package dev.utter.transport.internal;

import static org.junit.jupiter.api.Assertions.fail;

import com.squareup.moshi.Json;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DynamicTest;

/**
 * Checks wire records field by field against the schemas of an OpenAPI file of modal-deploy, so the
 * Java and Python sides cannot drift: each component's JSON name must be a property of the schema
 * (looked up by name under {@code components.schemas}), its Java type must match the property's type
 * (string, integer, number, boolean, array with its items, object by {@code $ref}), and
 * <ul>
 *   <li>for a request, every property the schema requires must be a component that is never null;
 *   <li>for a response, every component that is not {@link Nullable} must be required by the schema
 *       and not nullable there (the service always sends it).
 * </ul>
 * A schema missing from the file fails with a message naming the file and the schemas it has.
 */
public final class WireSchemaCheck {
  /** Whether the record is sent (request body) or read (response body). */
  public enum Direction { REQUEST, RESPONSE }

  private final Path file;
  private final Map<String, Object> schemas;

  private WireSchemaCheck(Path file, Map<String, Object> schemas) {
    this.file = file;
    this.schemas = schemas;
  }

  /** The schemas of {@code openApiFile}. */
  @SuppressWarnings("unchecked")
  public static WireSchemaCheck of(Path openApiFile) {
    try {
      Map<String, Object> root = new Moshi.Builder().build()
          .<Map<String, Object>>adapter(Types.newParameterizedType(Map.class, String.class, Object.class))
          .fromJson(Files.readString(openApiFile));
      Map<String, Object> components = (Map<String, Object>) root.get("components");
      return new WireSchemaCheck(openApiFile, (Map<String, Object>) components.get("schemas"));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + openApiFile, e);
    }
  }

  /** A test checking {@code type} against the schema named {@code schemaName}. */
  public DynamicTest test(Class<? extends Record> type, String schemaName, Direction direction) {
    return DynamicTest.dynamicTest(type.getName() + " = " + file.getFileName() + "#" + schemaName + " ("
        + direction.name().toLowerCase() + ")", () -> check(type, schemaName, direction));
  }

  /** Fails with every difference between {@code type} and the schema {@code schemaName}. */
  public void check(Class<? extends Record> type, String schemaName, Direction direction) {
    Object schema = schemas.get(schemaName);
    if (schema == null) {
      fail("Schema '" + schemaName + "' is missing from " + file + " (components.schemas has " + schemas.keySet()
          + "): the service must declare it as a pydantic model so " + type.getSimpleName() + " can be checked");
    }
    List<String> problems = new ArrayList<>();
    compare(type, asMap(schema), direction, schemaName, problems);
    if (!problems.isEmpty()) {
      fail(type.getSimpleName() + " differs from " + file + "#" + schemaName + ":\n  " + String.join("\n  ", problems));
    }
  }

  @SuppressWarnings("unchecked")
  private void compare(Class<?> type, Map<String, Object> schema, Direction direction, String where,
      List<String> problems) {
    Map<String, Object> properties = (Map<String, Object>) schema.getOrDefault("properties", Map.of());
    List<String> required = (List<String>) schema.getOrDefault("required", List.of());
    List<String> named = new ArrayList<>();
    for (RecordComponent component : type.getRecordComponents()) {
      Json json = component.getAnnotation(Json.class);
      String name = json != null ? json.name() : component.getName();
      named.add(name);
      String at = where + "." + name;
      Object property = properties.get(name);
      if (property == null) {
        problems.add(at + ": not a property of the schema (it has " + properties.keySet() + ")");
        continue;
      }
      boolean javaNullable = component.isAnnotationPresent(Nullable.class);
      if (javaNullable && component.getType().isPrimitive()) {
        problems.add(at + ": @Nullable on a primitive");
      }
      boolean schemaNullable = allowsNull(asMap(property));
      if (direction == Direction.REQUEST && required.contains(name) && javaNullable) {
        problems.add(at + ": required by the schema but may be null in Java");
      }
      if (direction == Direction.RESPONSE && !javaNullable && (!required.contains(name) || schemaNullable)) {
        problems.add(at + ": the service may omit it or send null, but Java requires it (mark it @Nullable)");
      }
      compareType(component.getGenericType(), asMap(property), direction, at, problems);
    }
    if (direction == Direction.REQUEST) {
      for (String name : required) {
        if (!named.contains(name)) {
          problems.add(where + "." + name + ": required by the schema but not sent");
        }
      }
    }
  }

  private void compareType(Type javaType, Map<String, Object> property, Direction direction, String at,
      List<String> problems) {
    Map<String, Object> resolved = nonNull(property);
    if (resolved.containsKey("$ref")) {
      String ref = (String) resolved.get("$ref");
      String name = ref.substring(ref.lastIndexOf('/') + 1);
      Object target = schemas.get(name);
      if (target == null) {
        problems.add(at + ": $ref " + ref + " is not in the file");
        return;
      }
      resolved = asMap(target);
    }
    String schemaType = (String) resolved.get("type");
    Class<?> raw = javaType instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) javaType;
    String expected = expectedType(raw);
    if (expected == null) {
      return; // Object: any JSON
    }
    if (!expected.equals(schemaType) && !(expected.equals("object") && schemaType == null)) {
      problems.add(at + ": Java " + raw.getSimpleName() + " is " + expected + ", the schema says " + schemaType);
      return;
    }
    if (raw == List.class && javaType instanceof ParameterizedType p && resolved.get("items") != null) {
      compareType(p.getActualTypeArguments()[0], asMap(resolved.get("items")), direction, at + "[]", problems);
    } else if (raw.isRecord()) {
      compare(raw, resolved, direction, at, problems);
    }
  }

  private static String expectedType(Class<?> raw) {
    if (raw == String.class) {
      return "string";
    }
    if (raw == int.class || raw == Integer.class || raw == long.class || raw == Long.class) {
      return "integer";
    }
    if (raw == double.class || raw == Double.class || raw == float.class || raw == Float.class) {
      return "number";
    }
    if (raw == boolean.class || raw == Boolean.class) {
      return "boolean";
    }
    if (raw == List.class) {
      return "array";
    }
    if (raw.isRecord() || Map.class.isAssignableFrom(raw)) {
      return "object";
    }
    return null;
  }

  /** The property without its {@code anyOf: [..., {type: null}]} wrapper. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> nonNull(Map<String, Object> property) {
    if (property.get("anyOf") instanceof List<?> options) {
      for (Object option : options) {
        if (!"null".equals(asMap(option).get("type"))) {
          return (Map<String, Object>) option;
        }
      }
    }
    return property;
  }

  private static boolean allowsNull(Map<String, Object> property) {
    return property.get("anyOf") instanceof List<?> options
        && options.stream().anyMatch(o -> "null".equals(asMap(o).get("type")));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(Object value) {
    return (Map<String, Object>) value;
  }
}
