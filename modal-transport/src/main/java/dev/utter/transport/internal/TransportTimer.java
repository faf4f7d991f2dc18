package dev.utter.transport.internal;

import dev.utter.spi.Sleeper;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The transport's one timer thread (a daemon). It runs the next attempt of a call after the wait its
 * {@code Retry} chose, or, when a {@link Sleeper} is given (tests), after that sleeper has waited, so no
 * test sleeps for real; and it runs the interrupt checks of {@link InFlightCalls}, which never go
 * through the sleeper. Shut down by the transport's {@code close()}.
 */
final class TransportTimer extends ScheduledThreadPoolExecutor {
  private final Sleeper sleeper;

  TransportTimer(Sleeper sleeper) {
    super(1, runnable -> {
      Thread thread = new Thread(runnable, "utter-modal-timer");
      thread.setDaemon(true);
      return thread;
    });
    this.sleeper = sleeper;
    setRemoveOnCancelPolicy(true);
  }

  /** Schedules a retry: what resilience4j calls after choosing the wait. */
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

  /** Runs {@code task} after {@code delayMillis} on the timer thread, in real time even in tests. */
  void runLater(Runnable task, long delayMillis) {
    super.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
  }
}
