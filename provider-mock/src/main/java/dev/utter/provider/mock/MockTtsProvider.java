package dev.utter.provider.mock;

import dev.utter.InvalidRequestException;
import dev.utter.UtterException;
import dev.utter.UtterException.Details;
import dev.utter.Voice;
import dev.utter.audio.PcmAudio;
import dev.utter.provider.mock.internal.Pitch;
import dev.utter.provider.mock.internal.SpeechSignal;
import dev.utter.spi.ProviderCapabilities;
import dev.utter.spi.ProviderHealth;
import dev.utter.spi.SynthesisRequest;
import dev.utter.spi.TtsProvider;
import dev.utter.spi.Sleeper;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * A provider that speaks without a model: a speech-like signal (voiced syllables at the voice's pitch,
 * pauses at spaces and punctuation, longer at {@code . ! ?} than at {@code , ;}) whose length follows
 * the text at about 14 characters a second. The same voice, text and seed always give the same
 * samples, on any JVM. The pitch is estimated from a WAV reference by autocorrelation, or derived from
 * the reference's hash, between 80 and 300 Hz, and cached per reference. Audio longer than
 * {@link ProviderCapabilities#maxAudioSecondsPerCall()} (when set) is cut there, as a model stops at its
 * sequence length.
 *
 * <pre>{@code
 * MockTtsProvider provider = MockTtsProvider.builder()
 *     .capabilities(MockPresets.ECHO)
 *     .latency(Duration.ofMillis(800), Duration.ofMillis(200))
 *     .failFirst(1, () -> new ProviderUnavailableException("cold"))
 *     .build();
 * try (Utter utter = Utter.builder().provider(provider).build()) { ... }
 * provider.recorder().calls(); // what reached the provider
 * }</pre>
 *
 * <p>It checks each call as a real backend would: blank text, a language it does not list, a voice
 * without the transcript it requires, or text over a per-call limit is an {@link InvalidRequestException}.
 * Each {@link #synthesize} and each {@link #synthesizeBatch} is one call: it is recorded, checked,
 * waits its latency once (the cold start too, on the very first call), may fail as configured, then
 * makes its audio. A thread interrupted while waiting ends the call with a {@link CancellationException}
 * and keeps its interrupt status.
 *
 * <p>Thread-safe. {@link #close()} is idempotent; calls after it fail.
 */
public final class MockTtsProvider implements TtsProvider {
  /** The provider id, {@value}. */
  public static final String ID = "mock";
  /** The seed of the latency jitter. */
  static final long JITTER_SEED = 0x6a09e667L;

  private final ProviderCapabilities capabilities;
  private final Duration latency;
  private final Duration jitter;
  private final Duration coldStart;
  private final int failFirst;
  private final Supplier<? extends UtterException> failFirstError;
  private final double failureRate;
  private final Supplier<? extends UtterException> failureRateError;
  private final Sleeper sleeper;
  private final Clock clock;
  private final Random jitterRandom = new Random(JITTER_SEED);
  private final Random failureRandom;
  private final CallRecorder recorder = new CallRecorder();
  private final AtomicInteger callsPastLatency = new AtomicInteger();
  private final AtomicBoolean cold = new AtomicBoolean(true);
  private final Map<String, Double> pitchByReference = new ConcurrentHashMap<>();
  private volatile boolean closed;

  private MockTtsProvider(Builder b) {
    this.capabilities = b.capabilities;
    this.latency = b.latency;
    this.jitter = b.jitter;
    this.coldStart = b.coldStart;
    this.failFirst = b.failFirst;
    this.failFirstError = b.failFirstError;
    this.failureRate = b.failureRate;
    this.failureRateError = b.failureRateError;
    this.failureRandom = new Random(b.failureSeed);
    this.sleeper = b.sleeper;
    this.clock = b.clock;
  }

  /** A builder; everything is optional: by default Qwen-like capabilities, no latency, no failures. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public ProviderCapabilities capabilities() {
    return capabilities;
  }

  /** What calls reached this provider. */
  public CallRecorder recorder() {
    return recorder;
  }

  @Override
  public PcmAudio synthesize(SynthesisRequest request) {
    Objects.requireNonNull(request, "request == null");
    return call(List.of(request)).get(0);
  }

  /** Synthesizes up to {@link ProviderCapabilities#maxBatchSize()} chunks of one voice in one call. */
  @Override
  public List<PcmAudio> synthesizeBatch(List<SynthesisRequest> requests) {
    Objects.requireNonNull(requests, "requests == null");
    return call(List.copyOf(requests));
  }

  private List<PcmAudio> call(List<SynthesisRequest> requests) {
    Instant start = clock.instant();
    boolean interrupted = false;
    try {
      if (closed) {
        throw new IllegalStateException("MockTtsProvider is closed");
      }
      checkBatch(requests);
      requests.forEach(this::check);
      await(delay());
      injectFailure();
      List<PcmAudio> out = new ArrayList<>(requests.size());
      for (SynthesisRequest request : requests) {
        out.add(speak(request));
      }
      return out;
    } catch (CancellationException e) {
      interrupted = true;
      throw e;
    } finally {
      recorder.record(new CallRecorder.Call(
          requests.stream().map(SynthesisRequest::chunkIndex).collect(Collectors.toList()),
          requests.stream().map(SynthesisRequest::text).collect(Collectors.toList()),
          start, clock.instant(), interrupted));
    }
  }

  private void checkBatch(List<SynthesisRequest> requests) {
    if (requests.isEmpty() || requests.size() > capabilities.maxBatchSize()) {
      throw invalid("A call takes 1 to " + capabilities.maxBatchSize() + " chunks, got " + requests.size(),
          "batch_too_large");
    }
    Voice voice = requests.get(0).voice();
    for (SynthesisRequest request : requests) {
      if (!request.voice().id().equals(voice.id())) {
        throw invalid("A batch speaks in one voice", "invalid_batch");
      }
    }
  }

  private void check(SynthesisRequest request) {
    String text = request.text();
    if (text.isBlank()) {
      throw invalid("Text must not be blank", "invalid_text");
    }
    capabilities.requireServable(request.voice(), request.language());
    checkLimit(text.length(), capabilities.maxCharsPerCall(), "characters");
    checkLimit(text.getBytes(StandardCharsets.UTF_8).length, capabilities.maxUtf8BytesPerCall(), "UTF-8 bytes");
    checkLimit(text.strip().split("\\s+").length, capabilities.maxWordsPerCall(), "words");
  }

  private static void checkLimit(int actual, int max, String unit) {
    if (max > 0 && actual > max) {
      throw invalid("Text too long for one call: " + actual + " " + unit + ", max " + max, "text_too_long");
    }
  }

  private Duration delay() {
    Duration delay = latency;
    if (!jitter.isZero()) {
      double offset = (jitterRandom.nextDouble() * 2 - 1) * jitter.toNanos();
      delay = delay.plusNanos(Math.round(offset));
    }
    if (cold.compareAndSet(true, false)) {
      delay = delay.plus(coldStart);
    }
    return delay.isNegative() ? Duration.ZERO : delay;
  }

  private void await(Duration delay) {
    if (Thread.currentThread().isInterrupted()) {
      throw new CancellationException("Mock call cancelled: thread interrupted");
    }
    if (delay.isZero()) {
      return;
    }
    try {
      sleeper.sleep(delay);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      CancellationException cancelled = new CancellationException("Mock call cancelled: thread interrupted");
      cancelled.initCause(e);
      throw cancelled;
    }
  }

  private void injectFailure() {
    if (callsPastLatency.incrementAndGet() <= failFirst) {
      throw failFirstError.get();
    }
    if (failureRate > 0 && failureRandom.nextDouble() < failureRate) {
      throw failureRateError.get();
    }
  }

  private PcmAudio speak(SynthesisRequest request) {
    Voice voice = request.voice();
    String sha256 = voice.reference().sha256();
    double pitch = pitchByReference.computeIfAbsent(sha256,
        hash -> Pitch.ofReference(voice.reference().bytes(), hash));
    long seed = request.seed().orElse(0L);
    seed = seed * 1_000_003L + request.text().hashCode();
    seed = seed * 1_000_003L + sha256.hashCode();
    int rate = capabilities.sampleRate();
    short[] samples = SpeechSignal.of(request.text(), rate, pitch, seed);
    double maxSeconds = capabilities.maxAudioSecondsPerCall();
    if (maxSeconds > 0 && samples.length > maxSeconds * rate) {
      samples = Arrays.copyOf(samples, (int) (maxSeconds * rate));
    }
    return PcmAudio.of(rate, samples);
  }

  @Override
  public ProviderHealth health() {
    if (closed) {
      return ProviderHealth.down("closed");
    }
    return ProviderHealth.up("mock provider, " + capabilities.sampleRate() + " Hz",
        Map.of("sampleRate", Integer.toString(capabilities.sampleRate()),
            "maxBatchSize", Integer.toString(capabilities.maxBatchSize())));
  }

  /** Idempotent; later calls fail with {@link IllegalStateException}. */
  @Override
  public void close() {
    closed = true;
  }

  private static InvalidRequestException invalid(String message, String code) {
    return new InvalidRequestException(message, Details.ofCode(code), null);
  }

  /** Builds a {@link MockTtsProvider}. Not thread-safe. */
  public static final class Builder {
    private ProviderCapabilities capabilities = MockPresets.QWEN;
    private Duration latency = Duration.ZERO;
    private Duration jitter = Duration.ZERO;
    private Duration coldStart = Duration.ZERO;
    private int failFirst;
    private Supplier<? extends UtterException> failFirstError;
    private double failureRate;
    private long failureSeed;
    private Supplier<? extends UtterException> failureRateError;
    private Sleeper sleeper = Sleeper.SYSTEM;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /** What the provider advertises and enforces; {@link MockPresets#QWEN} by default. */
    public Builder capabilities(ProviderCapabilities capabilities) {
      this.capabilities = Objects.requireNonNull(capabilities, "capabilities == null");
      return this;
    }

    /**
     * Each call waits {@code fixed} plus a uniform offset within ±{@code jitter}, drawn from a
     * {@link Random} with a fixed seed (never below zero). None by default.
     */
    public Builder latency(Duration fixed, Duration jitter) {
      this.latency = requireNonNegative(fixed, "fixed");
      this.jitter = requireNonNegative(jitter, "jitter");
      return this;
    }

    /** The very first call waits this much more, as a model loading on a cold container would. */
    public Builder coldStart(Duration coldStart) {
      this.coldStart = requireNonNegative(coldStart, "coldStart");
      return this;
    }

    /** The first {@code n} calls that pass their checks fail with a fresh exception from {@code error}. */
    public Builder failFirst(int n, Supplier<? extends UtterException> error) {
      if (n < 0) {
        throw new IllegalArgumentException("n < 0: " + n);
      }
      this.failFirst = n;
      this.failFirstError = Objects.requireNonNull(error, "error == null");
      return this;
    }

    /**
     * Each call that passes its checks fails with probability {@code rate}, drawn from a {@link Random}
     * seeded with {@code seed}, with a fresh exception from {@code error}.
     */
    public Builder failureRate(double rate, long seed, Supplier<? extends UtterException> error) {
      if (!(rate >= 0 && rate <= 1)) {
        throw new IllegalArgumentException("rate must be within 0 and 1: " + rate);
      }
      this.failureRate = rate;
      this.failureSeed = seed;
      this.failureRateError = Objects.requireNonNull(error, "error == null");
      return this;
    }

    /** What waits the latency; {@link Sleeper#SYSTEM} by default. Tests inject one that records. */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper == null");
      return this;
    }

    /**
     * What the {@link CallRecorder} reads call times from; the system clock by default. A fake clock
     * that the injected {@linkplain #sleeper sleeper} advances makes recorded durations exact.
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock == null");
      return this;
    }

    /** A new provider with this builder's settings. */
    public MockTtsProvider build() {
      return new MockTtsProvider(this);
    }

    private static Duration requireNonNegative(Duration d, String name) {
      Objects.requireNonNull(d, name + " == null");
      if (d.isNegative()) {
        throw new IllegalArgumentException(name + " < 0: " + d);
      }
      return d;
    }
  }
}
