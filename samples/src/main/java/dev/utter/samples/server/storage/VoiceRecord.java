package dev.utter.samples.server.storage;

import java.time.Instant;
import java.util.Objects;

/**
 * One row of {@code voices}.
 *
 * @param referencePath the reference recording, relative to the data directory
 * @param transcript the reference transcript, or null
 * @param language the voice's language wire name, e.g. {@code "Auto"}
 * @param source {@value #UPLOADED} (cloned from a recording) or {@value #DESIGNED} (made from a description)
 * @param description the description a designed voice was made from, or null
 */
public record VoiceRecord(String id, String name, String referencePath, String transcript, String language,
    Instant createdAt, String source, String description) {
  /** The source of a voice cloned from an uploaded recording. */
  public static final String UPLOADED = "uploaded";
  /** The source of a voice designed from a description; its reference is the designed preview. */
  public static final String DESIGNED = "designed";

  /** An uploaded voice. */
  public VoiceRecord(
      String id, String name, String referencePath, String transcript, String language, Instant createdAt) {
    this(id, name, referencePath, transcript, language, createdAt, UPLOADED, null);
  }

  public VoiceRecord {
    Objects.requireNonNull(id, "id == null");
    Objects.requireNonNull(name, "name == null");
    Objects.requireNonNull(referencePath, "referencePath == null");
    Objects.requireNonNull(language, "language == null");
    Objects.requireNonNull(createdAt, "createdAt == null");
    if (!UPLOADED.equals(source) && !DESIGNED.equals(source)) {
      throw new IllegalArgumentException("source must be uploaded or designed: " + source);
    }
  }

  /** Whether the voice was designed from a description. */
  public boolean designed() {
    return DESIGNED.equals(source);
  }
}
