package dev.utter.transport.internal;

import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The calls of one transport that have started and not ended, each with the result its caller waits
 * for. Two things end them early: {@link #endAll()} when the transport closes, and the caller's
 * interrupt.
 *
 * <p>The first attempt of a call runs on the caller's own thread, so that the common case (one attempt
 * that succeeds) costs what a bare {@code execute()} costs. A thread blocked in a socket read does not
 * see its interrupt on JDK 17, so while calls are in flight this looks at their callers every
 * {@value #CHECK_MILLIS} ms, on the transport's timer thread, and cancels the OkHttp call of any caller
 * that was interrupted: that ends the blocked read at once. The checks go on for
 * {@value #LINGER_MILLIS} ms after the last call ended (calls tend to come one after another, and
 * starting the checks again costs a wake-up of the timer thread); after that, nothing runs. Thread-safe.
 */
final class InFlightCalls {
  /** How often the callers of calls in flight are checked for an interrupt. */
  static final long CHECK_MILLIS = 10;
  /** How long the checks go on once no call is in flight. */
  static final long LINGER_MILLIS = 1000;

  private final Map<CallState, CompletableFuture<ModalResponse>> calls = new ConcurrentHashMap<>();
  private final TransportTimer timer;
  private final AtomicBoolean checking = new AtomicBoolean();
  private volatile long lastEndedNanos;

  InFlightCalls(TransportTimer timer) {
    this.timer = timer;
  }

  /** Records {@code call} as started by the current thread, with the result its caller will wait for. */
  void started(CallState call, CompletableFuture<ModalResponse> result) {
    calls.put(call, result);
    if (!checking.get() && checking.compareAndSet(false, true)) {
      checkLater();
    }
  }

  void ended(CallState call) {
    calls.remove(call);
    lastEndedNanos = System.nanoTime();
  }

  /** Cancels every call in flight; each caller gets a {@link CancellationException}. */
  void endAll() {
    calls.forEach((call, result) -> {
      call.cancel();
      result.completeExceptionally(new CancellationException(call.description() + " ended: the transport was closed"));
    });
  }

  private void check() {
    calls.keySet().forEach(call -> {
      if (call.callerInterrupted()) {
        call.cancel();
      }
    });
    if (!calls.isEmpty() || System.nanoTime() - lastEndedNanos < TimeUnit.MILLISECONDS.toNanos(LINGER_MILLIS)) {
      checkLater();
      return;
    }
    checking.set(false);
    if (!calls.isEmpty() && checking.compareAndSet(false, true)) { // a call started while the last ended
      checkLater();
    }
  }

  private void checkLater() {
    try {
      timer.runLater(this::check, CHECK_MILLIS);
    } catch (RejectedExecutionException closed) {
      // the transport is closed: endAll() has cancelled every call
    }
  }
}
