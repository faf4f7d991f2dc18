package dev.utter.samples.server.api;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An error answered under {@code /v1} in OpenAI's shape, {@code {"error": {"message", "type", "param",
 * "code"}}}, with {@code status}. {@link #forStatus} gives the type OpenAI uses for a status, so errors
 * raised elsewhere (the Host check, the key check, Jetty) take the same shape there.
 */
final class OpenAiError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String type;
  private final String param;
  private final String code;

  OpenAiError(int status, String message, String type, String param, String code) {
    super(message);
    this.status = status;
    this.type = type;
    this.param = param;
    this.code = code;
  }

  /** A 400 {@code invalid_request_error} about the body field {@code param}. */
  static OpenAiError invalid(String param, String code, String message) {
    return new OpenAiError(400, message, "invalid_request_error", param, code);
  }

  /** An error of {@code status} with the type OpenAI gives it and no param or code but {@code code}. */
  static OpenAiError forStatus(int status, String message, String code) {
    String type;
    if (status == 401) {
      type = "invalid_request_error";
      code = code == null ? "invalid_api_key" : code;
    } else if (status == 429) {
      type = "rate_limit_error";
      code = code == null ? "rate_limit_exceeded" : code;
    } else if (status >= 500) {
      type = "server_error";
    } else {
      type = "invalid_request_error";
    }
    return new OpenAiError(status, message, type, null, code);
  }

  int status() {
    return status;
  }

  /** The JSON body: every field present, {@code param} and {@code code} null when they do not apply. */
  String body() {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("message", getMessage() == null ? "Error" : getMessage());
    error.put("type", type);
    error.put("param", param);
    error.put("code", code);
    return Json.writeWithNulls(Map.of("error", error));
  }
}
