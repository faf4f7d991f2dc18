package dev.utter.samples.server.api;

/** An HTTP error answered as {@code {"detail": message}} with {@code status}. */
public final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;

  public ApiException(int status, String detail) {
    super(detail);
    this.status = status;
  }

  public static ApiException badRequest(String detail) {
    return new ApiException(400, detail);
  }

  public static ApiException notFound(String detail) {
    return new ApiException(404, detail);
  }

  public int status() {
    return status;
  }
}
