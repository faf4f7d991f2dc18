package dev.utter.transport;

import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Duration;

/**
 * Retry settings for the Modal providers, as resilience4j {@link RetryConfig}s to pass to
 * {@link ModalProviderBuilder#retryConfig(RetryConfig)}.
 *
 * <p>From a {@code RetryConfig} the transport takes {@link RetryConfig#getMaxAttempts() maxAttempts},
 * the interval function (the wait when the service sent no {@code Retry-After-Ms} or
 * {@code Retry-After}) and the exception predicate, which is asked about the SDK exception an attempt
 * ended with ({@link dev.utter.RateLimitedException}, {@link dev.utter.ProviderUnavailableException}).
 * Whatever it says, the transport repeats only what is safe:
 * <ul>
 *   <li>a failure before the request was sent (connection refused, DNS, TLS), 429, and 503;
 *   <li>after the request was sent (408, 502, 504, a read timeout, a reset or a dead pooled connection):
 *       a {@code GET} (including the {@code GET}s of Modal's 303 hand-off), and a {@code POST} only
 *       when the service honours {@code Idempotency-Key}s, so that it can never run twice;
 *   <li>never 400, 401, 403, 404, 422 or 500, and never past the call budget.
 * </ul>
 */
public final class ModalRetries {
  private static final RetryConfig DEFAULTS = RetryConfig.custom()
      .maxAttempts(3)
      .intervalFunction(IntervalFunction.ofExponentialRandomBackoff(Duration.ofMillis(500), 2.0, 0.25,
          Duration.ofSeconds(8)))
      .build();
  private static final RetryConfig NONE = RetryConfig.custom().maxAttempts(1).build();

  private ModalRetries() {}

  /** Three attempts in all; waits of 0.5 s doubling up to 8 s, ±25% jitter, unless the service says. */
  public static RetryConfig defaults() {
    return DEFAULTS;
  }

  /** One attempt: every failure is reported at once (GPU calls cost money). */
  public static RetryConfig none() {
    return NONE;
  }
}
