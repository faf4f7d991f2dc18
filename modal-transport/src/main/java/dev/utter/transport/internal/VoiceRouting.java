package dev.utter.transport.internal;

import dev.utter.NotFoundException;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a voice reaches a service, for providers whose services may register voices. Two strategies:
 * <ul>
 *   <li>{@link Strategy#REGISTERED_VOICE}: the reference is uploaded once ({@code POST /voices}) and
 *       each call names the voice by the id the service gave; when a call answers 404
 *       {@code voice_not_cached} (the service restarted or scaled down) the voice is registered again
 *       and the call repeated once;
 *   <li>{@link Strategy#INLINE_REFERENCE}: the reference travels with every call, for services without
 *       {@code /voices}.
 * </ul>
 * A router starts with the registered voice when the service may have {@code /voices}, and falls back
 * to the inline reference for good when registering answers "no such route" (a registration returning
 * empty). Thread-safe.
 */
public final class VoiceRouting {
  /** The two ways a voice reaches a service. */
  public enum Strategy { REGISTERED_VOICE, INLINE_REFERENCE }

  /** How one call names its voice: by {@code voiceId}, or (when null) with the reference inline. */
  public record Route(String voiceId) {
    /** Whether the reference must travel with the call. */
    public boolean inline() {
      return voiceId == null;
    }
  }

  private static final Logger log = LoggerFactory.getLogger(VoiceRouting.class);
  private static final Route INLINE = new Route(null);

  private final VoiceRegistry registry = new VoiceRegistry();
  private volatile Strategy strategy;

  /** A router starting with {@code strategy}. */
  public VoiceRouting(Strategy strategy) {
    this.strategy = Objects.requireNonNull(strategy, "strategy == null");
  }

  /** Sends references inline from now on (the service said it cannot register voices). */
  public void useInlineReference() {
    strategy = Strategy.INLINE_REFERENCE;
  }

  /** The strategy in use now. */
  public Strategy strategy() {
    return strategy;
  }

  /**
   * Runs {@code call} with the route of the voice {@code key} names.
   *
   * @param register uploads the voice: its id, or empty when the service has no {@code /voices}
   *     (this router then sends references inline from now on)
   */
  public <T> T call(String key, Supplier<Optional<String>> register, Function<Route, T> call) {
    Route route = route(key, register);
    if (route.inline()) {
      return call.apply(route);
    }
    try {
      return call.apply(route);
    } catch (NotFoundException e) {
      if (!"voice_not_cached".equals(e.code().orElse(null))) {
        throw e;
      }
      log.debug("The service no longer holds voice {}; registering it again", route.voiceId());
      registry.forget(key, route.voiceId());
      return call.apply(route(key, register));
    }
  }

  private Route route(String key, Supplier<Optional<String>> register) {
    if (strategy == Strategy.INLINE_REFERENCE) {
      return INLINE;
    }
    String id = registry.idFor(key, () -> register.get().orElse(null));
    if (id == null) {
      log.debug("The service cannot register voices; sending the reference with each call");
      useInlineReference();
      return INLINE;
    }
    return new Route(id);
  }
}
