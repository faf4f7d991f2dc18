package dev.utter.transport;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When and how long a {@link ModalTransport} waits before trying a failed call again. Only failures
 * that cannot have started a generation, or that the service asked to repeat, are retried: connection
 * failures and HTTP 408, 429, 502, 503 and 504. A {@code Retry-After-Ms} or {@code Retry-After} header
 * sets the wait; otherwise the wait grows exponentially from {@link Builder#initialBackoff} up to
 * {@link Builder#maxBackoff}, shortened by a random jitter. GPU calls cost money: retries can be
 * switched off with {@link #disabled()}. Immutable.
 */
public final class RetryPolicy {
  private static final RetryPolicy DEFAULTS = builder().build();

  private final int maxRetries;
  private final Duration initialBackoff;
  private final Duration maxBackoff;
  private final double jitter;

  private RetryPolicy(Builder b) {
    this.maxRetries = b.maxRetries;
    this.initialBackoff = b.initialBackoff;
    this.maxBackoff = b.maxBackoff;
    this.jitter = b.jitter;
  }

  /** Two retries, 0.5 s doubling up to 8 s, up to 25% jitter. */
  public static RetryPolicy defaults() {
    return DEFAULTS;
  }

  /** No retries: every failure is reported at once. */
  public static RetryPolicy disabled() {
    return builder().maxRetries(0).build();
  }

  /** A builder starting from the {@linkplain #defaults() defaults}. */
  public static Builder builder() {
    return new Builder();
  }

  /** The most attempts after the first. */
  public int maxRetries() {
    return maxRetries;
  }

  /**
   * The wait before retry number {@code retry} (1-based) when the service did not say:
   * {@code initialBackoff · 2^(retry-1)}, capped at {@code maxBackoff}, minus up to {@code jitter} of it.
   */
  public Duration backoff(int retry) {
    long base = initialBackoff.toMillis() << Math.min(Math.max(retry - 1, 0), 30);
    long capped = Math.min(Math.max(base, 0), maxBackoff.toMillis());
    double factor = 1.0 - jitter * ThreadLocalRandom.current().nextDouble();
    return Duration.ofMillis(Math.round(capped * factor));
  }

  @Override
  public String toString() {
    return "RetryPolicy{maxRetries=" + maxRetries + ", initialBackoff=" + initialBackoff
        + ", maxBackoff=" + maxBackoff + ", jitter=" + jitter + '}';
  }

  /** Builds a {@link RetryPolicy}. Not thread-safe. */
  public static final class Builder {
    private int maxRetries = 2;
    private Duration initialBackoff = Duration.ofMillis(500);
    private Duration maxBackoff = Duration.ofSeconds(8);
    private double jitter = 0.25;

    private Builder() {}

    /** The most attempts after the first; 0 switches retries off. */
    public Builder maxRetries(int maxRetries) {
      if (maxRetries < 0) {
        throw new IllegalArgumentException("maxRetries < 0: " + maxRetries);
      }
      this.maxRetries = maxRetries;
      return this;
    }

    public Builder initialBackoff(Duration initialBackoff) {
      this.initialBackoff = requireNonNegative(initialBackoff, "initialBackoff");
      return this;
    }

    public Builder maxBackoff(Duration maxBackoff) {
      this.maxBackoff = requireNonNegative(maxBackoff, "maxBackoff");
      return this;
    }

    /** The largest fraction, 0 to 1, by which a computed backoff is shortened at random. */
    public Builder jitter(double jitter) {
      if (!(jitter >= 0 && jitter <= 1)) {
        throw new IllegalArgumentException("jitter not in [0, 1]: " + jitter);
      }
      this.jitter = jitter;
      return this;
    }

    public RetryPolicy build() {
      return new RetryPolicy(this);
    }

    private static Duration requireNonNegative(Duration value, String name) {
      Objects.requireNonNull(value, name + " == null");
      if (value.isNegative()) {
        throw new IllegalArgumentException(name + " < 0: " + value);
      }
      return value;
    }
  }
}
