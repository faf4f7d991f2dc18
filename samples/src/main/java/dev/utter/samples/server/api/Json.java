package dev.utter.samples.server.api;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.Moshi;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.Map;

/** JSON in and out of handlers, with Moshi; null map values are left out. */
final class Json {
  private static final JsonAdapter<Object> ADAPTER = new Moshi.Builder().build().adapter(Object.class);

  private Json() {}

  static String write(Object value) {
    return ADAPTER.toJson(value);
  }

  /** {@code value} as JSON with null map values written as {@code null}. */
  static String writeWithNulls(Object value) {
    return ADAPTER.serializeNulls().toJson(value);
  }

  /** {@code {"detail": detail}}, the body of every error answer. */
  static String errorBody(String detail) {
    return write(Map.of("detail", detail));
  }

  /** Answers {@code body} as JSON with {@code status}. */
  static void respond(Context ctx, int status, Object body) {
    ctx.status(status).contentType("application/json").result(write(body));
  }

  /** The request body as a JSON object. @throws ApiException 400 when it is not one. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> readObject(Context ctx) {
    Object value;
    try {
      value = ADAPTER.fromJson(ctx.body());
    } catch (IOException | JsonDataException e) {
      throw ApiException.badRequest("Invalid JSON body");
    }
    if (!(value instanceof Map)) {
      throw ApiException.badRequest("Request body must be a JSON object");
    }
    return (Map<String, Object>) value;
  }

  /** The string field {@code name}, or null when absent. @throws ApiException 400 when not a string. */
  static String string(Map<String, Object> body, String name) {
    Object value = body.get(name);
    if (value == null || value instanceof String) {
      return (String) value;
    }
    throw ApiException.badRequest("Field '" + name + "' must be a string");
  }
}
