package dev.utter;

/**
 * The service refused the credentials (HTTP 401 or 403): check {@code MODAL_KEY}/{@code MODAL_SECRET} or
 * the service token. The message never contains the credentials.
 */
public class AuthenticationException extends UtterException {
  private static final long serialVersionUID = 1L;

  /**
   * An exception without status, request id, code or chunk: a local failure.
   *
   * @param message what failed, in words a user can act on; never credentials
   */
  public AuthenticationException(String message) {
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
  public AuthenticationException(String message, Details details, Throwable cause) {
    super(message, details, cause);
  }

  @Override
  public AuthenticationException atChunk(int index, int total) {
    return new AuthenticationException(chunkMessage(index, total, getMessage()), details().withChunkIndex(index), this);
  }
}
