package dev.utter;

/**
 * The service does not know the thing asked for (HTTP 404): a wrong URL, a wrong deployment, or a voice
 * the service no longer holds.
 */
public class NotFoundException extends UtterException {
  private static final long serialVersionUID = 1L;

  public NotFoundException(String message) {
    this(message, Details.NONE, null);
  }

  public NotFoundException(String message, Details details, Throwable cause) {
    super(message, details, cause);
  }

  @Override
  public NotFoundException atChunk(int index, int total) {
    return new NotFoundException(chunkMessage(index, total, getMessage()), details().withChunkIndex(index), this);
  }
}
