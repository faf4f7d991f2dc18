package dev.utter.samples.server.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;

/**
 * Jetty's own error answers as {@code {"detail": "<reason phrase>"}} (under {@code /v1}, OpenAI's
 * {@code {"error": {...}}} with the reason phrase as its message) with the security headers: a bad
 * request line or URI (400), a URI or headers too long (414, 431), and errors Jetty raises before or
 * around the app (an ambiguous path, an unsupported method). The detail is the status's standard
 * reason phrase only, so nothing of the request, the server or an exception shows. Install one
 * instance on the server and another on the servlet context.
 */
final class JsonErrorHandler extends ErrorHandler {
  private static final String JSON = "application/json";

  @Override
  public boolean errorPageForMethod(String method) {
    return true;
  }

  @Override
  public void handle(String target, Request baseRequest, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    baseRequest.setHandled(true);
    byte[] body = OpenAiSpeechApi.covers(request.getRequestURI())
        ? openAiBody(response.getStatus())
        : body(response.getStatus());
    SecurityHeaders.apply(response);
    response.setHeader(HttpHeader.CACHE_CONTROL.asString(), "no-store");
    response.setContentType(JSON);
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }

  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    SecurityHeaders.apply(fields);
    fields.put(HttpHeader.CACHE_CONTROL, "no-store");
    fields.put(HttpHeader.CONTENT_TYPE, JSON);
    return ByteBuffer.wrap(body(status));
  }

  private static byte[] openAiBody(int status) {
    String reason = HttpStatus.getMessage(status);
    return OpenAiError.forStatus(status, reason == null ? "Error " + status : reason, null).body()
        .getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] body(int status) {
    String reason = HttpStatus.getMessage(status);
    return Json.errorBody(reason == null ? "Error " + status : reason).getBytes(StandardCharsets.UTF_8);
  }
}
