package dev.utter.samples.server.tasks;

import dev.utter.Language;
import dev.utter.Progress;
import dev.utter.ProgressListener;
import dev.utter.samples.server.speech.Speaker;
import dev.utter.samples.server.storage.DataFiles;
import dev.utter.samples.server.storage.DiskFault;
import dev.utter.samples.server.storage.GenerationRecord;
import dev.utter.samples.server.storage.TaskRecord;
import dev.utter.samples.server.storage.TaskStore;
import dev.utter.samples.server.storage.VoiceRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs generation tasks through a bounded queue. A task is a row in {@code generation_tasks}: it is
 * {@code pending} while it waits for one of {@code concurrency} workers (its place in line is {@link
 * #queuePosition}), {@code processing} while a worker streams its speech to a file, and ends
 * {@code completed}, {@code failed} with the cause, or {@code cancelled} by a user. At most
 * {@code queueLimit} tasks wait; one more is refused with {@link ServerBusyException} and nothing is
 * stored. Accepted work is never dropped for load: it waits.
 *
 * <p>Every task a worker takes ends, whatever is thrown, {@link Error}s included (an {@link
 * OutOfMemoryError} fails that task only, naming the cause); a task is marked cancelled only when a user
 * cancelled it. Progress is written to the row as chunks finish, and every change of the row is handed
 * to the task's subscribers, ending with its final state.
 *
 * <p>The workers start with the runner. {@link #close()} stops them without touching the rows of the
 * tasks they were running or that were waiting, as a crash would: the next start marks those failed
 * ({@link #failInterrupted()}). Thread-safe.
 */
public final class TaskRunner implements AutoCloseable {
  /** The error of tasks that a previous run left unfinished. */
  public static final String INTERRUPTED = "Interrupted by a server restart";

  private static final Logger log = LoggerFactory.getLogger(TaskRunner.class);
  /** How long cancelling or closing waits for a running generation to stop (it stops within a few seconds). */
  private static final long STOP_WAIT_SECONDS = 10;

  private final Speaker speaker;
  private final TaskStore tasks;
  private final int queueLimit;
  private final Duration retryAfter;
  private final Object lock = new Object();
  /** Waiting tasks in the order they were submitted; guarded by {@link #lock}. */
  private final LinkedHashMap<String, Job> waiting = new LinkedHashMap<>();
  /** Guarded by {@link #lock}. */
  private final Map<String, Job> running = new HashMap<>();
  private final List<Thread> workers = new ArrayList<>();
  private final Map<String, Set<Consumer<TaskRecord>>> subscribers = new ConcurrentHashMap<>();
  private volatile boolean closed;

  /**
   * Starts {@code concurrency} workers.
   *
   * @param queueLimit how many tasks may wait for a worker
   * @param retryAfter what a client refused for a full queue is told to wait
   */
  public TaskRunner(Speaker speaker, TaskStore tasks, int concurrency, int queueLimit, Duration retryAfter) {
    this.speaker = Objects.requireNonNull(speaker, "speaker == null");
    this.tasks = Objects.requireNonNull(tasks, "tasks == null");
    this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter == null");
    if (concurrency < 1 || queueLimit < 0) {
      throw new IllegalArgumentException("concurrency " + concurrency + " < 1 or queueLimit " + queueLimit + " < 0");
    }
    this.queueLimit = queueLimit;
    for (int i = 1; i <= concurrency; i++) {
      Thread worker = new Thread(this::work, "utter-task-" + i);
      worker.setDaemon(true);
      workers.add(worker);
    }
    workers.forEach(Thread::start);
  }

  /** Marks tasks left pending or processing by a previous run as failed; returns how many. */
  public int failInterrupted() {
    int count = tasks.failUnfinished(INTERRUPTED);
    if (count > 0) {
      log.info("Marked {} unfinished task(s) from a previous run as failed: {}", count, INTERRUPTED);
    }
    return count;
  }

  /**
   * Queues speaking {@code text} in {@code voice} and returns the new pending task.
   *
   * @throws dev.utter.InvalidRequestException when the text or voice breaks the SDK's rules; no task is left.
   * @throws ServerBusyException when {@code queueLimit} tasks are already waiting; no task is left.
   */
  public TaskRecord submit(VoiceRecord voice, String text, Language language) {
    speaker.request(voice, text, language, ProgressListener.NONE);
    String id = DataFiles.newId();
    TaskRecord task = tasks.insert(id, voice.id(), text, language.wireName());
    synchronized (lock) {
      if (!closed && waiting.size() < queueLimit) {
        waiting.put(id, new Job(id, voice, text, language));
        lock.notify();
        return task;
      }
    }
    tasks.delete(id);
    if (closed) {
      throw new IllegalStateException("TaskRunner is closed");
    }
    throw new ServerBusyException("Server busy: " + queueLimit + " tasks are already waiting. Retry later",
        retryAfter);
  }

  public Optional<TaskRecord> find(String id) {
    return tasks.find(id);
  }

  /** The place of task {@code id} in line, 1 for the next to start; empty when it is not waiting. */
  public OptionalInt queuePosition(String id) {
    synchronized (lock) {
      int place = 1;
      for (String waitingId : waiting.keySet()) {
        if (waitingId.equals(id)) {
          return OptionalInt.of(place);
        }
        place++;
      }
    }
    return OptionalInt.empty();
  }

  /**
   * Cancels the task if it is waiting or running; a running one has stopped when this returns, so no
   * provider call of it starts afterwards. Returns its state afterwards: cancelled, or the final state
   * it reached first; empty when there is no such task.
   */
  public Optional<TaskRecord> cancel(String id) {
    boolean wasWaiting;
    Job job;
    synchronized (lock) {
      wasWaiting = waiting.remove(id) != null;
      job = running.get(id);
      if (job != null) {
        job.cancelled = true;
        job.worker.interrupt();
      }
    }
    if ((wasWaiting || job != null) && tasks.cancel(id)) {
      log.info("Task {} cancelled by the user while {}", id, wasWaiting ? "waiting" : "running");
      publish(id);
    }
    if (job != null) {
      job.awaitStopped();
    }
    if (wasWaiting) {
      publishQueue();
    }
    return tasks.find(id);
  }

  /** Cancels the task if waiting or running and deletes it; false when there was no such task. */
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

  /** A worker: takes the oldest waiting task, runs it, and again, until closed. */
  private void work() {
    while (true) {
      Job job;
      synchronized (lock) {
        while (waiting.isEmpty() && !closed) {
          try {
            lock.wait();
          } catch (InterruptedException e) {
            return;
          }
        }
        if (closed) {
          return;
        }
        Iterator<Job> oldest = waiting.values().iterator();
        job = oldest.next();
        oldest.remove();
        job.worker = Thread.currentThread();
        running.put(job.id, job);
      }
      try {
        publishQueue();
        run(job);
      } finally {
        synchronized (lock) {
          running.remove(job.id);
          job.worker = null;
          Thread.interrupted(); // a cancel's interrupt is for this job only, never the next
        }
        job.stopped.countDown();
      }
    }
  }

  /** The task boundary: whatever happens inside, the task ends in a final state naming why. */
  private void run(Job job) {
    try {
      if (!tasks.start(job.id)) {
        return; // cancelled or deleted before it started
      }
      publish(job.id);
      GenerationRecord generation = speaker.speakToFile(job.voice, job.text, job.language,
          progress -> progress(job, progress));
      if (tasks.complete(job.id, generation.id(), job.chunksTotal)) {
        log.info("Task {} completed: generation {}, {} s", job.id, generation.id(), generation.durationSeconds());
        publish(job.id);
      } else {
        speaker.discard(generation);
        log.info("Task {} was cancelled or deleted as it finished; its audio was discarded", job.id);
      }
    } catch (Throwable error) {
      end(job, error);
    }
  }

  private void end(Job job, Throwable error) {
    try {
      if (closed) {
        log.info("Task {} stopped by the server shutting down; the next start marks it failed", job.id);
      } else if (job.cancelled) {
        if (tasks.cancel(job.id)) {
          publish(job.id);
        }
      } else {
        String cause = cause(error);
        log.error("Task {} failed: {}", job.id, cause, error);
        if (tasks.fail(job.id, "Generation failed: " + cause)) {
          publish(job.id);
        }
      }
    } catch (Throwable again) {
      log.error("Task {} could not be marked as ended ({}); the next start marks it failed", job.id, again, error);
    }
  }

  /** Why a task failed, in words for its row and the page: no stack trace, no exception class where a message says more. */
  static String cause(Throwable error) {
    if (error instanceof OutOfMemoryError) {
      return "the server ran out of memory";
    }
    Optional<DiskFault> disk = DiskFault.of(error);
    if (disk.isPresent()) {
      return "the data directory is " + disk.get().condition();
    }
    if (error instanceof CancellationException) {
      return "the generation was interrupted";
    }
    String message = error.getMessage();
    return message == null || message.isBlank() ? error.getClass().getSimpleName() : message;
  }

  private void progress(Job job, Progress progress) {
    job.chunksTotal = progress.chunksTotal();
    try {
      if (tasks.progress(job.id, progress.chunksDone(), progress.chunksTotal())) {
        publish(job.id);
      }
    } catch (RuntimeException e) {
      log.warn("Recording the progress of task {} failed: {}", job.id, e.toString());
    }
  }

  /** Tells the subscribers of every waiting task its new place in line. */
  private void publishQueue() {
    List<String> ids;
    synchronized (lock) {
      ids = new ArrayList<>(waiting.keySet());
    }
    ids.stream().filter(subscribers::containsKey).forEach(this::publish);
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
      if (task.status().isFinal()) {
        subscribers.remove(id);
      }
    });
  }

  /** Stops the workers, leaving the rows of running and waiting tasks as they are. */
  @Override
  public void close() {
    synchronized (lock) {
      closed = true;
      waiting.clear();
      running.values().forEach(job -> job.worker.interrupt());
      lock.notifyAll();
    }
    for (Thread worker : workers) {
      try {
        worker.join(TimeUnit.SECONDS.toMillis(STOP_WAIT_SECONDS));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    subscribers.clear();
  }

  /** One task, from its submission until a worker is done with it. */
  private static final class Job {
    final String id;
    final VoiceRecord voice;
    final String text;
    final Language language;
    final CountDownLatch stopped = new CountDownLatch(1);
    /** The worker running it; guarded by the runner's lock. */
    Thread worker;
    volatile boolean cancelled;
    volatile int chunksTotal;

    Job(String id, VoiceRecord voice, String text, Language language) {
      this.id = id;
      this.voice = voice;
      this.text = text;
      this.language = language;
    }

    void awaitStopped() {
      try {
        if (!stopped.await(STOP_WAIT_SECONDS, TimeUnit.SECONDS)) {
          log.warn("Task {} still running {} s after it was cancelled", id, STOP_WAIT_SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
