package dev.utter.transport.internal;

import static dev.utter.transport.internal.WireSchemaCheck.Direction.REQUEST;
import static dev.utter.transport.internal.WireSchemaCheck.Direction.RESPONSE;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.squareup.moshi.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

/** The wire-schema check finds each kind of drift, and passes a record that matches. */
class WireSchemaCheckTest {
  private static final String OPENAPI = """
      {"components": {"schemas": {
        "Thing": {"type": "object", "required": ["id", "parts"], "properties": {
          "id": {"type": "string"},
          "count": {"type": "integer"},
          "note": {"anyOf": [{"type": "string"}, {"type": "null"}]},
          "parts": {"type": "array", "items": {"$ref": "#/components/schemas/Part"}}}},
        "Part": {"type": "object", "required": ["size"], "properties": {"size": {"type": "number"}}}
      }}}
      """;

  @TempDir
  static Path dir;
  private static WireSchemaCheck check;

  @BeforeAll
  static void write() throws IOException {
    check = WireSchemaCheck.of(Files.writeString(dir.resolve("api.json"), OPENAPI));
  }

  public record Part(double size) {}

  public record Matching(String id, @Nullable Integer count, @Nullable String note, List<Part> parts) {}

  public record Renamed(@Json(name = "identifier") String id, List<Part> parts) {}

  public record WrongType(String id, String count, List<Part> parts) {}

  public record OptionalReadAsRequired(String id, String note, List<Part> parts) {}

  public record RequiredSentAsNullable(@Nullable String id, List<Part> parts) {}

  public record MissingRequired(String id) {}

  public record NestedWrongType(String id, List<WrongPart> parts) {}

  public record WrongPart(String size) {}

  @Test
  void aMatchingRecordPasses() {
    check.check(Matching.class, "Thing", RESPONSE);
    check.check(Matching.class, "Thing", REQUEST);
  }

  @Test
  void findsEachKindOfDrift() {
    assertFails(Renamed.class, RESPONSE, "identifier: not a property");
    assertFails(WrongType.class, RESPONSE, "count: Java String is string, the schema says integer");
    assertFails(OptionalReadAsRequired.class, RESPONSE, "note: the service may omit it");
    assertFails(RequiredSentAsNullable.class, REQUEST, "id: required by the schema but may be null");
    assertFails(MissingRequired.class, REQUEST, "parts: required by the schema but not sent");
    assertFails(NestedWrongType.class, RESPONSE, "Thing.parts[].size: Java String is string, the schema says number");
  }

  @Test
  void aMissingSchemaIsReportedByName() {
    AssertionFailedError e = assertThrows(AssertionFailedError.class,
        () -> check.check(Matching.class, "HealthResponse", RESPONSE));
    assertTrue(e.getMessage().contains("Schema 'HealthResponse' is missing from"), e.getMessage());
    assertTrue(e.getMessage().contains("[Thing, Part]") || e.getMessage().contains("[Part, Thing]"), e.getMessage());
  }

  private static void assertFails(Class<? extends Record> type, WireSchemaCheck.Direction direction, String problem) {
    AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> check.check(type, "Thing", direction));
    assertTrue(e.getMessage().contains(problem), e.getMessage());
  }
}
