package dev.utter.transport.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CancellationException;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.Request;

/**
 * What the attempts of one call share, carried as a tag of its requests so the interceptors and the
 * event listener can read and update it: the request, its deadline, whether it may be repeated once
 * sent, the hand-off URL a later attempt resumes at, and whether this attempt's request was sent.
 * Thread-safe (attempts run one after another, on different threads).
 */
final class CallState {
  private final Request original;
  private final String description;
  private final Duration budget;
  private final Instant deadline;
  private final boolean postRepeatable;
  private volatile HttpUrl handOff;
  private volatile boolean sent;
  private volatile boolean freshConnection;
  private volatile boolean responseStarted;
  private volatile String requestId;
  private volatile Call current;
  private volatile boolean cancelled;
  private volatile int attempts;
  private final Thread caller = Thread.currentThread();

  CallState(Request.Builder request, String description, Duration budget, Instant deadline, boolean postRepeatable) {
    this.original = request.tag(CallState.class, this).build();
    this.description = description;
    this.budget = budget;
    this.deadline = deadline;
    this.postRepeatable = postRepeatable;
  }

  /** E.g. "POST /clone". */
  String description() {
    return description;
  }

  /** The URL the call was made to: credentials go to its origin only. */
  HttpUrl origin() {
    return original.url();
  }

  Duration budget() {
    return budget;
  }

  Instant deadline() {
    return deadline;
  }

  Duration remaining(Clock clock) {
    return Duration.between(clock.instant(), deadline);
  }

  /**
   * The request of the next attempt: the original one, or once Modal has handed the call off, a
   * {@code GET} of the hand-off URL (the original {@code POST} is never sent again for a hand-off).
   */
  Request nextAttempt() {
    attempts++;
    sent = false;
    freshConnection = false;
    responseStarted = false;
    requestId = null;
    HttpUrl resumeAt = handOff;
    return resumeAt == null ? original
        : original.newBuilder().url(resumeAt).get().removeHeader(ModalTransport.IDEMPOTENCY_KEY).build();
  }

  /** Whether the attempt under way is the call's first. */
  boolean firstAttempt() {
    return attempts == 1;
  }

  /** Called by the hand-off interceptor for each 303. */
  void handedOffTo(HttpUrl url) {
    handOff = url;
  }

  /** Called when this attempt's request headers start going out: the service may now act on it. */
  void markSent() {
    sent = true;
  }

  boolean sent() {
    return sent;
  }

  /** Called when this attempt opens a new connection (not one from the pool). */
  void markFreshConnection() {
    freshConnection = true;
  }

  /** Called when the first byte of this attempt's response arrives. */
  void markResponseStarted() {
    responseStarted = true;
  }

  /**
   * Whether this attempt failed on a pooled connection before any byte of a response: the signature of
   * a keep-alive connection the server had already closed.
   */
  boolean failedOnStalePooledConnection() {
    return sent && !freshConnection && !responseStarted;
  }

  /**
   * Whether the request of the current attempt may be repeated although the service may have acted
   * on it: a {@code GET} (the hand-off's included), or a {@code POST} to a service that honours
   * idempotency keys.
   */
  boolean repeatableAfterSend() {
    return handOff != null || "GET".equals(original.method()) || postRepeatable;
  }

  void requestId(String id) {
    requestId = id;
  }

  /** The request id of the current attempt, once chosen. */
  String requestId() {
    return requestId;
  }

  /** Runs {@code call} as the current attempt, cancelled at once if the call already was. */
  void attempting(Call call) {
    current = call;
    if (cancelled) {
      call.cancel();
    }
  }

  /** Whether the thread that made the call has been interrupted. */
  boolean callerInterrupted() {
    return caller.isInterrupted();
  }

  void cancel() {
    cancelled = true;
    Call call = current;
    if (call != null) {
      call.cancel();
    }
  }

  boolean cancelled() {
    return cancelled;
  }

  CancellationException cancellation() {
    return new CancellationException(description + " was cancelled");
  }
}
