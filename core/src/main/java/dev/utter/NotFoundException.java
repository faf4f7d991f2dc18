package dev.utter;

/**
 * The service does not know the thing asked for (HTTP 404): a wrong URL, a wrong deployment, or a voice
 * the service no longer holds.
 */
public class NotFoundException extends UtterException {
  private static final long serialVersionUID = 1L;

  /**
   * An exception without status, request id, code or chunk: a local failure.
   *
   * @param message what failed, in words a user can act on; never credentials
   */
  public NotFoundException(String message) {
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
  public NotFoundException(String message, Details details, Throwable cause) {
    super(message, details, cause);
  }

  @Override
  public NotFoundException atChunk(int index, int total) {
    return new NotFoundException(chunkMessage(index, total, getMessage()), details().withChunkIndex(index), this);
  }
}
