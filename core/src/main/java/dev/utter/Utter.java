package dev.utter;

import dev.utter.audio.AudioEncoders;
import dev.utter.internal.generation.Generation;
import dev.utter.internal.generation.Outputs;
import dev.utter.spi.ProviderCapabilities;
import dev.utter.spi.ProviderHealth;
import dev.utter.spi.ProviderSettings;
import dev.utter.spi.TtsProvider;
import dev.utter.spi.TtsProviders;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The utter client: speaks text in a cloned voice through one {@link TtsProvider}.
 *
 * <pre>{@code
 * try (Utter utter = Utter.builder().provider("mock").build()) {
 *   Speech speech = utter.generate(GenerationRequest.builder(voice, "Hello!").build());
 *   speech.writeTo(Path.of("hello.wav"));
 * }
 * }</pre>
 *
 * <p>Every request is validated before any provider call, then its text is cut into chunks that fit
 * the provider's limits, the chunks are synthesized in batches or as parallel calls, and the audio is
 * joined in text order with a short crossfade. {@link #generate}, {@link #generateAsync},
 * {@link #generateToFile} and {@link #stream} are four doors into that one path.
 *
 * <p>Clients should be shared: build one, use it from any number of threads, and {@link #close()} it
 * once. Closing it ends its threads and closes a provider it created from an id, not one passed in as
 * an instance.
 *
 * <p>Threads: the client starts threads on demand in three bounded pools of at most
 * {@link Builder#maxThreads(int)} each (provider calls; generations run by {@link #generateAsync} and
 * {@link #stream}; progress listeners), ends them after a minute idle, and queues work beyond the
 * bound: more generations than that wait for a thread rather than fail. An open stream that is not read
 * holds its generation's thread, so close streams you abandon.
 */
public final class Utter implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Utter.class);
  private static final long IDLE_THREAD_SECONDS = 60;

  private final TtsProvider provider;
  private final boolean ownsProvider;
  private final int parallelism;
  private final int maxChunkChars;
  private final int firstChunkChars;
  private final int streamFirstChunkChars;
  private final double bufferedAudioSeconds;
  private final Generation.Joining joining;
  /** Runs provider calls. */
  private final ExecutorService calls;
  /** Runs the generations of {@link #generateAsync} and {@link #stream}, which wait on calls. */
  private final ExecutorService drivers;
  /** Runs progress listeners. */
  private final ExecutorService listeners;
  private volatile boolean closed;

  private Utter(Builder b) {
    if (b.provider != null) {
      this.provider = b.provider;
      this.ownsProvider = false;
    } else {
      this.provider = b.providerFactory.apply(b.settings);
      this.ownsProvider = true;
    }
    this.parallelism = b.parallelism;
    this.maxChunkChars = b.maxChunkChars;
    this.firstChunkChars = b.firstChunkChars;
    this.streamFirstChunkChars = b.streamFirstChunkChars;
    this.bufferedAudioSeconds = b.bufferedAudio.toNanos() / 1e9;
    this.joining = new Generation.Joining(b.crossfade, b.gap);
    this.calls = boundedPool("utter-call-", b.maxThreads);
    this.drivers = boundedPool("utter-generation-", b.maxThreads);
    this.listeners = boundedPool("utter-progress-", b.maxThreads);
  }

  /**
   * A builder; a provider, by id or as an instance, is required.
   *
   * @return a new builder with the defaults listed on its methods
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The provider's id, e.g. {@code "mock"}.
   *
   * @return the id the provider registered under; never null
   */
  public String providerId() {
    return provider.id();
  }

  /**
   * What the provider can do.
   *
   * @return the provider's limits and features
   */
  public ProviderCapabilities capabilities() {
    return provider.capabilities();
  }

  /**
   * Asks the provider whether it can serve. Never throws for an unhealthy provider.
   *
   * @return the provider's answer; a failed check is reported in it, not thrown
   */
  public ProviderHealth health() {
    return provider.health();
  }

  /**
   * Speaks {@code request} and returns the whole speech in memory. Blocks until done.
   *
   * @param request the validated request to speak; not null
   * @return the joined speech of every chunk, in text order
   * @throws InvalidRequestException when the provider cannot serve the request; nothing was sent.
   * @throws UtterException when a provider call fails; {@link UtterException#chunkIndex()} names the chunk.
   * @throws CancellationException when the calling thread is interrupted.
   */
  public Speech generate(GenerationRequest request) {
    return Outputs.toSpeech(start(request, Double.POSITIVE_INFINITY, firstChunkChars), provider.id(),
        request.outputFormat());
  }

  /**
   * Speaks {@code request} on the client's threads. Cancelling the future stops the generation: no
   * provider call starts after {@code cancel} returns. The future always completes: with the speech,
   * exceptionally with whatever ended the generation ({@link UtterException}, or an {@link Error} such
   * as {@link OutOfMemoryError} thrown in a provider call or while joining), or cancelled, only when the
   * caller cancelled it.
   *
   * @param request the request to speak; not null
   * @return a future of the joined speech, completed on the client's threads
   * @throws InvalidRequestException at once when the provider cannot serve the request.
   */
  public CompletableFuture<Speech> generateAsync(GenerationRequest request) {
    Generation generation = start(request, Double.POSITIVE_INFINITY, firstChunkChars);
    CancellingFuture<Speech> future = new CancellingFuture<>(generation);
    future.driver = drivers.submit(() -> {
      try {
        future.complete(Outputs.toSpeech(generation, provider.id(), request.outputFormat()));
      } catch (Throwable e) {
        future.completeExceptionally(e);
        if (e instanceof Error) { // no caller may be looking at the future: say it somewhere
          log.warn("Generation ended by {}", e.toString());
        }
      }
    });
    return future;
  }

  /**
   * Speaks {@code request} straight into a file at {@code target}, in the request's
   * {@link GenerationRequest#outputFormat() output format} (a WAV file by default), holding only a few
   * chunks in memory however long the text. The file appears complete or not at all: on failure or cancellation
   * nothing is left at {@code target} (a file already there is kept).
   *
   * @param request the request to speak; not null
   * @param target where the file goes; its parent directory must exist, and an existing file is
   *     replaced only on success
   * @return the written file's path, format and duration
   * @throws java.io.UncheckedIOException when the file cannot be written.
   */
  public SpeechFile generateToFile(GenerationRequest request, Path target) {
    Objects.requireNonNull(target, "target == null");
    return Outputs.toFile(start(request, bufferedAudioSeconds, firstChunkChars), provider.id(), target,
        request.outputFormat());
  }

  /**
   * Starts speaking {@code request} and returns the speech chunk by chunk as it is ready. The first
   * chunk is a short one (see {@link Builder#streamFirstChunkChars}), so that audio starts after a short
   * call. The caller closes the stream.
   *
   * @param request the request to speak; not null
   * @return an open stream of chunks in text order, which the caller must close
   */
  public SpeechStream stream(GenerationRequest request) {
    return new SpeechStream(start(request, bufferedAudioSeconds, streamFirstChunkChars), drivers,
        request.outputFormat());
  }

  /**
   * Designs a new voice from {@code request}'s description, in one provider call, and returns its
   * preview with a ready {@link Voice} made from it. Blocks until done.
   *
   * @param request the validated design request; not null
   * @return the preview and the voice made from it, held in memory; nothing to close
   * @throws IllegalStateException when this client is closed
   * @throws ConfigurationException naming the provider when it cannot design voices; nothing was sent.
   * @throws InvalidRequestException when the provider's designer does not speak the request's language
   *     (nothing was sent), or the preview is too short to clone from.
   * @throws UtterException when the provider call fails.
   */
  public DesignedVoice design(DesignRequest request) {
    Objects.requireNonNull(request, "request == null");
    if (closed) {
      throw new IllegalStateException("Utter client is closed");
    }
    return VoiceDesigns.design(provider, request);
  }

  /**
   * Whether the provider can design voices ({@link #design}).
   *
   * @return true when the provider offers a {@link dev.utter.spi.VoiceDesigner}; stable for the
   *     client's life
   */
  public boolean designsVoices() {
    return provider.voiceDesigner().isPresent();
  }

  private Generation start(GenerationRequest request, double audioBudgetSeconds, int firstChunkChars) {
    Objects.requireNonNull(request, "request == null");
    if (closed) {
      throw new IllegalStateException("Utter client is closed");
    }
    provider.capabilities().requireServable(request.voice(), request.resolvedLanguage());
    AudioEncoders.checkAvailable(request.outputFormat());
    return new Generation(provider, request, calls, listeners,
        new Generation.Scheduling(parallelism, maxChunkChars, firstChunkChars, audioBudgetSeconds), joining);
  }

  /**
   * Stops the client's threads (interrupting generations still running, whose futures and streams then
   * fail) and closes a provider it created. Idempotent.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    calls.shutdownNow();
    drivers.shutdownNow();
    listeners.shutdownNow();
    if (ownsProvider) {
      try {
        provider.close();
      } catch (RuntimeException e) {
        log.warn("Closing provider {} failed", provider.id(), e);
      }
    }
  }

  /**
   * A pool of at most {@code size} daemon threads named {@code prefix + n}, started on demand and ended
   * after a minute idle; work beyond {@code size} waits in its queue.
   */
  private static ExecutorService boundedPool(String prefix, int size) {
    AtomicInteger count = new AtomicInteger();
    ThreadFactory threads = runnable -> {
      Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
    ThreadPoolExecutor pool = new ThreadPoolExecutor(size, size, IDLE_THREAD_SECONDS, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(), threads);
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }

  /** A future whose cancellation stops its generation. */
  private static final class CancellingFuture<T> extends CompletableFuture<T> {
    private final Generation generation;
    volatile Future<?> driver;

    CancellingFuture(Generation generation) {
      this.generation = generation;
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
      boolean cancelled = super.cancel(mayInterruptIfRunning);
      generation.cancel();
      Future<?> d = driver;
      if (d != null) {
        d.cancel(true);
      }
      return cancelled;
    }
  }

  /** Builds an {@link Utter} client. Not thread-safe. */
  public static final class Builder {
    private TtsProvider provider;
    private Function<ProviderSettings, TtsProvider> providerFactory;
    private ProviderSettings settings = ProviderSettings.fromEnv();
    private int parallelism = 4;
    private int maxThreads = 32;
    private int maxChunkChars = 300;
    private int firstChunkChars;
    private int streamFirstChunkChars = 100;
    private Duration bufferedAudio = Duration.ofSeconds(60);
    private Duration crossfade = Duration.ofMillis(30);
    private Duration gap = Duration.ZERO;

    private Builder() {}

    /**
     * Uses the provider with this id, found with {@link java.util.ServiceLoader} and configured from
     * the environment (see the README for each provider's variables).
     *
     * @param id the provider's id, e.g. {@code "mock"}; not null
     * @return this builder
     */
    public Builder provider(String id) {
      return provider(id, ProviderSettings.fromEnv());
    }

    /**
     * Uses the provider with this id, configured from {@code settings}.
     *
     * @param id the provider's id; not null. Unknown ids fail in {@link #build()}, not here
     * @param settings where the provider reads its configuration; not null
     * @return this builder
     */
    public Builder provider(String id, ProviderSettings settings) {
      Objects.requireNonNull(id, "id == null");
      this.settings = Objects.requireNonNull(settings, "settings == null");
      this.providerFactory = s -> TtsProviders.create(id, s);
      this.provider = null;
      return this;
    }

    /**
     * Uses {@code provider}; the client will not close it.
     *
     * @param provider an open provider that the caller keeps owning and closes; not null
     * @return this builder
     */
    public Builder provider(TtsProvider provider) {
      this.provider = Objects.requireNonNull(provider, "provider == null");
      this.providerFactory = null;
      return this;
    }

    /**
     * The most provider calls one generation runs at once; 4 by default.
     *
     * @param parallelism at least 1
     * @return this builder
     * @throws IllegalArgumentException when {@code parallelism} is below 1
     */
    public Builder parallelism(int parallelism) {
      if (parallelism < 1) {
        throw new IllegalArgumentException("parallelism < 1: " + parallelism);
      }
      this.parallelism = parallelism;
      return this;
    }

    /**
     * The most threads in each of the client's pools (see {@link Utter}); 32 by default. It bounds the
     * provider calls running at once across all generations of the client.
     *
     * @param maxThreads at least 1
     * @return this builder
     * @throws IllegalArgumentException when {@code maxThreads} is below 1
     */
    public Builder maxThreads(int maxThreads) {
      if (maxThreads < 1) {
        throw new IllegalArgumentException("maxThreads < 1: " + maxThreads);
      }
      this.maxThreads = maxThreads;
      return this;
    }

    /**
     * The longest chunk of text sent in one call, in characters, when the provider allows that much;
     * 300 by default (about 20 s of speech). Shorter chunks bring the first audio sooner, spread better
     * over parallel calls and keep long-input drift of the models away; longer ones make fewer joins.
     *
     * @param maxChunkChars at least 1; the provider's own limit still caps it
     * @return this builder
     * @throws IllegalArgumentException when {@code maxChunkChars} is below 1
     */
    public Builder maxChunkChars(int maxChunkChars) {
      if (maxChunkChars < 1) {
        throw new IllegalArgumentException("maxChunkChars < 1: " + maxChunkChars);
      }
      this.maxChunkChars = maxChunkChars;
      return this;
    }

    /**
     * The longest first chunk of a {@link Utter#stream}, in characters: the first sentences that fit, else
     * a clause, else words, sent in a call of its own so that audio starts after a short call while the
     * longer chunks after it are made alongside; 100 by default (about 7 s of speech). 0, or a length of
     * at least {@link #maxChunkChars}, makes the first chunk like the others.
     *
     * @param chars the first chunk's length limit in characters; 0 or more
     * @return this builder
     * @throws IllegalArgumentException when {@code chars} is negative
     */
    public Builder streamFirstChunkChars(int chars) {
      this.streamFirstChunkChars = requireNonNegative(chars, "streamFirstChunkChars");
      return this;
    }

    /**
     * The same as {@link #streamFirstChunkChars} for {@link Utter#generate}, {@link Utter#generateAsync}
     * and {@link Utter#generateToFile}, whose callers get no audio before the end; 0 (off) by default.
     *
     * @param chars the first chunk's length limit in characters; 0 (off) or more
     * @return this builder
     * @throws IllegalArgumentException when {@code chars} is negative
     */
    public Builder firstChunkChars(int chars) {
      this.firstChunkChars = requireNonNegative(chars, "firstChunkChars");
      return this;
    }

    /**
     * How much speech {@link Utter#generateToFile} and {@link Utter#stream} may have synthesized or in flight
     * ahead of what is written or read, estimated from the text; 60 s by default. It bounds their
     * memory whatever the length of the text. {@link Utter#generate} keeps the whole speech and ignores it.
     *
     * @param bufferedAudio zero or positive; not null
     * @return this builder
     */
    public Builder bufferedAudio(Duration bufferedAudio) {
      this.bufferedAudio = requireNonNegative(bufferedAudio, "bufferedAudio");
      return this;
    }

    /**
     * Overlap adjacent chunks by this much, fading one into the next; 30 ms by default.
     *
     * @param crossfade zero or positive; not null. Setting it turns any {@link #gap} off
     * @return this builder
     */
    public Builder crossfade(Duration crossfade) {
      this.crossfade = requireNonNegative(crossfade, "crossfade");
      this.gap = Duration.ZERO;
      return this;
    }

    /**
     * Put this much silence between adjacent chunks instead of crossfading them.
     *
     * @param gap zero or positive; not null. Setting it turns the crossfade off
     * @return this builder
     */
    public Builder gap(Duration gap) {
      this.gap = requireNonNegative(gap, "gap");
      this.crossfade = Duration.ZERO;
      return this;
    }

    /**
     * @return a client that owns its threads, and the provider when it was given by id
     * @throws ConfigurationException when no provider was set, or the id is unknown (the message
     *     lists the ids found), or the provider's settings are incomplete.
     */
    public Utter build() {
      if (provider == null && providerFactory == null) {
        throw new ConfigurationException("No provider: call provider(id) or provider(instance)");
      }
      return new Utter(this);
    }

    private static int requireNonNegative(int value, String name) {
      if (value < 0) {
        throw new IllegalArgumentException(name + " < 0: " + value);
      }
      return value;
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
