package dev.utter.spi;

import java.time.Duration;

/**
 * Waits for a while: between retries, or where a provider simulates latency. Providers take one so
 * tests can inject a sleeper that records each wait and advances a fake clock instead of sleeping.
 * Implementations must end promptly with {@link InterruptedException} when the waiting thread is
 * interrupted.
 */
@FunctionalInterface
public interface Sleeper {
  /** Sleeps with {@link Thread#sleep}. */
  Sleeper SYSTEM = duration -> Thread.sleep(duration.toMillis());

  /** Waits for {@code duration}. */
  void sleep(Duration duration) throws InterruptedException;
}
