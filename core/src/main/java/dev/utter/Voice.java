package dev.utter;

import dev.utter.validation.Validation;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A voice to clone: a name, a reference recording, the transcript of that recording and its
 * language. Immutable and safe to share; build one with {@link #builder()}.
 *
 * <pre>{@code
 * Voice voice = Voice.builder()
 *     .name("Ada")
 *     .reference(Path.of("ada.wav"))
 *     .transcript("Hello, this is my voice sample for testing.")
 *     .language(Language.ENGLISH)
 *     .build();
 * }</pre>
 */
public final class Voice {
  private final String id;
  private final String name;
  private final ReferenceAudio reference;
  private final String transcript;
  private final Language language;
  private final Instant createdAt;

  private Voice(Builder b) {
    this.id = b.id != null ? b.id : UUID.randomUUID().toString();
    this.name = Validation.name(b.name);
    this.reference = Objects.requireNonNull(b.reference, "reference == null");
    this.transcript = b.transcript == null ? null : Validation.transcript(b.transcript);
    this.language = b.language;
    this.createdAt = b.createdAt != null ? b.createdAt : Instant.now();
  }

  /** A builder; {@code name} and {@code reference} are required, everything else is optional. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this voice's values. */
  public Builder toBuilder() {
    return new Builder().id(id).name(name).reference(reference).transcript(transcript)
        .language(language).createdAt(createdAt);
  }

  /** A stable id: the one given to the builder, or a random UUID. */
  public String id() {
    return id;
  }

  /** The display name, 1 to 100 characters, trimmed. */
  public String name() {
    return name;
  }

  public ReferenceAudio reference() {
    return reference;
  }

  /** The words spoken in the reference recording, at least 10 characters, when known. */
  public Optional<String> transcript() {
    return Optional.ofNullable(transcript);
  }

  /** The language of the reference recording; {@link Language#AUTO} when not given. */
  public Language language() {
    return language;
  }

  public Instant createdAt() {
    return createdAt;
  }

  @Override
  public String toString() {
    return "Voice{id=" + id + ", name=" + name + ", language=" + language + ", " + reference + '}';
  }

  /** Builds a {@link Voice}; {@link #build()} validates. Not thread-safe. */
  public static final class Builder {
    private String id;
    private String name;
    private ReferenceAudio reference;
    private String transcript;
    private Language language = Language.AUTO;
    private Instant createdAt;

    private Builder() {}

    public Builder id(String id) {
      this.id = Objects.requireNonNull(id, "id == null");
      return this;
    }

    public Builder name(String name) {
      this.name = name;
      return this;
    }

    public Builder reference(ReferenceAudio reference) {
      this.reference = Objects.requireNonNull(reference, "reference == null");
      return this;
    }

    /** Reads and checks the reference recording now. @see ReferenceAudio#read(Path) */
    public Builder reference(Path file) {
      return reference(ReferenceAudio.read(file));
    }

    /** Checks the reference recording now. @see ReferenceAudio#of(byte[]) */
    public Builder reference(byte[] bytes) {
      return reference(ReferenceAudio.of(bytes));
    }

    /** The transcript of the reference; null clears it. */
    public Builder transcript(String transcript) {
      this.transcript = transcript;
      return this;
    }

    public Builder language(Language language) {
      this.language = Objects.requireNonNull(language, "language == null");
      return this;
    }

    public Builder createdAt(Instant createdAt) {
      this.createdAt = Objects.requireNonNull(createdAt, "createdAt == null");
      return this;
    }

    /**
     * @throws InvalidRequestException when the name is not 1 to 100 characters or the transcript,
     *     when given, is under 10 characters.
     * @throws NullPointerException when no reference was given.
     */
    public Voice build() {
      return new Voice(this);
    }
  }
}
