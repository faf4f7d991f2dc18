package dev.utter.transport;

import java.time.Duration;

/**
 * Waits between retries. Tests inject one that records the waits and advances a fake clock instead of
 * sleeping. Implementations must end promptly with {@link InterruptedException} when the waiting
 * thread is interrupted.
 */
@FunctionalInterface
public interface Sleeper {
  /** Sleeps with {@link Thread#sleep}. */
  Sleeper SYSTEM = duration -> Thread.sleep(duration.toMillis());

  /** Waits for {@code duration}. */
  void sleep(Duration duration) throws InterruptedException;
}
