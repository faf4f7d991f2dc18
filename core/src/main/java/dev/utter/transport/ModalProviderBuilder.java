package dev.utter.transport;

import java.time.Duration;
import java.util.Objects;

/**
 * The settings every provider on the Modal transport shares: credentials, retries, call budget,
 * timeouts, or a transport of the caller's. A provider's builder extends it and adds its own. Not
 * thread-safe.
 *
 * @param <B> the provider's builder, returned by every setter
 */
public abstract class ModalProviderBuilder<B extends ModalProviderBuilder<B>> {
  private final ModalTransport.Builder transportBuilder = ModalTransport.builder();
  private ModalAuth auth = ModalAuth.none();
  private ModalTransport transport;

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

  /** Retries; the default is 2, switch them off with {@link RetryPolicy#disabled()}. */
  public B retryPolicy(RetryPolicy retryPolicy) {
    transportBuilder.retryPolicy(retryPolicy);
    return self();
  }

  /** The total time of one call: {@code base + perCharacter × characters}. */
  public B callBudget(Duration base, Duration perCharacter) {
    transportBuilder.callBudget(base, perCharacter);
    return self();
  }

  /** How long to wait for a connection. */
  public B connectTimeout(Duration connectTimeout) {
    transportBuilder.connectTimeout(connectTimeout);
    return self();
  }

  /** How long to wait between two reads of a response. */
  public B readTimeout(Duration readTimeout) {
    transportBuilder.readTimeout(readTimeout);
    return self();
  }

  /**
   * A transport to use instead of the one this builder would make (the auth, retry, budget and
   * timeout settings above are then ignored); the provider does not close it.
   */
  public B transport(ModalTransport transport) {
    this.transport = Objects.requireNonNull(transport, "transport == null");
    return self();
  }

  /** For the provider being built: whether it makes, and so closes, its own transport. */
  public final boolean ownsTransport() {
    return transport == null;
  }

  /** For the provider being built: the transport given, or a new one made from these settings. */
  public final ModalTransport buildTransport() {
    return transport != null ? transport : transportBuilder.build();
  }
}
