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

  /** For subclasses: starts with no credentials and the transport's default retries, budget and timeouts. */
  protected ModalProviderBuilder() {}

  /**
   * This builder, as its own type.
   *
   * @return {@code this}, typed as the subclass
   */
  protected abstract B self();

  /**
   * Sends Modal's proxy-auth headers ({@code Modal-Key}, {@code Modal-Secret}), replacing any
   * credentials set before.
   *
   * @param key the proxy-auth token id ({@code wk-...})
   * @param secret the proxy-auth token secret ({@code ws-...})
   * @return this builder
   * @throws NullPointerException when either is null
   * @throws IllegalArgumentException when either is blank
   */
  public B modalAuth(String key, String secret) {
    return auth(ModalAuth.modal(key, secret));
  }

  /**
   * Sends {@code Authorization: Bearer <token>}, for a service started with a token; keeps Modal
   * proxy auth set before.
   *
   * @param token the service's token
   * @return this builder
   * @throws NullPointerException when {@code token} is null
   * @throws IllegalArgumentException when {@code token} is blank
   */
  public B bearerToken(String token) {
    return auth(auth.withBearer(token));
  }

  /**
   * Credentials: Modal proxy auth, a bearer token, both, or none (the default).
   *
   * @param auth the credentials, replacing any set before
   * @return this builder
   * @throws NullPointerException when {@code auth} is null
   */
  public B auth(ModalAuth auth) {
    this.auth = Objects.requireNonNull(auth, "auth == null");
    transportBuilder.auth(auth);
    return self();
  }

  /**
   * Retries, as a resilience4j {@link RetryConfig}; default {@link ModalRetries#defaults()}, none with
   * {@link ModalRetries#none()}. What the transport takes from it, and the safety rules it keeps
   * whatever the config says, are listed at {@link ModalRetries}.
   *
   * @param retryConfig the retries; the transport keeps its attempts, interval function and exception
   *     predicate
   * @return this builder
   * @throws NullPointerException when {@code retryConfig} is null
   */
  public B retryConfig(RetryConfig retryConfig) {
    transportBuilder.retryConfig(retryConfig);
    return self();
  }

  /**
   * The total time of one call, 303 hand-offs and retries included:
   * {@code base + perCharacter × characters of text}. Default 5 min + 250 ms per character.
   *
   * @param base the budget of a call that speaks no text; positive
   * @param perCharacter what each character of text adds; zero or positive
   * @return this builder
   * @throws NullPointerException when either is null
   * @throws IllegalArgumentException when {@code base} is not positive or {@code perCharacter} negative
   */
  public B callBudget(Duration base, Duration perCharacter) {
    transportBuilder.callBudget(base, perCharacter);
    return self();
  }

  /**
   * How long to wait for a connection; default 10 s.
   *
   * @param connectTimeout the limit for opening one connection; positive
   * @return this builder
   * @throws NullPointerException when {@code connectTimeout} is null
   * @throws IllegalArgumentException when it is zero or negative
   */
  public B connectTimeout(Duration connectTimeout) {
    transportBuilder.connectTimeout(connectTimeout);
    return self();
  }

  /**
   * How long to wait between two reads of a response; default 180 s (Modal hands off after 150 s).
   *
   * @param readTimeout the longest silence of the service (also used between two writes); positive
   * @return this builder
   * @throws NullPointerException when {@code readTimeout} is null
   * @throws IllegalArgumentException when it is zero or negative
   */
  public B readTimeout(Duration readTimeout) {
    transportBuilder.readTimeout(readTimeout);
    return self();
  }

  /**
   * How long an idle pooled connection is kept for reuse; default 4 s, below the 5 s after which
   * uvicorn (and many proxies) close idle keep-alive connections. Set it below the shortest idle
   * timeout between this client and the service.
   *
   * @param idleConnectionTimeout how long an unused connection stays in the pool; positive
   * @return this builder
   * @throws NullPointerException when {@code idleConnectionTimeout} is null
   * @throws IllegalArgumentException when it is zero or negative
   */
  public B idleConnectionTimeout(Duration idleConnectionTimeout) {
    transportBuilder.idleConnectionTimeout(idleConnectionTimeout);
    return self();
  }

  /**
   * The clock call budgets and {@code Retry-After} dates are measured on; for tests. Default: the
   * system UTC clock.
   *
   * @param clock the clock to read
   * @return this builder
   * @throws NullPointerException when {@code clock} is null
   */
  public B clock(Clock clock) {
    transportBuilder.clock(clock);
    return self();
  }

  /**
   * What waits between retries, instead of a timer; for tests that record the waits.
   *
   * @param sleeper called with each wait between two attempts
   * @return this builder
   * @throws NullPointerException when {@code sleeper} is null
   */
  public B sleeper(Sleeper sleeper) {
    transportBuilder.sleeper(sleeper);
    return self();
  }

  /**
   * For the provider being built: a new transport made from these settings, which the provider closes.
   *
   * @return a new transport on each call; the caller owns it and must close it
   */
  protected final ModalTransport buildTransport() {
    return transportBuilder.build();
  }
}
