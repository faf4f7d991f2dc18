package dev.utter.samples.server.storage;

/** The database or the data directory failed: a server fault, never a user mistake. */
public final class StorageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StorageException(String message, Throwable cause) {
    super(message, cause);
  }
}
