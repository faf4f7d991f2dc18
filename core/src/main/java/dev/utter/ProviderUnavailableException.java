package dev.utter;

/**
 * The provider could not be reached or did not answer in time: connection failures, HTTP 5xx, timeouts and
 * cold starts longer than the call budget. Worth retrying later.
 */
public class ProviderUnavailableException extends UtterException {
  private static final long serialVersionUID = 1L;

  public ProviderUnavailableException(String message) {
    this(message, Details.NONE, null);
  }

  public ProviderUnavailableException(String message, Details details, Throwable cause) {
    super(message, details, cause);
  }

  /** Always true: the same request can succeed once the service is reachable again. */
  @Override
  public boolean retryable() {
    return true;
  }

  @Override
  public ProviderUnavailableException atChunk(int index, int total) {
    return new ProviderUnavailableException(chunkMessage(index, total, getMessage()), details().withChunkIndex(index), this);
  }
}
