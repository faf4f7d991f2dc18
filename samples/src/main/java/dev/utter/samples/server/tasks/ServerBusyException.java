package dev.utter.samples.server.tasks;

import java.time.Duration;
import java.util.Objects;

/**
 * No room for more work right now: every synchronous generation slot is taken, or the task queue is
 * full. Nothing was started or stored. The API answers 503 with {@code Retry-After}.
 */
public final class ServerBusyException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient Duration retryAfter;

  public ServerBusyException(String message, Duration retryAfter) {
    super(message);
    this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter == null");
  }

  /** How long the client should wait before trying again. */
  public Duration retryAfter() {
    return retryAfter;
  }
}
