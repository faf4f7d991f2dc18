package dev.utter;

/**
 * The SDK is configured wrongly: an unknown provider id, a missing endpoint URL or credential, an invalid
 * setting. Nothing was sent.
 */
public class ConfigurationException extends UtterException {
  private static final long serialVersionUID = 1L;

  public ConfigurationException(String message) {
    this(message, Details.NONE, null);
  }

  public ConfigurationException(String message, Details details, Throwable cause) {
    super(message, details, cause);
  }

  @Override
  public ConfigurationException atChunk(int index, int total) {
    return new ConfigurationException(chunkMessage(index, total, getMessage()), details().withChunkIndex(index), this);
  }
}
