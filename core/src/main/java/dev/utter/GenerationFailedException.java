package dev.utter;

/**
 * The provider was reached but could not produce audio: the model failed or returned something that is
 * not valid audio. Not {@linkplain #retryable() retryable}: the service spent the work, and the same
 * request usually fails the same way; retry deliberately, if at all.
 */
public class GenerationFailedException extends UtterException {
  private static final long serialVersionUID = 1L;

  /**
   * An exception without status, request id, code or chunk: a local failure.
   *
   * @param message what failed, in words a user can act on; never credentials
   */
  public GenerationFailedException(String message) {
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
  public GenerationFailedException(String message, Details details, Throwable cause) {
    super(message, details, cause);
  }

  @Override
  public GenerationFailedException atChunk(int index, int total) {
    return new GenerationFailedException(chunkMessage(index, total, getMessage()), details().withChunkIndex(index), this);
  }
}
