package dev.utter.samples.server.storage;

import java.nio.file.AccessDeniedException;
import java.util.Locale;
import java.util.Optional;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * Why the data directory refused a write, read from a failure and its causes: the disk is full, or the
 * directory cannot be written (a read-only mount, or no permission). Neither is the user's mistake, and
 * neither is a bug: the server answers 507 or 503 and says which.
 */
public enum DiskFault {
  /** No space left: HTTP 507 Insufficient Storage. */
  FULL(507, "Insufficient storage", "full"),
  /** A read-only file system or no permission to write: HTTP 503 until someone fixes the mount. */
  READ_ONLY(503, "Storage unavailable", "read-only");

  private static final int MAX_CAUSES = 16;

  private final int status;
  private final String title;
  private final String condition;

  DiskFault(int status, String title, String condition) {
    this.status = status;
    this.title = title;
    this.condition = condition;
  }

  /** The HTTP status the API answers with. */
  public int status() {
    return status;
  }

  /** The API's {@code detail}, without any path or exception name, e.g. "Insufficient storage: the data directory is full". */
  public String detail() {
    return title + ": the data directory is " + condition;
  }

  /** What is wrong with the directory: "full" or "read-only". */
  public String condition() {
    return condition;
  }

  /** The disk fault behind {@code error} or one of its causes, if any. */
  public static Optional<DiskFault> of(Throwable error) {
    int depth = 0;
    for (Throwable t = error; t != null && depth < MAX_CAUSES; t = t.getCause(), depth++) {
      Optional<DiskFault> fault = ofOne(t);
      if (fault.isPresent()) {
        return fault;
      }
    }
    return Optional.empty();
  }

  private static Optional<DiskFault> ofOne(Throwable t) {
    if (t instanceof SQLiteException e) {
      SQLiteErrorCode code = e.getResultCode();
      if (code == SQLiteErrorCode.SQLITE_FULL) {
        return Optional.of(FULL);
      }
      if (code != null && code.name().startsWith("SQLITE_READONLY")) {
        return Optional.of(READ_ONLY);
      }
    }
    if (t instanceof AccessDeniedException) {
      return Optional.of(READ_ONLY);
    }
    String message = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
    if (message.contains("no space left on device") || message.contains("disk quota exceeded")
        || message.contains("database or disk is full")) {
      return Optional.of(FULL);
    }
    if (message.contains("read-only file system")) {
      return Optional.of(READ_ONLY);
    }
    return Optional.empty();
  }
}
