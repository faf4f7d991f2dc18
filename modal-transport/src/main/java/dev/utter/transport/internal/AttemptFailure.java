package dev.utter.transport.internal;

import dev.utter.ProviderUnavailableException;
import dev.utter.UtterException;
import dev.utter.UtterException.Details;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.Instant;

/**
 * A failed attempt on its way through the {@code Retry}, and the one place that decides whether it is
 * safe to repeat. Never escapes the transport: callers get {@link #error()}.
 *
 * <p>Safe to repeat: a failure before the request was sent; 429 (the service refused before doing
 * anything); 503 (modal-deploy's "busy", sent before any work). After the request was sent — 408, 502,
 * 504, a read timeout, a connection reset or a dead pooled connection — only when the request may be
 * repeated: a {@code GET} (the hand-off's too) or a {@code POST} to a service honouring idempotency
 * keys. Never: other statuses, a spent call budget, an invalid response. A failure on a pooled
 * connection before any response byte (the server had closed it) is repeated without waiting.
 */
public final class AttemptFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient UtterException error;
  /** Whether repeating the attempt cannot make the service act twice. */
  private final boolean safeToRepeat;
  private final transient Duration retryAfter;
  private final transient Instant deadline;

  private AttemptFailure(UtterException error, boolean safeToRepeat, Duration retryAfter, Instant deadline) {
    super(null, null, false, false);
    this.error = error;
    this.safeToRepeat = safeToRepeat;
    this.retryAfter = retryAfter;
    this.deadline = deadline;
  }

  /** An error response. */
  static AttemptFailure ofStatus(CallState call, int status, UtterException error, Duration retryAfter) {
    boolean safe = switch (status) {
      case 429, 503 -> true;
      case 408, 502, 504 -> call.repeatableAfterSend();
      default -> false;
    };
    return new AttemptFailure(error, safe, retryAfter, call.deadline());
  }

  /** No response: a connection, timeout or read failure, or the call budget spent. */
  static AttemptFailure ofIo(CallState call, IOException e) {
    String id = call.requestId();
    if (e instanceof InterruptedIOException && !(e instanceof SocketTimeoutException)) {
      return budgetSpent(call, e); // OkHttp's call timeout: the budget ran out
    }
    boolean sent = call.sent();
    String what = sent ? "failed after the request was sent" : "could not send the request";
    ProviderUnavailableException error = new ProviderUnavailableException(call.description() + " " + what + ": "
        + describe(e) + " (request id " + id + ")", Details.ofResponse(0, id, null, sent ? "io_error" : "connection_failed"), e);
    // A dead pooled connection is repeated at once, on a new connection; other failures wait as configured.
    Duration retryAfter = call.failedOnStalePooledConnection() ? Duration.ZERO : null;
    return new AttemptFailure(error, !sent || call.repeatableAfterSend(), retryAfter, call.deadline());
  }

  /**
   * The failure in words a user can read, without Java class names (the cause keeps the exception):
   * OkHttp's and the JDK's messages say what happened ("Connection reset", "unexpected end of stream").
   */
  private static String describe(IOException e) {
    if (e instanceof SocketTimeoutException) {
      return "timed out waiting for the service";
    }
    String message = e.getMessage();
    return message != null && !message.isBlank() ? message : "the connection failed";
  }

  /** The call budget ran out; never repeated. */
  static AttemptFailure budgetSpent(CallState call, Throwable cause) {
    String id = call.requestId();
    return new AttemptFailure(new ProviderUnavailableException(call.description()
        + " did not finish within its call budget of " + call.budget().toSeconds() + " s (request id " + id + ")",
        Details.ofResponse(0, id, null, "timeout"), cause), false, null, call.deadline());
  }

  /** A failure that repeating cannot help (e.g. a response that is not what the contract says). */
  static AttemptFailure fatal(CallState call, UtterException error) {
    return new AttemptFailure(error, false, null, call.deadline());
  }

  /**
   * What the caller gets.
   *
   * @return the typed error thrown to the caller when the call is not repeated
   */
  public UtterException error() {
    return error;
  }

  /**
   * Whether repeating cannot make the service act twice.
   *
   * @return true when the retry may repeat the attempt (budget permitting)
   */
  public boolean safeToRepeat() {
    return safeToRepeat;
  }

  /**
   * The wait the service asked for.
   *
   * @return the wait from {@code Retry-After-Ms} or {@code Retry-After}, {@link Duration#ZERO} for a
   *     dead pooled connection, or null to use the configured interval
   */
  public Duration retryAfter() {
    return retryAfter;
  }

  /**
   * When the call's budget ends.
   *
   * @return the instant, on the transport's clock, past which no wait or attempt may run
   */
  public Instant deadline() {
    return deadline;
  }
}
