package dev.utter;

import java.time.Duration;
import java.util.Optional;

/**
 * The service asked the client to slow down (HTTP 429) and retries, if enabled, did not get through.
 * {@link #retryAfter()} is the wait the service asked for, when it said.
 */
public class RateLimitedException extends UtterException {
  private static final long serialVersionUID = 1L;

  /** The wait the service asked for; null when it did not say. */
  private final Duration retryAfter;

  /**
   * An exception for an HTTP 429 answer.
   *
   * @param message what failed, in words a user can act on; never credentials
   * @param retryAfter the wait the service asked for (from {@code Retry-After}), or null when it
   *     did not say
   * @param details status, request id, server message, code and chunk; {@link Details#NONE} when
   *     there are none
   * @param cause the underlying failure, or null
   */
  public RateLimitedException(String message, Duration retryAfter, Details details, Throwable cause) {
    super(message, details, cause);
    this.retryAfter = retryAfter;
  }

  /** Always true: the same request can succeed once the service has room again. */
  @Override
  public boolean retryable() {
    return true;
  }

  /**
   * How long the service asked the client to wait before the next call, when it said.
   *
   * @return the wait, or empty
   */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  @Override
  public RateLimitedException atChunk(int index, int total) {
    return new RateLimitedException(
        chunkMessage(index, total, getMessage()), retryAfter, details().withChunkIndex(index), this);
  }
}
