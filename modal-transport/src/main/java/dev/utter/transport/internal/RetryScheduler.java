package dev.utter.transport.internal;

import dev.utter.spi.Sleeper;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Runs the next attempt of a call after the wait its {@code Retry} chose: on a timer (one daemon
 * thread per transport), or, when a {@link Sleeper} is given (tests), after that sleeper has waited,
 * so no test sleeps for real. Shut down by the transport's {@code close()}.
 */
final class RetryScheduler extends ScheduledThreadPoolExecutor {
  private final Sleeper sleeper;

  RetryScheduler(Sleeper sleeper) {
    super(1, runnable -> {
      Thread thread = new Thread(runnable, "utter-modal-retry");
      thread.setDaemon(true);
      return thread;
    });
    this.sleeper = sleeper;
    setRemoveOnCancelPolicy(true);
  }

  @Override
  public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
    if (sleeper == null) {
      return super.schedule(command, delay, unit);
    }
    try {
      sleeper.sleep(Duration.ofNanos(unit.toNanos(delay)));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // the attempt that runs next sees the cancelled call
    }
    return super.schedule(command, 0, unit);
  }
}
