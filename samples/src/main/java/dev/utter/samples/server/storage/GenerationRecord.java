package dev.utter.samples.server.storage;

import java.time.Instant;
import java.util.Objects;

/**
 * One row of {@code generations}, with its voice's name when read back.
 *
 * @param audioPath the WAV file, relative to the data directory
 * @param voiceName the voice's name, or null when not joined
 */
public record GenerationRecord(
    String id, String voiceId, String voiceName, String text, String audioPath, double durationSeconds,
    String language, Instant createdAt) {
  public GenerationRecord {
    Objects.requireNonNull(id, "id == null");
    Objects.requireNonNull(voiceId, "voiceId == null");
    Objects.requireNonNull(text, "text == null");
    Objects.requireNonNull(audioPath, "audioPath == null");
    Objects.requireNonNull(language, "language == null");
    Objects.requireNonNull(createdAt, "createdAt == null");
  }
}
