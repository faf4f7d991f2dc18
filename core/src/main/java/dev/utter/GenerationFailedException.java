package dev.utter;

/**
 * The provider was reached but could not produce audio: the model failed or returned something that is
 * not valid audio. Not {@linkplain #retryable() retryable}: the service spent the work, and the same
 * request usually fails the same way; retry deliberately, if at all.
 */
public class GenerationFailedException extends UtterException {
  private static final long serialVersionUID = 1L;

  public GenerationFailedException(String message) {
    this(message, Details.NONE, null);
  }

  public GenerationFailedException(String message, Details details, Throwable cause) {
    super(message, details, cause);
  }

  @Override
  public GenerationFailedException atChunk(int index, int total) {
    return new GenerationFailedException(chunkMessage(index, total, getMessage()), details().withChunkIndex(index), this);
  }
}
