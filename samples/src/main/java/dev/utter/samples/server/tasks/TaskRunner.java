package dev.utter.samples.server.tasks;

import dev.utter.GenerationRequest;
import dev.utter.Language;
import dev.utter.Progress;
import dev.utter.Speech;
import dev.utter.samples.server.speech.Speaker;
import dev.utter.samples.server.storage.DataFiles;
import dev.utter.samples.server.storage.GenerationRecord;
import dev.utter.samples.server.storage.TaskRecord;
import dev.utter.samples.server.storage.TaskStore;
import dev.utter.samples.server.storage.VoiceRecord;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs generation tasks. A task is a row in {@code generation_tasks} plus, while it runs, the SDK's
 * {@code generateAsync} future: progress is written to the row as each chunk finishes, and every
 * change of the row is handed to the task's subscribers, ending with its final state. Cancelling
 * cancels the future, so no provider call starts afterwards.
 *
 * <p>{@link #close()} stops running generations without touching their rows, as a crash would: the
 * next start marks them failed. Thread-safe.
 */
public final class TaskRunner implements AutoCloseable {
  /** The error of tasks that a previous run left unfinished. */
  public static final String INTERRUPTED = "Interrupted by a server restart";

  private static final Logger log = LoggerFactory.getLogger(TaskRunner.class);

  private final Speaker speaker;
  private final TaskStore tasks;
  private final Map<String, CompletableFuture<Speech>> running = new ConcurrentHashMap<>();
  private final Map<String, Set<Consumer<TaskRecord>>> subscribers = new ConcurrentHashMap<>();
  private volatile boolean closed;

  public TaskRunner(Speaker speaker, TaskStore tasks) {
    this.speaker = Objects.requireNonNull(speaker, "speaker == null");
    this.tasks = Objects.requireNonNull(tasks, "tasks == null");
  }

  /** Marks tasks left pending or processing by a previous run as failed; returns how many. */
  public int failInterrupted() {
    int count = tasks.failUnfinished(INTERRUPTED);
    if (count > 0) {
      log.info("Marked {} unfinished task(s) from a previous run as failed", count);
    }
    return count;
  }

  /**
   * Starts speaking {@code text} in {@code voice} and returns the new pending task.
   *
   * @throws dev.utter.InvalidRequestException when the provider cannot serve the request; no task is left.
   */
  public TaskRecord submit(VoiceRecord voice, String text, Language language) {
    if (closed) {
      throw new IllegalStateException("TaskRunner is closed");
    }
    String id = DataFiles.newId();
    TaskRecord task = tasks.insert(id, voice.id(), text, language.wireName());
    CompletableFuture<Speech> future;
    try {
      GenerationRequest request = speaker.request(voice, text, language, progress -> onProgress(id, progress));
      future = speaker.utter().generateAsync(request);
    } catch (RuntimeException e) {
      tasks.delete(id);
      throw e;
    }
    running.put(id, future);
    future.whenComplete((speech, error) -> finish(id, voice, text, language, speech, error));
    return task;
  }

  public Optional<TaskRecord> find(String id) {
    return tasks.find(id);
  }

  /**
   * Cancels the task if it is still running. Returns its state afterwards: cancelled, or the final
   * state it reached first; empty when there is no such task.
   */
  public Optional<TaskRecord> cancel(String id) {
    CompletableFuture<Speech> future = running.get(id);
    if (future != null && future.cancel(true) && tasks.cancel(id)) {
      publish(id);
    }
    return tasks.find(id);
  }

  /** Cancels the task if running and deletes it; false when there was no such task. */
  public boolean delete(String id) {
    cancel(id);
    boolean deleted = tasks.delete(id);
    subscribers.remove(id);
    return deleted;
  }

  /**
   * Hands {@code listener} every later state of task {@code id}, from the threads that change it.
   * Returns the action that unsubscribes.
   */
  public Runnable subscribe(String id, Consumer<TaskRecord> listener) {
    Objects.requireNonNull(listener, "listener == null");
    subscribers.computeIfAbsent(id, k -> new CopyOnWriteArraySet<>()).add(listener);
    return () -> {
      Set<Consumer<TaskRecord>> set = subscribers.get(id);
      if (set != null) {
        set.remove(listener);
      }
    };
  }

  private void onProgress(String id, Progress progress) {
    if (!closed && tasks.progress(id, progress.chunksDone(), progress.chunksTotal())) {
      publish(id);
    }
  }

  private void finish(String id, VoiceRecord voice, String text, Language language, Speech speech, Throwable error) {
    running.remove(id);
    if (closed) {
      return;
    }
    Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    boolean changed;
    if (cause == null) {
      changed = complete(id, voice, text, language, speech);
    } else if (cause instanceof CancellationException) {
      changed = tasks.cancel(id);
    } else {
      log.warn("Task {} failed", id, cause);
      changed = tasks.fail(id, "Generation failed: " + message(cause));
    }
    if (changed) {
      publish(id);
    }
    subscribers.remove(id);
  }

  private boolean complete(String id, VoiceRecord voice, String text, Language language, Speech speech) {
    GenerationRecord generation;
    try {
      generation = speaker.save(voice, text, language, speech);
    } catch (RuntimeException e) {
      log.warn("Saving the speech of task {} failed", id, e);
      return tasks.fail(id, "Generation failed: " + message(e));
    }
    int chunks = speech.chunks().size();
    return tasks.complete(id, generation.id(), chunks);
  }

  private static String message(Throwable error) {
    return error.getMessage() != null ? error.getMessage() : error.getClass().getSimpleName();
  }

  private void publish(String id) {
    Set<Consumer<TaskRecord>> listeners = subscribers.get(id);
    if (listeners == null || listeners.isEmpty()) {
      return;
    }
    tasks.find(id).ifPresent(task -> {
      for (Consumer<TaskRecord> listener : listeners) {
        try {
          listener.accept(task);
        } catch (RuntimeException e) {
          log.debug("Task listener failed", e);
        }
      }
    });
  }

  /** Stops running generations, leaving their rows as they are. */
  @Override
  public void close() {
    closed = true;
    running.values().forEach(future -> future.cancel(true));
    running.clear();
    subscribers.clear();
  }
}
