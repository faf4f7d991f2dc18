package dev.utter.transport.internal;

import dev.utter.transport.ModalAuth;
import java.io.IOException;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Adds the {@link ModalAuth} headers to every request whose scheme, host and port are those of the
 * URL the call was made to, and to no other: a hand-off or redirect to another host, another port or
 * another scheme of the same host goes without credentials. Runs after the hand-off interceptor, so it
 * decides again for each hop.
 */
final class AuthInterceptor implements Interceptor {
  private final Headers credentials;

  AuthInterceptor(ModalAuth auth) {
    this.credentials = auth.headers();
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    CallState state = request.tag(CallState.class);
    HttpUrl origin = state != null ? state.origin() : request.url();
    if (credentials.size() == 0 || !sameOrigin(origin, request.url())) {
      return chain.proceed(request);
    }
    Request.Builder withCredentials = request.newBuilder();
    for (int i = 0; i < credentials.size(); i++) {
      withCredentials.header(credentials.name(i), credentials.value(i));
    }
    return chain.proceed(withCredentials.build());
  }

  /** Same scheme, host and port: the only destination credentials are sent to. */
  static boolean sameOrigin(HttpUrl a, HttpUrl b) {
    return a.scheme().equals(b.scheme()) && a.host().equals(b.host()) && a.port() == b.port();
  }
}
