package dev.utter;

/**
 * The SDK is configured wrongly: an unknown provider id, a missing endpoint URL or credential, an invalid
 * setting. Nothing was sent.
 */
public class ConfigurationException extends UtterException {
  private static final long serialVersionUID = 1L;

  /**
   * An exception without status, request id, code or chunk: a local failure.
   *
   * @param message what failed, in words a user can act on; never credentials
   */
  public ConfigurationException(String message) {
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
  public ConfigurationException(String message, Details details, Throwable cause) {
    super(message, details, cause);
  }

  @Override
  public ConfigurationException atChunk(int index, int total) {
    return new ConfigurationException(chunkMessage(index, total, getMessage()), details().withChunkIndex(index), this);
  }
}
