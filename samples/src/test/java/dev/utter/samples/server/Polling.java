package dev.utter.samples.server;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for a condition with a deadline, for effects that land after a response (file cleanup). */
final class Polling {
  private Polling() {}

  static void await(String what, Duration timeout, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Timed out waiting for " + what);
      }
      Thread.onSpinWait();
      Thread.yield();
    }
  }
}
