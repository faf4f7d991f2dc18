package dev.utter;

/**
 * The service refused the credentials (HTTP 401 or 403): check {@code MODAL_KEY}/{@code MODAL_SECRET} or
 * the service token. The message never contains the credentials.
 */
public class AuthenticationException extends UtterException {
  private static final long serialVersionUID = 1L;

  public AuthenticationException(String message) {
    this(message, Details.NONE, null);
  }

  public AuthenticationException(String message, Details details, Throwable cause) {
    super(message, details, cause);
  }

  @Override
  public AuthenticationException atChunk(int index, int total) {
    return new AuthenticationException(chunkMessage(index, total, getMessage()), details().withChunkIndex(index), this);
  }
}
