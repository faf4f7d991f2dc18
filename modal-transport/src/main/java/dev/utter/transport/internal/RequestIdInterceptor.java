package dev.utter.transport.internal;

import java.io.IOException;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Gives each attempt a fresh random {@code X-Request-Id} (32 hex digits) unless the request carries
 * one; the 303 hand-off's {@code GET}s within an attempt keep it. The id is recorded on the call so
 * errors can name it even when no response came.
 */
final class RequestIdInterceptor implements Interceptor {
  static final String HEADER = "X-Request-Id";

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    String id = request.header(HEADER);
    if (id == null) {
      byte[] bytes = new byte[16];
      ThreadLocalRandom.current().nextBytes(bytes);
      id = HexFormat.of().formatHex(bytes);
      request = request.newBuilder().header(HEADER, id).build();
    }
    CallState state = request.tag(CallState.class);
    if (state != null) {
      state.requestId(id);
    }
    return chain.proceed(request);
  }
}
