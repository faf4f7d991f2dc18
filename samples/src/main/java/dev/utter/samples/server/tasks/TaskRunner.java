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
import dev.utter.samples.server.storage.TaskStore.ClaimedTask;
import dev.utter.samples.server.storage.VoiceRecord;
import dev.utter.samples.server.storage.VoiceStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
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
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs generation tasks as durable jobs in the database's {@code generation_tasks}, the one line every
 * instance on that database shares. A task is {@code pending} while it waits (its place in line is
 * {@link #queuePosition}), {@code processing} while a worker of some instance streams its speech to a
 * file, and ends {@code completed}, {@code failed} with the cause, or {@code cancelled} by a user. At
 * most {@code queueLimit} tasks wait; one more is refused with {@link ServerBusyException} and nothing is
 * stored. Accepted work is never dropped for load: it waits.
 *
 * <p>Each of the {@code concurrency} workers of this instance claims the job first in line with a lease
 * ({@link TaskStore#claim}) and renews it every {@link JobTimings#renewEvery()} while it works, reading
 * at the same time whether a user cancelled the job on any instance. A job whose lease ran out because
 * its instance died is claimed again by a worker of any instance and finished; its partial file is
 * removed, and its generation is recorded with the job's completion in one transaction, once: the
 * generation takes the task's id, and {@code generations.task_id} is unique. A worker that finds it lost
 * its lease stops and writes nothing more. Progress is stored in the row (at most every {@link
 * JobTimings#pollEvery()}, and the last step always), so any instance can show it: subscribers get every
 * change made on this instance at once, and changes made elsewhere within {@code pollEvery}.
 *
 * <p>Every task a worker takes ends, whatever is thrown, {@link Error}s included (an {@link
 * OutOfMemoryError} fails that task only, naming the cause); a task is marked cancelled only when a user
 * cancelled it.
 *
 * <p>{@link #close()} stops the workers and puts the tasks they were running back in line, in their
 * places: another instance on a shared database takes them over at once; on SQLite the next start marks
 * them failed ({@link #failInterrupted}), as after a crash. After a crash, where nothing is put back,
 * another instance takes them over once their lease runs out. Thread-safe.
 */
public final class TaskRunner implements AutoCloseable {
  /** The error of tasks that a previous run left unfinished. */
  public static final String INTERRUPTED = "Interrupted by a server restart";

  private static final Logger log = LoggerFactory.getLogger(TaskRunner.class);
  /** How long cancelling or closing waits for a running generation to stop (it stops within a few seconds). */
  private static final long STOP_WAIT_SECONDS = 10;

  private final Speaker speaker;
  private final TaskStore tasks;
  private final VoiceStore voices;
  private final DataFiles files;
  private final String owner;
  private final int queueLimit;
  private final Duration retryAfter;
  private final JobTimings timings;
  private final Clock clock;
  private final Object lock = new Object();
  /** Jobs this instance runs, by task id; guarded by {@link #lock}. */
  private final Map<String, Job> running = new HashMap<>();
  private final List<Thread> workers = new ArrayList<>();
  private final ScheduledExecutorService timers;
  private final Map<String, Set<Consumer<TaskRecord>>> subscribers = new ConcurrentHashMap<>();
  /** What each subscribed task's subscribers saw last, so that nothing is handed twice. */
  private final Map<String, String> lastSeen = new ConcurrentHashMap<>();
  private volatile boolean closed;
  /** The last failure to claim a job, or null when claiming works; logged once per kind. */
  private volatile String claimFailure;

  /**
   * Starts {@code concurrency} workers of the instance {@code owner} (a name unique among the instances
   * on the database, e.g. a random id per start).
   *
   * @param queueLimit how many tasks may wait, on all instances together
   * @param retryAfter what a client refused for a full queue is told to wait
   */
  public TaskRunner(Speaker speaker, TaskStore tasks, VoiceStore voices, DataFiles files, String owner,
      int concurrency, int queueLimit, Duration retryAfter, JobTimings timings, Clock clock) {
    this.speaker = Objects.requireNonNull(speaker, "speaker == null");
    this.tasks = Objects.requireNonNull(tasks, "tasks == null");
    this.voices = Objects.requireNonNull(voices, "voices == null");
    this.files = Objects.requireNonNull(files, "files == null");
    this.owner = Objects.requireNonNull(owner, "owner == null");
    this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter == null");
    this.timings = Objects.requireNonNull(timings, "timings == null");
    this.clock = Objects.requireNonNull(clock, "clock == null");
    if (concurrency < 1 || queueLimit < 0) {
      throw new IllegalArgumentException("concurrency " + concurrency + " < 1 or queueLimit " + queueLimit + " < 0");
    }
    this.queueLimit = queueLimit;
    for (int i = 1; i <= concurrency; i++) {
      Thread worker = new Thread(this::work, "utter-task-" + i);
      worker.setDaemon(true);
      workers.add(worker);
    }
    timers = Executors.newScheduledThreadPool(2, r -> {
      Thread t = new Thread(r, "utter-task-timer");
      t.setDaemon(true);
      return t;
    });
    timers.scheduleWithFixedDelay(this::renewLeases, timings.renewEvery().toMillis(),
        timings.renewEvery().toMillis(), TimeUnit.MILLISECONDS);
    timers.scheduleWithFixedDelay(this::watchSubscribed, timings.pollEvery().toMillis(),
        timings.pollEvery().toMillis(), TimeUnit.MILLISECONDS);
    workers.forEach(Thread::start);
  }

  /**
   * Marks tasks left pending or processing by a previous run as failed; returns how many. Only for the
   * one instance on a SQLite file, before its runner starts: on a shared database those tasks may be
   * another instance's.
   */
  public static int failInterrupted(TaskStore tasks) {
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
    if (closed) {
      throw new IllegalStateException("TaskRunner is closed");
    }
    speaker.request(voice, text, language, ProgressListener.NONE); // refuses a bad request before anything is stored
    String id = DataFiles.newId();
    TaskRecord task = tasks.insert(id, voice.id(), text, language.wireName());
    if (tasks.queuePosition(id).orElse(0) > queueLimit) {
      tasks.delete(id);
      throw new ServerBusyException("Server busy: " + queueLimit + " tasks are already waiting. Retry later",
          retryAfter);
    }
    synchronized (lock) {
      lock.notifyAll();
    }
    return task;
  }

  public Optional<TaskRecord> find(String id) {
    return tasks.find(id);
  }

  /** The place of task {@code id} in the shared line, 1 for the next to start; empty when it is not waiting. */
  public OptionalInt queuePosition(String id) {
    return tasks.queuePosition(id);
  }

  /**
   * Cancels the task if it is waiting or running, on this instance or another. A running one has
   * stopped when this returns (within about {@link JobTimings#renewEvery()} plus the provider call in
   * flight when another instance runs it), so no provider call of it starts afterwards. Returns its
   * state afterwards: cancelled, or the final state it reached first; empty when there is no such task.
   */
  public Optional<TaskRecord> cancel(String id) {
    Job job;
    synchronized (lock) {
      job = running.get(id);
      if (job != null) {
        job.cancelled = true;
        job.worker.interrupt();
      }
    }
    if (job != null) {
      if (tasks.cancel(id)) {
        log.info("Task {} cancelled by the user while running", id);
        publish(id);
      }
      job.awaitStopped();
    } else if (tasks.cancelWaiting(id)) {
      log.info("Task {} cancelled by the user while waiting", id);
      publish(id);
    } else if (tasks.requestCancel(id)) {
      log.info("Task {} cancelled by the user while running on another instance", id);
      awaitRemoteStop(id);
    }
    return tasks.find(id);
  }

  /** Waits until another instance stopped task {@code id}, or cancels it where that instance died. */
  private void awaitRemoteStop(String id) {
    Instant deadline = clock.instant().plusSeconds(STOP_WAIT_SECONDS);
    while (clock.instant().isBefore(deadline)) {
      Optional<TaskRecord> task = tasks.find(id);
      if (task.isEmpty() || task.get().status().isFinal()) {
        return;
      }
      if (tasks.cancelAbandoned(id)) {
        publish(id);
        return;
      }
      synchronized (lock) {
        try {
          lock.wait(timings.pollEvery().toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
    log.warn("Task {} still running on another instance {} s after it was cancelled", id, STOP_WAIT_SECONDS);
  }

  /** Cancels the task if waiting or running and deletes it; false when there was no such task. */
  public boolean delete(String id) {
    cancel(id);
    boolean deleted = tasks.delete(id);
    subscribers.remove(id);
    lastSeen.remove(id);
    return deleted;
  }

  /**
   * Hands {@code listener} every later state of task {@code id}: changes made on this instance from the
   * threads that make them, changes made on another instance within {@link JobTimings#pollEvery()}.
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

  /** A worker: claims the job first in line, runs it, and again, until closed. */
  private void work() {
    while (!closed) {
      Optional<ClaimedTask> claimed;
      try {
        claimed = tasks.claim(owner, clock.instant().plus(timings.lease()));
        if (claimFailure != null) {
          claimFailure = null;
          log.info("Looking for work works again");
        }
      } catch (RuntimeException e) {
        if (!e.toString().equals(claimFailure)) { // once per kind of failure, not every poll
          log.warn("Looking for work failed, trying again every {} ms: {}", timings.pollEvery().toMillis(), e.toString());
        }
        claimFailure = e.toString();
        claimed = Optional.empty();
      }
      if (claimed.isEmpty()) {
        synchronized (lock) {
          if (closed) {
            return;
          }
          try {
            lock.wait(timings.pollEvery().toMillis());
          } catch (InterruptedException e) {
            return;
          }
        }
        continue;
      }
      Job job = new Job(claimed.get().task(), Thread.currentThread());
      synchronized (lock) {
        running.put(job.task.id(), job);
      }
      try {
        run(job, claimed.get().attempt());
      } finally {
        synchronized (lock) {
          running.remove(job.task.id());
          Thread.interrupted(); // a cancel's interrupt is for this job only, never the next
        }
        job.stopped.countDown();
      }
    }
  }

  /** The task boundary: whatever happens inside, the task ends in a final state naming why. */
  private void run(Job job, int attempt) {
    String id = job.task.id();
    try {
      if (attempt > 1) {
        int removed = files.removePartials(id);
        log.info("Task {} taken over from an instance whose lease ran out (attempt {}, {} partial file(s) removed)",
            id, attempt, removed);
      }
      publish(id);
      VoiceRecord voice = voices.find(job.task.voiceId())
          .orElseThrow(() -> new IllegalStateException("its voice was deleted"));
      GenerationRecord generation = speaker.render(id, voice, job.task.text(),
          Language.fromWireName(job.task.language()), progress -> progress(job, progress));
      if (tasks.complete(id, owner, generation, job.chunksTotal)) {
        log.info("Task {} completed: generation {}, {} s", id, generation.id(), generation.durationSeconds());
        publish(id);
      } else {
        settleUnrecorded(job, generation);
      }
    } catch (Throwable error) {
      end(job, error);
    }
  }

  /**
   * The job's generation could not be recorded: the job ended meanwhile (cancelled, deleted: its file
   * goes) or belongs to another instance now (the file at the same path is, or will be, that instance's
   * result: it stays).
   */
  private void settleUnrecorded(Job job, GenerationRecord generation) {
    Optional<TaskRecord> now = tasks.find(job.task.id());
    if (now.isPresent() && (!now.get().status().isFinal() || now.get().generationId() != null)) {
      log.info("Task {} was taken over by another instance; its result is that instance's", job.task.id());
    } else {
      speaker.discardFile(generation);
      log.info("Task {} was cancelled or deleted as it finished; its audio was discarded", job.task.id());
    }
  }

  private void end(Job job, Throwable error) {
    String id = job.task.id();
    try {
      if (closed) {
        log.info("Task {} stopped by the server shutting down; it goes back in line", id);
      } else if (job.lost) {
        log.warn("Task {} stopped: this instance lost its lease, another instance runs it", id);
      } else if (job.cancelled) {
        if (tasks.cancel(id)) {
          publish(id);
        }
      } else {
        String cause = cause(error);
        log.error("Task {} failed: {}", id, cause, error);
        if (tasks.fail(id, owner, "Generation failed: " + cause)) {
          publish(id);
        }
      }
    } catch (Throwable again) {
      log.error("Task {} could not be marked as ended ({}); it is left to the next start or another instance",
          id, again, error);
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

  /**
   * Stores {@code progress} at most every {@link JobTimings#pollEvery()} (nobody reads the row more
   * often), and the last step always; a step held back is stored by the next lease renewal, so the row
   * never lags behind a generation that stalls.
   */
  private void progress(Job job, Progress progress) {
    job.chunksTotal = progress.chunksTotal();
    boolean last = progress.chunksDone() >= progress.chunksTotal();
    // Rows are written under the job's lock, as in storeHeldBackProgress: the two threads' writes then
    // reach the row in the order they were decided, so an older step never overwrites a newer one.
    boolean stored;
    synchronized (job) {
      Instant now = clock.instant();
      if (!last && job.lastProgressWrite != null && now.isBefore(job.lastProgressWrite.plus(timings.pollEvery()))) {
        job.heldBack = progress;
        return;
      }
      job.lastProgressWrite = now;
      job.heldBack = null;
      stored = storeProgress(job, progress);
    }
    if (stored) {
      publish(job.task.id());
    }
  }

  /** Stores the step {@link #progress} held back, if any. */
  private void storeHeldBackProgress(Job job) {
    boolean stored = false;
    synchronized (job) {
      Progress progress = job.heldBack;
      job.heldBack = null;
      if (progress != null) {
        job.lastProgressWrite = clock.instant();
        stored = storeProgress(job, progress);
      }
    }
    if (stored) {
      publish(job.task.id());
    }
  }

  /** Writes {@code progress} to the job's row; true when the row changed (the job is still this instance's). */
  private boolean storeProgress(Job job, Progress progress) {
    try {
      return tasks.progress(job.task.id(), owner, progress.chunksDone(), progress.chunksTotal());
    } catch (RuntimeException e) {
      log.warn("Recording the progress of task {} failed: {}", job.task.id(), e.toString());
      return false;
    }
  }

  /**
   * Renews the lease of every job this instance runs, and stops those that a user cancelled on another
   * instance or that another instance took over.
   */
  private void renewLeases() {
    List<Job> jobs;
    synchronized (lock) {
      jobs = new ArrayList<>(running.values());
    }
    for (Job job : jobs) {
      try {
        TaskStore.Lease lease = tasks.renew(job.task.id(), owner, clock.instant().plus(timings.lease()));
        if (lease == TaskStore.Lease.HELD) {
          storeHeldBackProgress(job);
        } else {
          synchronized (lock) {
            if (running.get(job.task.id()) == job) {
              if (lease == TaskStore.Lease.CANCEL_REQUESTED) {
                job.cancelled = true;
              } else if (!job.cancelled) {
                job.lost = true;
              }
              job.worker.interrupt();
            }
          }
        }
      } catch (RuntimeException e) {
        log.warn("Renewing the lease of task {} failed: {}", job.task.id(), e.toString());
      }
    }
  }

  /** Hands the subscribers of every task what changed since they last saw it, whichever instance changed it. */
  private void watchSubscribed() {
    for (String id : subscribers.keySet()) {
      try {
        publish(id);
      } catch (RuntimeException e) {
        log.debug("Watching task {} failed", id, e);
      }
    }
  }

  /** Hands the subscribers of task {@code id} its state, unless they saw it already. */
  private void publish(String id) {
    Set<Consumer<TaskRecord>> listeners = subscribers.get(id);
    if (listeners == null || listeners.isEmpty()) {
      return;
    }
    tasks.find(id).ifPresentOrElse(task -> {
      String seen = task.status() + "/" + task.chunksDone() + "/" + task.chunksTotal() + "/"
          + (task.status().isFinal() ? "" : tasks.queuePosition(id).orElse(0));
      if (seen.equals(lastSeen.put(id, seen))) {
        return;
      }
      for (Consumer<TaskRecord> listener : listeners) {
        try {
          listener.accept(task);
        } catch (RuntimeException e) {
          log.debug("Task listener failed", e);
        }
      }
      if (task.status().isFinal()) {
        subscribers.remove(id);
        lastSeen.remove(id);
      }
    }, () -> {
      subscribers.remove(id);
      lastSeen.remove(id);
    });
  }

  /** Stops the workers and puts the tasks they were running back in line. */
  @Override
  public void close() {
    synchronized (lock) {
      closed = true;
      running.values().forEach(job -> job.worker.interrupt());
      lock.notifyAll();
    }
    timers.shutdownNow();
    for (Thread worker : workers) {
      try {
        worker.join(TimeUnit.SECONDS.toMillis(STOP_WAIT_SECONDS));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    try {
      int released = tasks.release(owner);
      if (released > 0) {
        log.info("Put {} running task(s) back in line for another instance or the next start", released);
      }
    } catch (RuntimeException e) {
      log.warn("Could not put the running tasks back in line ({}); their lease runs out instead", e.toString());
    }
    subscribers.clear();
  }

  /** One claimed job, while a worker of this instance runs it. */
  private static final class Job {
    final TaskRecord task;
    final Thread worker;
    final CountDownLatch stopped = new CountDownLatch(1);
    volatile boolean cancelled;
    volatile boolean lost;
    volatile int chunksTotal;
    /** When progress was last stored; guarded by this job. */
    Instant lastProgressWrite;
    /** The latest step not stored yet, or null; guarded by this job. */
    Progress heldBack;

    Job(TaskRecord task, Thread worker) {
      this.task = task;
      this.worker = worker;
    }

    void awaitStopped() {
      try {
        if (!stopped.await(STOP_WAIT_SECONDS, TimeUnit.SECONDS)) {
          log.warn("Task {} still running {} s after it was cancelled", task.id(), STOP_WAIT_SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
