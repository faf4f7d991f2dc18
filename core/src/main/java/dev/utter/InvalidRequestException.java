package dev.utter;

/**
 * The request is invalid and was rejected before any provider call, or the service rejected it as invalid
 * (HTTP 400, 413, 422). The message says what to change. Retrying the same request fails the same way.
 */
public class InvalidRequestException extends UtterException {
  private static final long serialVersionUID = 1L;

  public InvalidRequestException(String message) {
    this(message, Details.NONE, null);
  }

  public InvalidRequestException(String message, Details details, Throwable cause) {
    super(message, details, cause);
  }

  @Override
  public InvalidRequestException atChunk(int index, int total) {
    return new InvalidRequestException(chunkMessage(index, total, getMessage()), details().withChunkIndex(index), this);
  }
}
