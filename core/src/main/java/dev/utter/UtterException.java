package dev.utter;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * The root of every exception the SDK throws. All are unchecked.
 *
 * <p>Each carries what a caller needs to act or to report: the HTTP status of the failed call
 * (0 when no call was made), the service's request id, the server's own message and its
 * machine-readable code where the service sent them, and the index of the text chunk that failed
 * when the request was split into several provider calls.
 *
 * <p>Messages never contain credentials or audio.
 */
public abstract class UtterException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The HTTP status of the failed call; 0 when there was none. */
  private final int status;
  /** The service's request id; null when it sent none. */
  private final String requestId;
  /** The service's own message; null when it sent none. */
  private final String serverMessage;
  /** The service's machine-readable code; null when it sent none. */
  private final String code;
  /** The zero-based index of the failed chunk; -1 when not tied to one. */
  private final int chunkIndex;

  /**
   * For subclasses: builds an exception with a message for people and the failure's details.
   *
   * @param message what failed, without credentials or audio
   * @param details status, request id, server message, code and chunk; {@link Details#NONE} when
   *     there are none
   * @param cause the underlying failure, or null
   */
  protected UtterException(String message, Details details, Throwable cause) {
    super(message, cause);
    this.status = details.status;
    this.requestId = details.requestId;
    this.serverMessage = details.serverMessage;
    this.code = details.code;
    this.chunkIndex = details.chunkIndex;
  }

  /**
   * The HTTP status of the failed call, or 0 when the failure happened before or without one.
   *
   * @return the status, or 0
   */
  public int status() {
    return status;
  }

  /**
   * The request id the service assigned to the failed call, when it sent one.
   *
   * @return the request id, or empty
   */
  public Optional<String> requestId() {
    return Optional.ofNullable(requestId);
  }

  /**
   * The service's own message ({@code detail}), when it sent one.
   *
   * @return the server's message, or empty
   */
  public Optional<String> serverMessage() {
    return Optional.ofNullable(serverMessage);
  }

  /**
   * The service's machine-readable error code ({@code code}), when it sent one.
   *
   * @return the code, or empty
   */
  public Optional<String> code() {
    return Optional.ofNullable(code);
  }

  /**
   * Whether the same request may succeed if sent again later, so a caller can decide without knowing
   * status codes: true for {@link RateLimitedException} (wait {@code retryAfter()} when given) and
   * {@link ProviderUnavailableException}; false for {@link InvalidRequestException},
   * {@link AuthenticationException}, {@link NotFoundException}, {@link ConfigurationException} and
   * {@link GenerationFailedException} (the service did the work and it failed: sending it again costs
   * another generation and usually fails the same way). Copies made by {@link #atChunk} answer the same.
   *
   * @return true when a later retry of the same request may succeed
   */
  public boolean retryable() {
    return false;
  }

  /**
   * The zero-based index of the text chunk whose synthesis failed, when the failure is tied to one.
   *
   * @return the chunk index, or empty
   */
  public OptionalInt chunkIndex() {
    return chunkIndex < 0 ? OptionalInt.empty() : OptionalInt.of(chunkIndex);
  }

  /**
   * The details of this exception, for subclasses that copy it.
   *
   * @return a fresh copy of status, request id, server message, code and chunk index
   */
  protected final Details details() {
    return new Details(status, requestId, serverMessage, code, chunkIndex);
  }

  /**
   * A copy of this exception, of the same type, that names the chunk that failed. The copy's cause
   * is this exception, so the original stack trace is kept.
   *
   * @param index the zero-based index of the failed chunk
   * @param total how many chunks the request was split into
   * @return a new exception; this one is not changed
   */
  public abstract UtterException atChunk(int index, int total);

  /**
   * Message prefix used by {@link #atChunk}.
   *
   * @param index the zero-based index of the failed chunk; shown one-based
   * @param total how many chunks the request was split into
   * @param message the original message
   * @return e.g. {@code "Chunk 2 of 5 failed: ..."}
   */
  protected static String chunkMessage(int index, int total, String message) {
    return "Chunk " + (index + 1) + " of " + total + " failed: " + message;
  }

  /** Status, request id, server message, code and chunk index of a failure; all optional. */
  public static final class Details {
    /**
     * No details: no call was made and no chunk is named.
     */
    public static final Details NONE = new Details(0, null, null, null, -1);

    final int status;
    final String requestId;
    final String serverMessage;
    final String code;
    final int chunkIndex;

    private Details(int status, String requestId, String serverMessage, String code, int chunkIndex) {
      this.status = status;
      this.requestId = requestId;
      this.serverMessage = serverMessage;
      this.code = code;
      this.chunkIndex = chunkIndex;
    }

    /**
     * Details of a failed HTTP call. Any argument but {@code status} may be null.
     *
     * @param status the HTTP status
     * @param requestId the service's request id, or null
     * @param serverMessage the service's message, or null
     * @param code the service's machine-readable code, or null
     * @return details tied to no chunk
     */
    public static Details ofResponse(int status, String requestId, String serverMessage, String code) {
      return new Details(status, requestId, serverMessage, code, -1);
    }

    /**
     * Details of a local failure that carries a machine-readable code.
     *
     * @param code a machine-readable code, e.g. {@code "unsupported_language"}; may be null
     * @return details with status 0 and no chunk
     */
    public static Details ofCode(String code) {
      return new Details(0, null, null, code, -1);
    }

    /**
     * These details, tied to a chunk.
     *
     * @param index the zero-based chunk index
     * @return a new copy; these details are not changed
     */
    public Details withChunkIndex(int index) {
      return new Details(status, requestId, serverMessage, code, index);
    }
  }
}
