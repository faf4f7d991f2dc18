package dev.utter.internal.generation;

import dev.utter.ChunkTiming;
import dev.utter.GenerationFailedException;
import dev.utter.GenerationRequest;
import dev.utter.Progress;
import dev.utter.UtterException;
import dev.utter.audio.AudioJoiner;
import dev.utter.audio.PcmAudio;
import dev.utter.internal.generation.ChunkPlan.Unit;
import dev.utter.spi.ProviderCapabilities;
import dev.utter.spi.SynthesisRequest;
import dev.utter.spi.TtsProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One generation: the plan of chunks, the provider calls scheduled over it, and the ordered delivery
 * of joined audio to a sink. Sync, async, streaming and file output all run through {@link #run}.
 *
 * <p>Scheduling: units (a batch, or one chunk) are submitted ahead of the unit being delivered while
 * fewer than {@code 2 × parallelism} units and less than the audio budget of estimated speech are
 * outstanding (one unit is always allowed), and at most {@code parallelism} provider calls run at once,
 * started in unit order ({@link CallPermits}): a later unit never takes a permit an earlier one waits for.
 * With a finite budget, memory therefore holds about a budget's worth of audio however long the text.
 *
 * <p>Cancellation: once {@link #cancel()} returns, no provider call is running and none will start.
 * A unit that fails ends the generation at once with the failure, tagged with its first chunk's index.
 */
public final class Generation {
  private static final Logger log = LoggerFactory.getLogger(Generation.class);
  private static final long CANCEL_WAIT_MILLIS = 10_000;

  private final TtsProvider provider;
  private final GenerationRequest request;
  private final ExecutorService executor;
  private final CallPermits callPermits;
  private final int window;
  private final double audioBudgetSeconds;
  private final Joining joining;
  private final ChunkPlan plan;
  private final long startNanos = System.nanoTime();

  private final ProgressEvents progress;

  private final Object lock = new Object();
  private final List<Future<?>> tasks = new ArrayList<>();
  /** The result of each submitted unit, by unit index; null once delivered. Guarded by lock. */
  private final List<CompletableFuture<List<PcmAudio>>> results = new ArrayList<>();
  /** The first failure of a provider call: an UtterException or an Error. Guarded by lock. */
  private Throwable failure;
  private final ChunkTiming[] timings;
  private boolean cancelled;
  private int callsRunning;
  private int chunksDone;
  private double audioSecondsDone;

  /**
   * How a generation is scheduled.
   *
   * @param parallelism the most provider calls at once
   * @param maxChunkChars the longest chunk sent, below the provider's own limits
   * @param firstChunkChars the longest first chunk, sent alone so that the first audio comes sooner;
   *     0 for a first chunk like the others
   * @param audioBudgetSeconds the most estimated speech outstanding ahead of the consumer, or
   *     {@link Double#POSITIVE_INFINITY} when the whole speech is kept anyway
   */
  public record Scheduling(int parallelism, int maxChunkChars, int firstChunkChars, double audioBudgetSeconds) {}

  /** How adjacent chunks are joined. */
  public record Joining(Duration crossfade, Duration gap) {
    AudioJoiner joiner(int sampleRate) {
      return gap.isZero() ? AudioJoiner.crossfade(sampleRate, crossfade) : AudioJoiner.gap(sampleRate, gap);
    }
  }

  /**
   * Plans the chunks at once; no provider call is made before {@link #run}. The generation never shuts
   * down the executors: their owner does.
   *
   * @param provider the provider to call; not closed by the generation
   * @param request the validated request to speak
   * @param executor runs the provider calls
   * @param progressExecutor runs the progress listener, one event at a time for this generation
   * @param scheduling how many calls run at once and how the text is cut
   * @param joining how adjacent chunks are joined
   */
  public Generation(TtsProvider provider, GenerationRequest request, ExecutorService executor,
      Executor progressExecutor, Scheduling scheduling, Joining joining) {
    this.provider = provider;
    this.request = request;
    this.executor = executor;
    this.progress = new ProgressEvents(request.progressListener(), progressExecutor);
    this.callPermits = new CallPermits(scheduling.parallelism());
    this.window = scheduling.parallelism() * 2;
    this.audioBudgetSeconds = scheduling.audioBudgetSeconds();
    this.joining = joining;
    this.plan = ChunkPlan.of(request.text(), provider.capabilities(), scheduling.maxChunkChars(),
        scheduling.firstChunkChars(), scheduling.audioBudgetSeconds());
    this.timings = new ChunkTiming[plan.size()];
  }

  /**
   * The sample rate of every chunk: the provider's.
   *
   * @return the rate in Hz
   */
  public int sampleRate() {
    return provider.capabilities().sampleRate();
  }

  /**
   * The number of chunks the text was cut into.
   *
   * @return at least 1
   */
  public int chunkCount() {
    return plan.size();
  }

  /**
   * The timing of each chunk, in text order; for use once {@link #run} has returned.
   *
   * @return an unmodifiable snapshot
   */
  public List<ChunkTiming> timings() {
    synchronized (lock) {
      return List.of(timings);
    }
  }

  /**
   * Wall-clock time since the generation was created.
   *
   * @return never negative
   */
  public Duration elapsed() {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }

  /**
   * Synthesizes every chunk and hands the joined audio to {@code sink} in text order. Blocks until all
   * audio is delivered.
   *
   * @param sink receives the joined audio in order, on the calling thread
   * @throws UtterException when a chunk fails, naming the chunk.
   * @throws CancellationException when the generation was cancelled or the thread interrupted.
   */
  public void run(AudioSink sink) {
    ProviderCapabilities capabilities = provider.capabilities();
    List<Unit> units = plan.units();
    AudioJoiner joiner = joining.joiner(capabilities.sampleRate());
    report();
    progress.deliver();
    double outstandingSeconds = 0;
    try {
      for (int next = 0; next < units.size(); next++) {
        for (int submitted = submittedUnits(); submitted < units.size() && submitted - next < window
            && (submitted == next
                || outstandingSeconds + units.get(submitted).estimatedSeconds() <= audioBudgetSeconds);
            submitted++) {
          outstandingSeconds += units.get(submitted).estimatedSeconds();
          submit(units.get(submitted));
        }
        List<PcmAudio> audio = await(resultOf(next));
        Unit unit = units.get(next);
        for (int i = 0; i < unit.size(); i++) {
          int index = unit.first() + i;
          PcmAudio piece = joiner.append(audio.get(i));
          if (index == plan.size() - 1) {
            piece = piece.concat(joiner.finish());
          }
          sink.accept(index, plan.size(), unit.texts().get(i), piece);
        }
        delivered(next);
        outstandingSeconds -= unit.estimatedSeconds();
      }
    } catch (InterruptedException e) {
      cancel();
      Thread.currentThread().interrupt();
      throw new CancellationException("Generation interrupted");
    } catch (IOException e) {
      cancel();
      throw new UncheckedIOException(e);
    } catch (IllegalArgumentException e) {
      cancel();
      throw new GenerationFailedException("The provider returned audio the SDK cannot join: " + e.getMessage(),
          UtterException.Details.NONE, e);
    } catch (RuntimeException | Error e) {
      cancel();
      throw e;
    }
  }

  /**
   * Stops the generation: no provider call starts after this returns, and calls in flight are
   * interrupted and waited for (up to a few seconds). Idempotent.
   */
  public void cancel() {
    progress.stop();
    synchronized (lock) {
      stopCalls();
      long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CANCEL_WAIT_MILLIS);
      boolean interrupted = false;
      while (callsRunning > 0) {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0) {
          log.warn("{} provider call(s) still running {} ms after cancel", callsRunning, CANCEL_WAIT_MILLIS);
          break;
        }
        try {
          lock.wait(left);
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * Marks the generation cancelled, interrupts its calls without waiting for them, and ends every
   * result not yet in, including those of units whose call never started.
   */
  private void stopCalls() {
    synchronized (lock) {
      if (!cancelled) {
        cancelled = true;
        for (Future<?> task : tasks) {
          task.cancel(true);
        }
        for (CompletableFuture<List<PcmAudio>> result : results) {
          if (result != null) {
            result.cancel(false);
          }
        }
      }
    }
  }

  private void submit(Unit unit) {
    CompletableFuture<List<PcmAudio>> result = new CompletableFuture<>();
    synchronized (lock) {
      int turn = results.size();
      results.add(result);
      if (cancelled) {
        result.cancel(false);
        return;
      }
      tasks.add(executor.submit(() -> call(unit, turn, result)));
    }
  }

  private int submittedUnits() {
    synchronized (lock) {
      return results.size();
    }
  }

  private CompletableFuture<List<PcmAudio>> resultOf(int unit) {
    synchronized (lock) {
      return results.get(unit);
    }
  }

  /** Forgets a delivered unit's result, so its audio can be collected. */
  private void delivered(int unit) {
    synchronized (lock) {
      results.set(unit, null);
    }
  }

  private void call(Unit unit, int turn, CompletableFuture<List<PcmAudio>> result) {
    boolean permitted = false;
    boolean started = false;
    try {
      callPermits.acquire(turn);
      permitted = true;
      synchronized (lock) {
        if (cancelled) {
          result.cancel(false);
          return;
        }
        callsRunning++;
        started = true;
      }
      long callStart = System.nanoTime();
      List<PcmAudio> audio = synthesize(unit);
      Duration latency = Duration.ofNanos(System.nanoTime() - callStart);
      completed(unit, audio, latency);
      result.complete(audio);
    } catch (InterruptedException | CancellationException e) {
      result.cancel(false);
    } catch (UtterException e) {
      fail(result, e.atChunk(unit.first(), plan.size()));
    } catch (RuntimeException e) {
      fail(result, new GenerationFailedException(
          "Chunk " + (unit.first() + 1) + " of " + plan.size() + " failed: " + e,
          UtterException.Details.NONE.withChunkIndex(unit.first()), e));
    } catch (Error e) {
      fail(result, e);
      throw e;
    } finally {
      if (permitted) {
        callPermits.release();
      }
      if (started) {
        synchronized (lock) {
          callsRunning--;
          lock.notifyAll();
        }
      }
    }
  }

  private List<PcmAudio> synthesize(Unit unit) {
    List<SynthesisRequest> requests = new ArrayList<>(unit.size());
    for (int i = 0; i < unit.size(); i++) {
      requests.add(new SynthesisRequest(request.voice(), unit.texts().get(i), request.resolvedLanguage(),
          request.seed(), request.providerOptions().orElse(null), unit.first() + i));
    }
    List<PcmAudio> audio = unit.size() == 1
        ? List.of(provider.synthesize(requests.get(0)))
        : provider.synthesizeBatch(requests);
    if (audio.size() != unit.size()) {
      throw new GenerationFailedException("The provider returned " + audio.size() + " results for a batch of "
          + unit.size());
    }
    if (Thread.currentThread().isInterrupted()) {
      throw new CancellationException("Generation cancelled");
    }
    return audio;
  }

  private void completed(Unit unit, List<PcmAudio> audio, Duration latency) {
    synchronized (lock) {
      if (cancelled) {
        return;
      }
      for (int i = 0; i < unit.size(); i++) {
        PcmAudio a = audio.get(i);
        timings[unit.first() + i] =
            new ChunkTiming(unit.first() + i, unit.texts().get(i).length(), a.durationSeconds(), latency);
        audioSecondsDone += a.durationSeconds();
      }
      chunksDone += unit.size();
      report();
    }
    progress.deliver();
  }

  /** Queues the progress so far; the listener hears it once the caller has let go of the lock. */
  private void report() {
    synchronized (lock) {
      progress.publish(new Progress(chunksDone, plan.size(), audioSecondsDone, elapsed()));
    }
  }

  /**
   * Records the first failure and stops the other calls, so the consumer learns of it at once; the
   * consumer then reports this failure, not the cancellation of the other calls.
   */
  private void fail(CompletableFuture<List<PcmAudio>> result, Throwable e) {
    synchronized (lock) {
      if (failure == null && !cancelled) {
        failure = e;
      }
    }
    result.completeExceptionally(e);
    stopCalls();
  }

  private List<PcmAudio> await(CompletableFuture<List<PcmAudio>> result) throws InterruptedException {
    try {
      return result.get();
    } catch (ExecutionException | CancellationException e) {
      Throwable failed;
      synchronized (lock) {
        failed = failure;
      }
      if (failed instanceof Error error) {
        throw error;
      }
      if (failed != null) {
        throw (UtterException) failed;
      }
      if (e instanceof CancellationException) {
        throw new CancellationException("Generation cancelled");
      }
      Throwable cause = e.getCause();
      if (cause instanceof Error error) {
        throw error;
      }
      throw new GenerationFailedException("Generation failed: " + cause, UtterException.Details.NONE, cause);
    }
  }
}
