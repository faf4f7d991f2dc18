package dev.utter.samples.server.tasks;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * A bound on synchronous generations (those a request waits for): at most {@code slots} run at once,
 * and one more is refused at once with {@link ServerBusyException}, never queued, so no request thread
 * waits for a slot and the server's threads stay free for everything else. Thread-safe.
 */
public final class GenerationSlots {
  private final int slots;
  private final Duration retryAfter;
  private final Semaphore free;

  public GenerationSlots(int slots, Duration retryAfter) {
    if (slots < 1) {
      throw new IllegalArgumentException("slots < 1: " + slots);
    }
    this.slots = slots;
    this.retryAfter = retryAfter;
    this.free = new Semaphore(slots);
  }

  /**
   * Runs {@code generation} in a free slot on the calling thread and returns its result.
   *
   * @throws ServerBusyException at once when every slot is taken; {@code generation} did not run.
   */
  public <T> T run(Supplier<T> generation) {
    if (!free.tryAcquire()) {
      throw new ServerBusyException("Server busy: " + slots + " generations are already running."
          + " Retry later, or use /api/tasks, which queues", retryAfter);
    }
    try {
      return generation.get();
    } finally {
      free.release();
    }
  }
}
