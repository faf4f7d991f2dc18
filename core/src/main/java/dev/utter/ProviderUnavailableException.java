package dev.utter;

/**
 * The provider could not be reached or did not answer in time: connection failures, HTTP 5xx, timeouts and
 * cold starts longer than the call budget. Worth retrying later.
 */
public class ProviderUnavailableException extends UtterException {
  private static final long serialVersionUID = 1L;

  /**
   * An exception without status, request id, code or chunk: a local failure.
   *
   * @param message what failed, in words a user can act on; never credentials
   */
  public ProviderUnavailableException(String message) {
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
