package dev.utter.samples.server.storage;

import java.time.Instant;
import java.util.Objects;

/**
 * One row of {@code voices}.
 *
 * @param referencePath the reference recording, relative to the data directory
 * @param transcript the reference transcript, or null
 * @param language the voice's language wire name, e.g. {@code "Auto"}
 */
public record VoiceRecord(
    String id, String name, String referencePath, String transcript, String language, Instant createdAt) {
  public VoiceRecord {
    Objects.requireNonNull(id, "id == null");
    Objects.requireNonNull(name, "name == null");
    Objects.requireNonNull(referencePath, "referencePath == null");
    Objects.requireNonNull(language, "language == null");
    Objects.requireNonNull(createdAt, "createdAt == null");
  }
}
