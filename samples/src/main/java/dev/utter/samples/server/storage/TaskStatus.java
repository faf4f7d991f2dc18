package dev.utter.samples.server.storage;

import java.util.Locale;

/** Where a generation task is; the last three are final. */
public enum TaskStatus {
  PENDING,
  PROCESSING,
  COMPLETED,
  FAILED,
  CANCELLED;

  /** The name in the database and the API, e.g. {@code "processing"}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public boolean isFinal() {
    return this == COMPLETED || this == FAILED || this == CANCELLED;
  }

  static TaskStatus fromWireName(String name) {
    return valueOf(name.toUpperCase(Locale.ROOT));
  }
}
