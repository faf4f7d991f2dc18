package dev.utter.transport;

import dev.utter.spi.Sleeper;
import dev.utter.transport.internal.ModalTransport;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * The settings every provider on the Modal transport shares: credentials, retries, call budget and
 * timeouts. A provider's builder extends it and adds its own. Not thread-safe.
 *
 * @param <B> the provider's builder, returned by every setter
 */
public abstract class ModalProviderBuilder<B extends ModalProviderBuilder<B>> {
  private final ModalTransport.Builder transportBuilder = ModalTransport.builder();
  private ModalAuth auth = ModalAuth.none();

  protected ModalProviderBuilder() {}

  /** This builder, as its own type. */
  protected abstract B self();

  /** Sends Modal's proxy-auth headers ({@code Modal-Key}, {@code Modal-Secret}). */
  public B modalAuth(String key, String secret) {
    return auth(ModalAuth.modal(key, secret));
  }

  /** Sends {@code Authorization: Bearer <token>}, for a service started with a token. */
  public B bearerToken(String token) {
    return auth(auth.withBearer(token));
  }

  /** Credentials: Modal proxy auth, a bearer token, both, or none (the default). */
  public B auth(ModalAuth auth) {
    this.auth = Objects.requireNonNull(auth, "auth == null");
    transportBuilder.auth(auth);
    return self();
  }

  /**
   * Retries, as a resilience4j {@link RetryConfig}; default {@link ModalRetries#defaults()}, none with
   * {@link ModalRetries#none()}. What the transport takes from it, and the safety rules it keeps
   * whatever the config says, are listed at {@link ModalRetries}.
   */
  public B retryConfig(RetryConfig retryConfig) {
    transportBuilder.retryConfig(retryConfig);
    return self();
  }

  /**
   * The total time of one call, 303 hand-offs and retries included:
   * {@code base + perCharacter × characters of text}. Default 5 min + 250 ms per character.
   */
  public B callBudget(Duration base, Duration perCharacter) {
    transportBuilder.callBudget(base, perCharacter);
    return self();
  }

  /** How long to wait for a connection; default 10 s. */
  public B connectTimeout(Duration connectTimeout) {
    transportBuilder.connectTimeout(connectTimeout);
    return self();
  }

  /** How long to wait between two reads of a response; default 180 s (Modal hands off after 150 s). */
  public B readTimeout(Duration readTimeout) {
    transportBuilder.readTimeout(readTimeout);
    return self();
  }

  /**
   * How long an idle pooled connection is kept for reuse; default 4 s, below the 5 s after which
   * uvicorn (and many proxies) close idle keep-alive connections. Set it below the shortest idle
   * timeout between this client and the service.
   */
  public B idleConnectionTimeout(Duration idleConnectionTimeout) {
    transportBuilder.idleConnectionTimeout(idleConnectionTimeout);
    return self();
  }

  /** The clock call budgets and {@code Retry-After} dates are measured on; for tests. */
  public B clock(Clock clock) {
    transportBuilder.clock(clock);
    return self();
  }

  /** What waits between retries, instead of a timer; for tests that record the waits. */
  public B sleeper(Sleeper sleeper) {
    transportBuilder.sleeper(sleeper);
    return self();
  }

  /** For the provider being built: a new transport made from these settings, which the provider closes. */
  protected final ModalTransport buildTransport() {
    return transportBuilder.build();
  }
}
