package dev.utter.transport.internal;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs each HTTP exchange at DEBUG: method, URL without its query, body size, request id, whether
 * credentials were attached (never their values), status and time. Never logs bodies.
 */
final class ExchangeLogInterceptor implements Interceptor {
  private static final Logger log = LoggerFactory.getLogger(ExchangeLogInterceptor.class);

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    if (!log.isDebugEnabled()) {
      return chain.proceed(request);
    }
    String url = request.url().newBuilder().query(null).build().toString();
    String id = request.header(RequestIdInterceptor.HEADER);
    boolean credentials = request.header("Modal-Key") != null || request.header("Authorization") != null;
    log.debug("--> {} {} ({} request bytes, request id {}, credentials {})", request.method(), url,
        request.body() == null ? 0 : request.body().contentLength(), id, credentials ? "sent" : "not sent");
    long start = System.nanoTime();
    try {
      Response response = chain.proceed(request);
      log.debug("<-- {} {} {} ({} ms, request id {})", response.code(), request.method(), url,
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), response.header(RequestIdInterceptor.HEADER, id));
      return response;
    } catch (IOException e) {
      log.debug("<-- {} {} failed after {} ms: {} (request id {})", request.method(), url,
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), e.toString(), id);
      throw e;
    }
  }
}
