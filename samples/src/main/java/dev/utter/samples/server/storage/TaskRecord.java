package dev.utter.samples.server.storage;

import java.time.Instant;
import java.util.Objects;

/**
 * One row of {@code generation_tasks}.
 *
 * @param generationId the finished generation, or null
 * @param error why the task failed, or null
 */
public record TaskRecord(
    String id, String voiceId, String text, String language, TaskStatus status, int chunksDone,
    int chunksTotal, String generationId, String error, Instant createdAt, Instant updatedAt) {
  public TaskRecord {
    Objects.requireNonNull(id, "id == null");
    Objects.requireNonNull(voiceId, "voiceId == null");
    Objects.requireNonNull(text, "text == null");
    Objects.requireNonNull(language, "language == null");
    Objects.requireNonNull(status, "status == null");
    Objects.requireNonNull(createdAt, "createdAt == null");
    Objects.requireNonNull(updatedAt, "updatedAt == null");
  }
}
