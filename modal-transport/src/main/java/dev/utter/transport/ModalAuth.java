package dev.utter.transport;

import dev.utter.ConfigurationException;
import dev.utter.spi.ProviderSettings;
import java.util.Objects;
import okhttp3.Headers;

/**
 * The credentials a Modal provider sends with every request to its service: Modal's proxy-auth pair
 * ({@code Modal-Key}, {@code Modal-Secret}), a bearer token for a self-hosted service, both, or
 * nothing. They go only to the scheme, host and port of the URL a call was made to: a redirect or
 * hand-off to any other origin (another host, port or scheme) is followed without them. Immutable;
 * {@link #toString()} names the kinds only, never a credential.
 */
public final class ModalAuth {
  /** Setting holding the Modal proxy-auth token id ({@code wk-...}). */
  public static final String MODAL_KEY = "MODAL_KEY";
  /** Setting holding the Modal proxy-auth token secret ({@code ws-...}). */
  public static final String MODAL_SECRET = "MODAL_SECRET";
  /** Setting holding the bearer token of a self-hosted service. */
  public static final String SERVICE_TOKEN = "UTTER_SERVICE_TOKEN";

  private static final ModalAuth NONE = new ModalAuth(null, null, null);

  private final String modalKey;
  private final String modalSecret;
  private final String bearerToken;

  private ModalAuth(String modalKey, String modalSecret, String bearerToken) {
    this.modalKey = modalKey;
    this.modalSecret = modalSecret;
    this.bearerToken = bearerToken;
  }

  /** No credentials: a public endpoint or a local service. */
  public static ModalAuth none() {
    return NONE;
  }

  /** Modal proxy auth: sends {@code Modal-Key} and {@code Modal-Secret}. */
  public static ModalAuth modal(String key, String secret) {
    return new ModalAuth(requireNonBlank(key, "key"), requireNonBlank(secret, "secret"), null);
  }

  /** A bearer token: sends {@code Authorization: Bearer <token>}. */
  public static ModalAuth bearer(String token) {
    return new ModalAuth(null, null, requireNonBlank(token, "token"));
  }

  /** These credentials plus a bearer token, for a self-hosted service behind Modal's proxy. */
  public ModalAuth withBearer(String token) {
    return new ModalAuth(modalKey, modalSecret, requireNonBlank(token, "token"));
  }

  /**
   * The credentials in {@code settings}: {@code MODAL_KEY} with {@code MODAL_SECRET} and/or
   * {@code UTTER_SERVICE_TOKEN}; none when neither is set.
   *
   * @throws ConfigurationException when only one of {@code MODAL_KEY} and {@code MODAL_SECRET} is set.
   */
  public static ModalAuth fromSettings(ProviderSettings settings) {
    Objects.requireNonNull(settings, "settings == null");
    String key = settings.get(MODAL_KEY).orElse(null);
    String secret = settings.get(MODAL_SECRET).orElse(null);
    if ((key == null) != (secret == null)) {
      throw new ConfigurationException(MODAL_KEY + " and " + MODAL_SECRET + " must be set together");
    }
    ModalAuth auth = key != null ? modal(key, secret) : none();
    return settings.get(SERVICE_TOKEN).map(auth::withBearer).orElse(auth);
  }

  /** Whether any credential is sent. */
  public boolean isPresent() {
    return modalKey != null || bearerToken != null;
  }

  /**
   * The headers these credentials add to a request ({@code Modal-Key}, {@code Modal-Secret},
   * {@code Authorization}); empty for {@link #none()}. For the transport: it never logs them.
   */
  public Headers headers() {
    Headers.Builder headers = new Headers.Builder();
    if (modalKey != null) {
      headers.add("Modal-Key", modalKey).add("Modal-Secret", modalSecret);
    }
    if (bearerToken != null) {
      headers.add("Authorization", "Bearer " + bearerToken);
    }
    return headers.build();
  }

  @Override
  public String toString() {
    if (!isPresent()) {
      return "ModalAuth{none}";
    }
    return "ModalAuth{" + (modalKey != null ? "Modal-Key/Modal-Secret" : "")
        + (modalKey != null && bearerToken != null ? " + " : "")
        + (bearerToken != null ? "bearer" : "") + ", redacted}";
  }

  private static String requireNonBlank(String value, String name) {
    Objects.requireNonNull(value, name + " == null");
    if (value.isBlank()) {
      throw new IllegalArgumentException(name + " is blank");
    }
    return value.strip();
  }
}
