package dev.utter;

/**
 * The request is invalid and was rejected before any provider call, or the service rejected it as invalid
 * (HTTP 400, 413, 422). The message says what to change. Retrying the same request fails the same way.
 */
public class InvalidRequestException extends UtterException {
  private static final long serialVersionUID = 1L;

  /**
   * An exception without status, request id, code or chunk: a local failure.
   *
   * @param message what failed, in words a user can act on; never credentials
   */
  public InvalidRequestException(String message) {
    this(message, Details.NONE, null);
  }

  /**
   * An exception with what the service or the SDK said about the failure.
   *
   * @param message what failed, in words a user can act on; never credentials
   * @param details status, request id, server message, code and chunk; {@link Details#NONE} when
   *     there are none
   * @param cause the underlying failure, or null
   */
  public InvalidRequestException(String message, Details details, Throwable cause) {
    super(message, details, cause);
  }

  @Override
  public InvalidRequestException atChunk(int index, int total) {
    return new InvalidRequestException(chunkMessage(index, total, getMessage()), details().withChunkIndex(index), this);
  }
}
