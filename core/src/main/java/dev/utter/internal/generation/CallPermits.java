package dev.utter.internal.generation;

/**
 * The permits for one generation's provider calls: at most {@code permits} at once, taken in the order
 * the units were submitted, so a later unit never starts before an earlier one (the one the stream and
 * the listener need first). With a plain semaphore, whichever call thread came first took the permit:
 * later units could fill every permit while the first waited. Thread-safe.
 */
final class CallPermits {
  private final int permits;
  private int running;
  private int nextTurn;

  CallPermits(int permits) {
    this.permits = permits;
  }

  /**
   * Waits until {@code turn} (the unit's place in submission order, from 0) is the next to start and a
   * permit is free, then takes the permit.
   *
   * @throws InterruptedException when the calling thread is interrupted while waiting (the generation
   *     was cancelled); no permit is taken
   */
  synchronized void acquire(int turn) throws InterruptedException {
    while (turn != nextTurn || running >= permits) {
      wait();
    }
    nextTurn++;
    running++;
    notifyAll(); // the next turn may start too, if a permit is left
  }

  /** Gives back a permit taken by {@link #acquire}. */
  synchronized void release() {
    running--;
    notifyAll();
  }
}
