package dev.utter.provider.mock;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How long a {@link MockTtsProvider} call takes, modelled on a text-to-speech service on a GPU: a fixed
 * cost per call, plus compute in proportion to the audio the call makes, with a batch of chunks costing
 * less than the same chunks called one by one, a random spread, and a limit on how many calls the service
 * runs at once.
 *
 * <p>A call that makes {@code s1 … sn} seconds of audio (one chunk, or a batch of n) costs
 *
 * <pre>
 *   perCall + realTimeFactor × (longest + batchMarginalCost × (s1 + … + sn − longest))
 * </pre>
 *
 * <p>times {@code (1 + jitter × u)}, with {@code u} drawn uniformly from [−1, 1] by a seeded
 * {@link java.util.Random}. A batch pays the fixed cost once and its longest chunk in full, as a GPU
 * steps all sequences of a batch together; each further chunk adds only {@code batchMarginalCost} of its
 * own cost. With {@link #maxConcurrentCalls()} set, the service runs at most that many calls side by side
 * at full speed (as that many containers would, or one container with Modal's {@code max_inputs}); a call
 * beyond it waits for the first one to end, first come first served, and its latency includes the wait.
 *
 * <p>{@link #A10G_QWEN_0_6B} holds figures measured on the original app's deployment; {@link #scaled}
 * shrinks them so that tests and benchmarks run in seconds with the same shape.
 *
 * <p>Immutable and thread-safe.
 */
public final class LatencyModel {
  /** No latency at all: every call returns as soon as its audio is made. */
  public static final LatencyModel NONE = builder().build();

  /**
   * Qwen3-TTS 0.6B on an A10G, from the original app's measurements (REFERENCE.md): 56 characters took
   * 11.1 s and 800 characters 87.6 s one call each; at 14 characters a second of speech the straight line
   * through both is 5.3 s a call plus 1.44 s per second of speech. A batch of about 20 chunks ran 8–11 times
   * faster than real time: a marginal cost of 0.02 makes 20 chunks of 20 s cost 5.3 + 1.44 × 27.6 = 45 s
   * for 400 s of speech, 8.9 times faster than real time. The jitter (± 10 %) is an assumption, not a
   * measurement; the limit of 10 calls at once is the original deployment's {@code max_inputs}.
   */
  public static final LatencyModel A10G_QWEN_0_6B = builder()
      .perCall(Duration.ofMillis(5300))
      .realTimeFactor(1.44)
      .batchMarginalCost(0.02)
      .jitter(0.1)
      .maxConcurrentCalls(10)
      .build();

  private final Duration perCall;
  private final double realTimeFactor;
  private final double batchMarginalCost;
  private final double jitter;
  private final int maxConcurrentCalls;

  private LatencyModel(Builder b) {
    this.perCall = b.perCall;
    this.realTimeFactor = b.realTimeFactor;
    this.batchMarginalCost = b.batchMarginalCost;
    this.jitter = b.jitter;
    this.maxConcurrentCalls = b.maxConcurrentCalls;
  }

  /**
   * A builder that starts from {@link #NONE}: no fixed cost, no compute, batch chunks at full cost
   * ({@code batchMarginalCost} 1), no jitter, no limit on calls at once.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder that starts from this model's settings.
   *
   * @return a new builder; this model is unchanged by it
   */
  public Builder toBuilder() {
    return new Builder()
        .perCall(perCall)
        .realTimeFactor(realTimeFactor)
        .batchMarginalCost(batchMarginalCost)
        .jitter(jitter)
        .maxConcurrentCalls(maxConcurrentCalls);
  }

  /**
   * The fixed cost of every call, a batch included.
   *
   * @return zero or positive
   */
  public Duration perCall() {
    return perCall;
  }

  /**
   * Seconds of compute per second of audio made; above 1 is slower than real time.
   *
   * @return a finite number, 0 or more
   */
  public double realTimeFactor() {
    return realTimeFactor;
  }

  /**
   * The share of its own cost that each chunk of a batch beyond the longest adds.
   *
   * @return 0 (chunks ride free) to 1 (no batch discount)
   */
  public double batchMarginalCost() {
    return batchMarginalCost;
  }

  /**
   * The spread of a call's cost, as a fraction of it either side.
   *
   * @return 0 (none) to 1
   */
  public double jitter() {
    return jitter;
  }

  /**
   * The most calls the service runs at once.
   *
   * @return the limit, or 0 for no limit
   */
  public int maxConcurrentCalls() {
    return maxConcurrentCalls;
  }

  /**
   * This model with its fixed cost and real-time factor multiplied by {@code factor} (e.g. 0.02 to run 50
   * times faster); the batch discount, jitter and concurrency limit are unchanged, so ratios between
   * calls keep their shape.
   *
   * @param factor finite and above 0
   * @return a new model; this one is unchanged
   * @throws IllegalArgumentException when {@code factor} is not a finite number above 0
   */
  public LatencyModel scaled(double factor) {
    if (!(factor > 0) || Double.isInfinite(factor)) {
      throw new IllegalArgumentException("factor must be > 0: " + factor);
    }
    return toBuilder()
        .perCall(Duration.ofNanos(Math.round(perCall.toNanos() * factor)))
        .realTimeFactor(realTimeFactor * factor)
        .build();
  }

  /**
   * The cost of one call that makes {@code audioSeconds} (one entry per chunk), before jitter and
   * before any wait for a free slot.
   *
   * @param audioSeconds the seconds of audio each chunk of the call makes
   * @return {@code perCall + realTimeFactor × (longest + batchMarginalCost × rest)}
   * @throws NullPointerException when {@code audioSeconds} or an element is null
   */
  public Duration cost(List<Double> audioSeconds) {
    Objects.requireNonNull(audioSeconds, "audioSeconds == null");
    double longest = 0;
    double total = 0;
    for (double seconds : audioSeconds) {
      longest = Math.max(longest, seconds);
      total += seconds;
    }
    double computeSeconds = realTimeFactor * (longest + batchMarginalCost * (total - longest));
    return perCall.plusNanos(Math.round(computeSeconds * 1e9));
  }

  /** {@code cost} spread by the jitter, for a draw {@code u} within [−1, 1]. */
  Duration withJitter(Duration cost, double u) {
    if (jitter == 0) {
      return cost;
    }
    return Duration.ofNanos(Math.round(cost.toNanos() * (1 + jitter * u)));
  }

  @Override
  public String toString() {
    return "LatencyModel{perCall=" + perCall + ", realTimeFactor=" + realTimeFactor + ", batchMarginalCost="
        + batchMarginalCost + ", jitter=" + jitter + ", maxConcurrentCalls=" + maxConcurrentCalls + "}";
  }

  /** Builds a {@link LatencyModel}; every setting is optional. Not thread-safe. */
  public static final class Builder {
    private Duration perCall = Duration.ZERO;
    private double realTimeFactor;
    private double batchMarginalCost = 1;
    private double jitter;
    private int maxConcurrentCalls;

    private Builder() {}

    /**
     * The fixed cost of every call; zero by default.
     *
     * @param perCall zero or positive
     * @return this builder
     * @throws NullPointerException when {@code perCall} is null
     * @throws IllegalArgumentException when it is negative
     */
    public Builder perCall(Duration perCall) {
      Objects.requireNonNull(perCall, "perCall == null");
      if (perCall.isNegative()) {
        throw new IllegalArgumentException("perCall < 0: " + perCall);
      }
      this.perCall = perCall;
      return this;
    }

    /**
     * Seconds of compute per second of audio made; 0 by default.
     *
     * @param realTimeFactor a finite number, 0 or more
     * @return this builder
     * @throws IllegalArgumentException when it is negative, infinite or NaN
     */
    public Builder realTimeFactor(double realTimeFactor) {
      if (!(realTimeFactor >= 0) || Double.isInfinite(realTimeFactor)) {
        throw new IllegalArgumentException("realTimeFactor must be a number >= 0: " + realTimeFactor);
      }
      this.realTimeFactor = realTimeFactor;
      return this;
    }

    /**
     * The share of its own cost each chunk of a batch beyond the longest adds; 1 by default.
     *
     * @param batchMarginalCost 0 to 1
     * @return this builder
     * @throws IllegalArgumentException when it is outside 0 to 1 or NaN
     */
    public Builder batchMarginalCost(double batchMarginalCost) {
      this.batchMarginalCost = fraction(batchMarginalCost, "batchMarginalCost");
      return this;
    }

    /**
     * The spread of each call's cost either side, as a fraction of it; 0 by default.
     *
     * @param jitter 0 to 1
     * @return this builder
     * @throws IllegalArgumentException when it is outside 0 to 1 or NaN
     */
    public Builder jitter(double jitter) {
      this.jitter = fraction(jitter, "jitter");
      return this;
    }

    /**
     * The most calls the service runs at once, others queueing; 0 (the default) for no limit.
     *
     * @param maxConcurrentCalls 0 or more
     * @return this builder
     * @throws IllegalArgumentException when it is negative
     */
    public Builder maxConcurrentCalls(int maxConcurrentCalls) {
      if (maxConcurrentCalls < 0) {
        throw new IllegalArgumentException("maxConcurrentCalls < 0: " + maxConcurrentCalls);
      }
      this.maxConcurrentCalls = maxConcurrentCalls;
      return this;
    }

    /**
     * A model with these settings; the builder may be reused.
     *
     * @return a new immutable model
     */
    public LatencyModel build() {
      return new LatencyModel(this);
    }

    private static double fraction(double value, String name) {
      if (!(value >= 0 && value <= 1)) {
        throw new IllegalArgumentException(name + " must be within 0 and 1: " + value);
      }
      return value;
    }
  }
}
