package dev.utter.transport.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows Modal's hand-off: a request running over 150 s is answered {@code 303 See Other} with a
 * {@code Location} to poll; this interceptor {@code GET}s it (without a body or
 * {@code Idempotency-Key}) until the answer is not a 303, within the call's timeout. Each hand-off URL
 * is recorded on the call, so that when an attempt fails after a hand-off, the next attempt resumes
 * with a {@code GET} of it and never re-sends the original {@code POST}. Credentials are added per hop
 * by {@link AuthInterceptor}, which runs after this one. A 303 without a usable {@code Location} is
 * returned as is (the transport reports it). No hop starts once the call's budget is spent (on the
 * transport's clock; OkHttp's call timeout ends a hop in flight).
 */
final class HandOffInterceptor implements Interceptor {
  private static final Logger log = LoggerFactory.getLogger(HandOffInterceptor.class);

  private final Clock clock;

  HandOffInterceptor(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    CallState state = request.tag(CallState.class);
    Response response = chain.proceed(request);
    while (response.code() == 303) {
      String location = response.header("Location");
      HttpUrl next = location == null ? null : request.url().resolve(location);
      if (next == null) {
        return response;
      }
      response.close();
      if (state != null) {
        state.handedOffTo(next);
        if (!clock.instant().isBefore(state.deadline())) {
          throw new InterruptedIOException("call budget spent during the hand-off");
        }
      }
      log.debug("Following the 303 hand-off of {} with GET {}", state != null ? state.description() : request.url(),
          next.newBuilder().query(null).build());
      request = request.newBuilder().url(next).get().removeHeader(ModalTransport.IDEMPOTENCY_KEY).build();
      response = chain.proceed(request);
    }
    return response;
  }
}
