package dev.utter.internal.generation;

import dev.utter.Progress;
import dev.utter.ProgressListener;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands one generation's progress to its listener, in the order it was published, one event at a
 * time, on the client's progress threads: never on the thread that publishes, so no lock of the
 * generation is held while the listener runs, and a listener that blocks or throws delays or loses only
 * its own events. The first exception a listener throws is logged at WARN, later ones at DEBUG.
 * Thread-safe.
 */
final class ProgressEvents {
  private static final Logger log = LoggerFactory.getLogger(ProgressEvents.class);

  private final ProgressListener listener;
  private final Executor executor;
  private final Queue<Progress> pending = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean draining = new AtomicBoolean();
  private volatile boolean stopped;
  private boolean warned; // touched only by the one draining task

  ProgressEvents(ProgressListener listener, Executor executor) {
    this.listener = listener;
    this.executor = executor;
  }

  /**
   * Queues {@code progress}; returns at once. Callers that publish under a lock keep their order; they
   * should call {@link #deliver()} once they have let go of it.
   */
  void publish(Progress progress) {
    if (listener != ProgressListener.NONE && !stopped) {
      pending.add(progress);
    }
  }

  /** Starts handing queued events to the listener, unless that is already under way. Never blocks. */
  void deliver() {
    if (pending.isEmpty() || !draining.compareAndSet(false, true)) {
      return;
    }
    try {
      executor.execute(this::drain);
    } catch (RejectedExecutionException e) { // the client is closed: nobody waits for progress any more
      pending.clear();
      draining.set(false);
    }
  }

  /** Drops the events not yet delivered, and any published later: the generation was cancelled. */
  void stop() {
    stopped = true;
    pending.clear();
  }

  private void drain() {
    try {
      for (Progress progress = pending.poll(); progress != null && !stopped; progress = pending.poll()) {
        try {
          listener.onProgress(progress);
        } catch (RuntimeException e) {
          if (!warned) {
            warned = true;
            log.warn("Progress listener threw; the generation goes on without it ({})", progress, e);
          } else {
            log.debug("Progress listener threw again ({})", progress, e);
          }
        }
      }
    } finally {
      draining.set(false);
    }
    deliver(); // an event published after the last poll, before draining was cleared
  }
}
