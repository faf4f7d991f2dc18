package dev.utter;

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
    this.name = checkName(b.name);
    this.reference = Objects.requireNonNull(b.reference, "reference == null");
    this.transcript = b.transcript == null ? null : checkTranscript(b.transcript);
    this.language = b.language;
    this.createdAt = b.createdAt != null ? b.createdAt : Instant.now();
  }

  /** The longest name, in Unicode code points after trimming. */
  public static final int MAX_NAME_LENGTH = 100;
  /** The shortest transcript, in Unicode code points after trimming. */
  public static final int MIN_TRANSCRIPT_LENGTH = 10;

  /**
   * {@code name} as a voice keeps it: trimmed, 1 to 100 code points, with no control character and
   * something visible besides zero-width or formatting characters. {@link Builder#build()} applies
   * this; callers that collect a name before they have a reference can check it first.
   *
   * @param name the name to check; null is refused like a blank one
   * @return the trimmed name
   * @throws InvalidRequestException (code {@code invalid_name}) saying which rule the name breaks.
   */
  public static String checkName(String name) {
    String trimmed = TextRules.clean(name, TextRules.NAME);
    int length = TextRules.length(trimmed);
    if (length < 1 || length > MAX_NAME_LENGTH) {
      throw TextRules.invalid(TextRules.NAME, "Name must be 1-100 characters");
    }
    return trimmed;
  }

  /**
   * {@code transcript} as a voice keeps it: trimmed, at least 10 code points, with no control
   * character but tabs and line breaks, and something visible.
   *
   * @param transcript the transcript to check; null is refused like a blank one
   * @return the trimmed transcript
   * @throws InvalidRequestException (code {@code invalid_transcript}) saying which rule it breaks.
   */
  public static String checkTranscript(String transcript) {
    String trimmed = TextRules.clean(transcript, TextRules.TRANSCRIPT);
    if (TextRules.length(trimmed) < MIN_TRANSCRIPT_LENGTH) {
      throw TextRules.invalid(TextRules.TRANSCRIPT, "Transcript must be at least 10 characters");
    }
    return trimmed;
  }

  /**
   * A builder; {@code name} and {@code reference} are required, everything else is optional.
   *
   * @return a new, empty builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding this voice's values.
   *
   * @return a new builder, id and creation time included; changing it leaves this voice unchanged
   */
  public Builder toBuilder() {
    return new Builder().id(id).name(name).reference(reference).transcript(transcript)
        .language(language).createdAt(createdAt);
  }

  /**
   * A stable id: the one given to the builder, or a random UUID.
   *
   * @return never null
   */
  public String id() {
    return id;
  }

  /**
   * The display name, 1 to 100 code points, trimmed.
   *
   * @return never null
   */
  public String name() {
    return name;
  }

  /**
   * The reference recording the voice is cloned from, already checked.
   *
   * @return never null
   */
  public ReferenceAudio reference() {
    return reference;
  }

  /**
   * The words spoken in the reference recording, at least 10 code points, when known.
   *
   * @return the transcript, or empty
   */
  public Optional<String> transcript() {
    return Optional.ofNullable(transcript);
  }

  /**
   * The language of the reference recording; {@link Language#AUTO} when not given.
   *
   * @return never null
   */
  public Language language() {
    return language;
  }

  /**
   * When the voice was created: the instant given to the builder, or the moment of {@code build()}.
   *
   * @return never null
   */
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

    /**
     * Keeps an existing voice's id, e.g. one read back from storage; by default a random UUID is
     * assigned.
     *
     * @param id the id; not null
     * @return this builder
     */
    public Builder id(String id) {
      this.id = Objects.requireNonNull(id, "id == null");
      return this;
    }

    /**
     * The display name; required, checked by {@link #build()} as {@link Voice#checkName} says.
     *
     * @param name the name, trimmed on build
     * @return this builder
     */
    public Builder name(String name) {
      this.name = name;
      return this;
    }

    /**
     * The reference recording; required.
     *
     * @param reference an already checked recording; not null
     * @return this builder
     */
    public Builder reference(ReferenceAudio reference) {
      this.reference = Objects.requireNonNull(reference, "reference == null");
      return this;
    }

    /**
     * Reads and checks the reference recording now.
     *
     * @param file a WAV, MP3 or M4A recording of 10 to 300 seconds; read now and not kept open
     * @return this builder
     * @see ReferenceAudio#read(Path)
     * @throws InvalidRequestException when the file is over 50 MB or not acceptable reference audio
     * @throws java.io.UncheckedIOException when the file cannot be read
     */
    public Builder reference(Path file) {
      return reference(ReferenceAudio.read(file));
    }

    /**
     * Checks the reference recording now.
     *
     * @param bytes the recording's bytes; copied
     * @return this builder
     * @see ReferenceAudio#of(byte[])
     * @throws InvalidRequestException when the bytes are not usable as a reference
     */
    public Builder reference(byte[] bytes) {
      return reference(ReferenceAudio.of(bytes));
    }

    /**
     * The transcript of the reference; null clears it.
     *
     * @param transcript the words spoken in the reference, checked by {@link #build()}; may be null
     * @return this builder
     */
    public Builder transcript(String transcript) {
      this.transcript = transcript;
      return this;
    }

    /**
     * The language of the reference recording; {@link Language#AUTO} by default.
     *
     * @param language not null
     * @return this builder
     */
    public Builder language(Language language) {
      this.language = Objects.requireNonNull(language, "language == null");
      return this;
    }

    /**
     * Keeps an existing voice's creation time; by default the moment of {@link #build()}.
     *
     * @param createdAt not null
     * @return this builder
     */
    public Builder createdAt(Instant createdAt) {
      this.createdAt = Objects.requireNonNull(createdAt, "createdAt == null");
      return this;
    }

    /**
     * @return an immutable voice
     * @throws InvalidRequestException when the name or the transcript, when given, breaks the rules of
     *     {@link #checkName} and {@link #checkTranscript}.
     * @throws NullPointerException when no reference was given.
     */
    public Voice build() {
      return new Voice(this);
    }
  }
}
