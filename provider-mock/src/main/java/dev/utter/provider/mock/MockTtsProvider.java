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
import dev.utter.spi.VoiceDesigner;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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
 *     .capabilities(MockPresets.QWEN)
 *     .latency(LatencyModel.A10G_QWEN_0_6B.scaled(0.01)) // 100 times faster than the GPU
 *     .failFirst(1, () -> new ProviderUnavailableException("cold"))
 *     .build();
 * try (Utter utter = Utter.builder().provider(provider).build()) { ... }
 * provider.recorder().calls(); // what reached the provider
 * }</pre>
 *
 * <p>It designs voices too ({@link #voiceDesigner()}, unless {@link Builder#voiceDesign(boolean)} turns it
 * off): a preview at a pitch and brightness taken from a hash of the description, the same bytes for
 * the same request.
 *
 * <p>It checks each call as a real backend would: blank text, a language it does not list, a voice
 * without the transcript it requires, or text over a per-call limit is an {@link InvalidRequestException}.
 * Each {@link #synthesize} and each {@link #synthesizeBatch} is one call: it is recorded, checked,
 * makes its audio, waits once for what its {@link LatencyModel} says that audio costs (plus any wait for a
 * free slot of the service, plus the cold start on the very first call), may fail as configured, then
 * returns the audio. A thread interrupted while waiting ends the call with a {@link CancellationException}
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
  private final Signal signal;
  private final LatencyModel latency;
  private final ServiceQueue queue;
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
  private final Optional<VoiceDesigner> designer;
  private volatile boolean closed;

  private MockTtsProvider(Builder b) {
    this.capabilities = b.capabilities;
    this.signal = b.signal;
    this.latency = b.latency;
    this.queue = new ServiceQueue(b.latency.maxConcurrentCalls());
    this.coldStart = b.coldStart;
    this.failFirst = b.failFirst;
    this.failFirstError = b.failFirstError;
    this.failureRate = b.failureRate;
    this.failureRateError = b.failureRateError;
    this.failureRandom = new Random(b.failureSeed);
    this.sleeper = b.sleeper;
    this.clock = b.clock;
    this.designer = b.voiceDesign
        ? Optional.of(new MockVoiceDesigner(capabilities, this::designCall)) : Optional.empty();
  }

  /** What the mock's audio sounds like. */
  public enum Signal {
    /** The speech-like signal described above (the default). */
    SPEECH,
    /**
     * Silence of the same length, made without work: for load tests and benchmarks, where the time a
     * client machine would spend making the speech-like signal would be counted against the client.
     */
    SILENCE
  }

  /**
   * A builder; everything is optional: by default Qwen-like capabilities, no latency, no failures.
   *
   * @return a new builder
   */
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

  /**
   * What calls reached this provider.
   *
   * @return this provider's recorder, live: it keeps recording later calls
   */
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
      List<PcmAudio> out = new ArrayList<>(requests.size());
      for (SynthesisRequest request : requests) {
        out.add(speak(request));
      }
      // The call ends when the model says, counted from its arrival: making the mock's own audio is
      // part of the modelled time, not added to it.
      Instant end = queue.admit(start, serviceTime(out));
      await(Duration.between(clock.instant(), end));
      injectFailure();
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

  /** What the latency model says making {@code audio} costs, jittered, plus the cold start on the first call. */
  private Duration serviceTime(List<PcmAudio> audio) {
    List<Double> seconds = audio.stream().map(PcmAudio::durationSeconds).collect(Collectors.toList());
    double u = latency.jitter() == 0 ? 0 : jitterRandom.nextDouble() * 2 - 1;
    Duration time = latency.withJitter(latency.cost(seconds), u);
    return cold.compareAndSet(true, false) ? time.plus(coldStart) : time;
  }

  private void await(Duration delay) {
    if (Thread.currentThread().isInterrupted()) {
      throw new CancellationException("Mock call cancelled: thread interrupted");
    }
    if (delay.isZero() || delay.isNegative()) {
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
    int rate = capabilities.sampleRate();
    short[] samples = signal == Signal.SILENCE
        ? SpeechSignal.silence(request.text(), rate)
        : speechSignal(request, rate);
    double maxSeconds = capabilities.maxAudioSecondsPerCall();
    if (maxSeconds > 0 && samples.length > maxSeconds * rate) {
      samples = Arrays.copyOf(samples, (int) (maxSeconds * rate));
    }
    return PcmAudio.of(rate, samples);
  }

  private short[] speechSignal(SynthesisRequest request, int rate) {
    Voice voice = request.voice();
    String sha256 = voice.reference().sha256();
    double pitch = pitchByReference.computeIfAbsent(sha256,
        hash -> Pitch.ofReference(voice.reference().bytes(), hash));
    long seed = request.seed().orElse(0L);
    seed = seed * 1_000_003L + request.text().hashCode();
    seed = seed * 1_000_003L + sha256.hashCode();
    return SpeechSignal.of(request.text(), rate, pitch, seed);
  }

  /**
   * A design call is a call of this backend: the preview is made, then the call takes the latency
   * model's time for it (counted from its arrival, like a synthesis call) and may fail as configured.
   */
  private PcmAudio designCall(Supplier<PcmAudio> preview) {
    Instant start = clock.instant();
    if (closed) {
      throw new IllegalStateException("MockTtsProvider is closed");
    }
    PcmAudio out = preview.get();
    Instant end = queue.admit(start, serviceTime(List.of(out)));
    await(Duration.between(clock.instant(), end));
    injectFailure();
    return out;
  }

  /** Designs voices ({@link MockVoiceDesigner}) unless the builder turned it off. */
  @Override
  public Optional<VoiceDesigner> voiceDesigner() {
    return designer;
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
    private Signal signal = Signal.SPEECH;
    private LatencyModel latency = LatencyModel.NONE;
    private Duration coldStart = Duration.ZERO;
    private int failFirst;
    private Supplier<? extends UtterException> failFirstError;
    private double failureRate;
    private long failureSeed;
    private Supplier<? extends UtterException> failureRateError;
    private Sleeper sleeper = Sleeper.SYSTEM;
    private Clock clock = Clock.systemUTC();
    private boolean voiceDesign = true;

    private Builder() {}

    /**
     * What the provider advertises and enforces; {@link MockPresets#QWEN} by default.
     *
     * @param capabilities the limits requests are checked against
     * @return this builder
     * @throws NullPointerException when {@code capabilities} is null
     */
    public Builder capabilities(ProviderCapabilities capabilities) {
      this.capabilities = Objects.requireNonNull(capabilities, "capabilities == null");
      return this;
    }

    /**
     * What the audio sounds like; {@link Signal#SPEECH} by default.
     *
     * @param signal speech-like audio or silence of the same length
     * @return this builder
     * @throws NullPointerException when {@code signal} is null
     */
    public Builder signal(Signal signal) {
      this.signal = Objects.requireNonNull(signal, "signal == null");
      return this;
    }

    /**
     * How long each call takes; {@link LatencyModel#NONE} by default.
     *
     * @param latency the cost model, replacing any latency set before
     * @return this builder
     * @throws NullPointerException when {@code latency} is null
     */
    public Builder latency(LatencyModel latency) {
      this.latency = Objects.requireNonNull(latency, "latency == null");
      return this;
    }

    /**
     * Each call waits {@code fixed} plus a uniform offset within ±{@code jitter}, drawn from a
     * {@link Random} with a fixed seed, whatever audio it makes: the {@link LatencyModel} with only a
     * fixed cost per call.
     *
     * @param fixed the mean wait of each call; zero or positive
     * @param jitter the most a wait differs from {@code fixed}; zero or positive
     * @return this builder
     * @throws NullPointerException when either is null
     * @throws IllegalArgumentException when either is negative
     * @throws IllegalArgumentException when {@code jitter} exceeds {@code fixed}.
     */
    public Builder latency(Duration fixed, Duration jitter) {
      requireNonNegative(fixed, "fixed");
      requireNonNegative(jitter, "jitter");
      if (jitter.compareTo(fixed) > 0) {
        throw new IllegalArgumentException("jitter " + jitter + " exceeds the latency " + fixed);
      }
      return latency(LatencyModel.builder()
          .perCall(fixed)
          .jitter(fixed.isZero() ? 0 : jitter.toNanos() / (double) fixed.toNanos())
          .build());
    }

    /**
     * The very first call waits this much more, as a model loading on a cold container would.
     *
     * @param coldStart the extra wait; zero (the default) or positive
     * @return this builder
     * @throws NullPointerException when {@code coldStart} is null
     * @throws IllegalArgumentException when it is negative
     */
    public Builder coldStart(Duration coldStart) {
      this.coldStart = requireNonNegative(coldStart, "coldStart");
      return this;
    }

    /**
     * The first {@code n} calls that pass their checks fail with a fresh exception from {@code error}.
     *
     * @param n how many calls fail; 0 (the default) for none
     * @param error makes the exception thrown by each failing call
     * @return this builder
     * @throws NullPointerException when {@code error} is null
     * @throws IllegalArgumentException when {@code n} is negative
     */
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
     *
     * @param rate the probability of failure, 0 (the default) to 1
     * @param seed seeds the draws, so a run fails the same calls every time
     * @param error makes the exception thrown by each failing call
     * @return this builder
     * @throws NullPointerException when {@code error} is null
     * @throws IllegalArgumentException when {@code rate} is outside 0 to 1 or NaN
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

    /**
     * What waits the latency; {@link Sleeper#SYSTEM} by default. Tests inject one that records.
     *
     * @param sleeper called with each wait
     * @return this builder
     * @throws NullPointerException when {@code sleeper} is null
     */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper == null");
      return this;
    }

    /**
     * What the {@link CallRecorder} reads call times from; the system clock by default. A fake clock
     * that the injected {@linkplain #sleeper sleeper} advances makes recorded durations exact.
     *
     * @param clock the clock to read
     * @return this builder
     * @throws NullPointerException when {@code clock} is null
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock == null");
      return this;
    }

    /**
     * Whether the provider designs voices ({@link TtsProvider#voiceDesigner()}): deterministically, a
     * pitch and timbre from a hash of the description. A design call waits the latency and may fail
     * like a synthesis call (it counts towards {@link #failFirst}); the {@link CallRecorder} lists only
     * synthesis calls. On by default.
     *
     * @param voiceDesign false to build a provider without voice design
     * @return this builder
     */
    public Builder voiceDesign(boolean voiceDesign) {
      this.voiceDesign = voiceDesign;
      return this;
    }

    /**
     * A new provider with this builder's settings.
     *
     * @return a new provider, which the caller owns and closes
     */
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
