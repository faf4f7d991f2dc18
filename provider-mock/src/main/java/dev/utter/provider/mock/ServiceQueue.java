package dev.utter.provider.mock;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

/**
 * The slots of a service that runs at most a fixed number of calls at once, kept on the provider's
 * clock: each slot is free from an instant on. A call takes the slot that frees first, starts when both
 * it and the slot are there, and holds the slot for its service time. Because the queue lives on the clock
 * rather than in blocked threads, a fake clock makes every wait exact. A call that is cancelled while
 * it waits keeps its slot, as a service that is not told of a hang-up still runs the input.
 * Thread-safe.
 */
final class ServiceQueue {
  private final Instant[] freeFrom;

  /** A queue of {@code slots} slots; 0 for no limit. */
  ServiceQueue(int slots) {
    this.freeFrom = slots == 0 ? null : new Instant[slots];
    if (freeFrom != null) {
      Arrays.fill(freeFrom, Instant.MIN);
    }
  }

  /**
   * Admits a call that arrives at {@code arrival} and needs {@code service}, and returns when it ends:
   * after its wait for a slot and its service time.
   */
  synchronized Instant admit(Instant arrival, Duration service) {
    if (freeFrom == null) {
      return arrival.plus(service);
    }
    int first = 0;
    for (int i = 1; i < freeFrom.length; i++) {
      if (freeFrom[i].isBefore(freeFrom[first])) {
        first = i;
      }
    }
    Instant start = freeFrom[first].isAfter(arrival) ? freeFrom[first] : arrival;
    Instant end = start.plus(service);
    freeFrom[first] = end;
    return end;
  }
}
