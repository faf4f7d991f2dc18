package dev.utter.spi;

import dev.utter.InvalidRequestException;
import dev.utter.Language;
import dev.utter.UtterException.Details;
import dev.utter.Voice;
import dev.utter.text.ChunkLimits;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What one provider can do, and the limits of one call to it. The client plans chunks from these
 * limits and rejects requests the provider cannot serve before any call. Immutable.
 */
public final class ProviderCapabilities {
  private final boolean requiresTranscript;
  private final Set<Language> languages;
  private final int maxCharsPerCall;
  private final int maxUtf8BytesPerCall;
  private final int maxWordsPerCall;
  private final double maxAudioSecondsPerCall;
  private final int sampleRate;
  private final int maxBatchSize;

  private ProviderCapabilities(Builder b) {
    this.requiresTranscript = b.requiresTranscript;
    this.languages = Set.copyOf(b.languages);
    this.maxCharsPerCall = b.maxCharsPerCall;
    this.maxUtf8BytesPerCall = b.maxUtf8BytesPerCall;
    this.maxWordsPerCall = b.maxWordsPerCall;
    this.maxAudioSecondsPerCall = b.maxAudioSecondsPerCall;
    this.sampleRate = b.sampleRate;
    this.maxBatchSize = b.maxBatchSize;
  }

  /**
   * A builder; {@code sampleRate}, a language and at least one text limit are required.
   *
   * @return a new, empty builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding these capabilities, for a provider that derives its own from another's.
   *
   * @return a new builder; changing it leaves these capabilities unchanged
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.requiresTranscript = requiresTranscript;
    b.languages = EnumSet.copyOf(languages);
    b.maxCharsPerCall = maxCharsPerCall;
    b.maxUtf8BytesPerCall = maxUtf8BytesPerCall;
    b.maxWordsPerCall = maxWordsPerCall;
    b.maxAudioSecondsPerCall = maxAudioSecondsPerCall;
    b.sampleRate = sampleRate;
    b.maxBatchSize = maxBatchSize;
    return b;
  }

  /**
   * Whether a voice needs the transcript of its reference audio.
   *
   * @return true when a voice without a transcript cannot be served
   */
  public boolean requiresTranscript() {
    return requiresTranscript;
  }

  /**
   * The languages a request may ask for; {@link Language#AUTO} is listed when the model detects.
   *
   * @return an unmodifiable, non-empty set
   */
  public Set<Language> languages() {
    return languages;
  }

  /**
   * Whether a request may ask for {@code language}; {@link Language#AUTO} counts only when listed.
   *
   * @param language the language to look up
   * @return true when it is in {@link #languages()}
   */
  public boolean supports(Language language) {
    return languages.contains(language);
  }

  /**
   * The pre-flight check of a request: {@code language} is one this provider speaks. The client runs
   * it before any call; providers run it too, so a direct caller gets the same answer.
   *
   * @param language the requested language; not null
   * @throws InvalidRequestException (code {@code unsupported_language}) naming the supported languages.
   */
  public void requireSupported(Language language) {
    requireSupported(language, languages);
  }

  /**
   * The same check against another list, for a part of a backend with languages of its own (a
   * {@link VoiceDesigner#languages()}, say).
   *
   * @param language the requested language; not null
   * @param languages the languages supported; not null, not changed
   * @throws NullPointerException when {@code language} is null
   * @throws InvalidRequestException (code {@code unsupported_language}) unless {@code languages}
   *     holds {@code language}, naming the ones it holds.
   */
  public static void requireSupported(Language language, Set<Language> languages) {
    Objects.requireNonNull(language, "language == null");
    if (!languages.contains(language)) {
      throw new InvalidRequestException("Unsupported language: " + language.wireName() + ". Supported: "
          + languages.stream().sorted().map(Language::wireName).collect(Collectors.joining(", ")),
          Details.ofCode("unsupported_language"), null);
    }
  }

  /**
   * The pre-flight check of a request for {@code voice} in {@code language}: the language is supported
   * ({@link #requireSupported}) and, when this provider {@linkplain #requiresTranscript() needs one},
   * the voice has a transcript. Nothing is sent before it passes.
   *
   * @param voice the voice to clone; not null
   * @param language the requested language; not null
   * @throws InvalidRequestException (code {@code unsupported_language} or {@code missing_transcript}).
   */
  public void requireServable(Voice voice, Language language) {
    Objects.requireNonNull(voice, "voice == null");
    requireSupported(language);
    if (requiresTranscript && voice.transcript().isEmpty()) {
      throw new InvalidRequestException(
          "Voice is missing reference transcript. Please re-create the voice with a transcript.",
          Details.ofCode("missing_transcript"), null);
    }
  }

  /**
   * The most characters of text in one call, or 0 when only another bound applies.
   *
   * @return the limit, or 0
   */
  public int maxCharsPerCall() {
    return maxCharsPerCall;
  }

  /**
   * The most UTF-8 bytes of text in one call, or 0 when only another bound applies.
   *
   * @return the limit, or 0
   */
  public int maxUtf8BytesPerCall() {
    return maxUtf8BytesPerCall;
  }

  /**
   * The most words in one call (a bound on the audio one call may produce), or 0.
   *
   * @return the limit, or 0
   */
  public int maxWordsPerCall() {
    return maxWordsPerCall;
  }

  /**
   * The most audio one call produces, in seconds, or 0 when unknown.
   *
   * @return the limit in seconds, or 0
   */
  public double maxAudioSecondsPerCall() {
    return maxAudioSecondsPerCall;
  }

  /**
   * The sample rate of the audio the provider returns.
   *
   * @return the rate in Hz, always positive
   */
  public int sampleRate() {
    return sampleRate;
  }

  /**
   * The most chunks in one {@link TtsProvider#synthesizeBatch} call; 1 means no batch support.
   *
   * @return at least 1
   */
  public int maxBatchSize() {
    return maxBatchSize;
  }

  /**
   * Whether the provider takes several chunks in one call.
   *
   * @return true when {@link #maxBatchSize()} is above 1
   */
  public boolean supportsBatch() {
    return maxBatchSize > 1;
  }

  /**
   * The text limits of one call, for the chunker.
   *
   * @return the char, UTF-8 byte and word limits; 0 means unbounded for each
   */
  public ChunkLimits chunkLimits() {
    return new ChunkLimits(maxCharsPerCall, maxUtf8BytesPerCall, maxWordsPerCall);
  }

  @Override
  public String toString() {
    return "ProviderCapabilities{requiresTranscript=" + requiresTranscript
        + ", languages=" + languages
        + ", maxCharsPerCall=" + maxCharsPerCall
        + ", maxUtf8BytesPerCall=" + maxUtf8BytesPerCall
        + ", maxWordsPerCall=" + maxWordsPerCall
        + ", maxAudioSecondsPerCall=" + maxAudioSecondsPerCall
        + ", sampleRate=" + sampleRate
        + ", maxBatchSize=" + maxBatchSize + '}';
  }

  /** Builds {@link ProviderCapabilities}. Not thread-safe. */
  public static final class Builder {
    private boolean requiresTranscript;
    private Set<Language> languages = EnumSet.noneOf(Language.class);
    private int maxCharsPerCall;
    private int maxUtf8BytesPerCall;
    private int maxWordsPerCall;
    private double maxAudioSecondsPerCall;
    private int sampleRate;
    private int maxBatchSize = 1;

    private Builder() {}

    /**
     * Whether a voice needs the transcript of its reference audio; false by default.
     *
     * @param requiresTranscript true when a voice without a transcript must be refused before any
     *     call
     * @return this builder
     */
    public Builder requiresTranscript(boolean requiresTranscript) {
      this.requiresTranscript = requiresTranscript;
      return this;
    }

    /**
     * The languages a request may ask for; required, and replaces any set before.
     *
     * @param languages a non-null set, copied; list {@link Language#AUTO} when the model detects
     * @return this builder
     */
    public Builder languages(Set<Language> languages) {
      Objects.requireNonNull(languages, "languages == null");
      this.languages = languages.isEmpty() ? EnumSet.noneOf(Language.class) : EnumSet.copyOf(languages);
      return this;
    }

    /**
     * The most characters of text in one call; 0 (the default) leaves it to another bound.
     *
     * @param maxCharsPerCall 0 or more
     * @return this builder
     * @throws IllegalArgumentException when negative
     */
    public Builder maxCharsPerCall(int maxCharsPerCall) {
      this.maxCharsPerCall = requireNonNegative(maxCharsPerCall, "maxCharsPerCall");
      return this;
    }

    /**
     * The most UTF-8 bytes of text in one call; 0 (the default) leaves it to another bound.
     *
     * @param maxUtf8BytesPerCall 0 or more
     * @return this builder
     * @throws IllegalArgumentException when negative
     */
    public Builder maxUtf8BytesPerCall(int maxUtf8BytesPerCall) {
      this.maxUtf8BytesPerCall = requireNonNegative(maxUtf8BytesPerCall, "maxUtf8BytesPerCall");
      return this;
    }

    /**
     * The most words in one call; 0 (the default) leaves it to another bound.
     *
     * @param maxWordsPerCall 0 or more
     * @return this builder
     * @throws IllegalArgumentException when negative
     */
    public Builder maxWordsPerCall(int maxWordsPerCall) {
      this.maxWordsPerCall = requireNonNegative(maxWordsPerCall, "maxWordsPerCall");
      return this;
    }

    /**
     * The most audio one call produces; 0 (the default) when unknown.
     *
     * @param maxAudioSecondsPerCall in seconds, 0 or more
     * @return this builder
     * @throws IllegalArgumentException when negative or NaN
     */
    public Builder maxAudioSecondsPerCall(double maxAudioSecondsPerCall) {
      if (!(maxAudioSecondsPerCall >= 0)) {
        throw new IllegalArgumentException("maxAudioSecondsPerCall < 0: " + maxAudioSecondsPerCall);
      }
      this.maxAudioSecondsPerCall = maxAudioSecondsPerCall;
      return this;
    }

    /**
     * The sample rate of the audio the provider returns; required, checked by {@link #build()}.
     *
     * @param sampleRate in Hz, positive
     * @return this builder
     */
    public Builder sampleRate(int sampleRate) {
      this.sampleRate = sampleRate;
      return this;
    }

    /**
     * The most chunks in one {@link TtsProvider#synthesizeBatch} call; 1 (the default) means no
     * batches.
     *
     * @param maxBatchSize at least 1
     * @return this builder
     * @throws IllegalArgumentException when below 1
     */
    public Builder maxBatchSize(int maxBatchSize) {
      if (maxBatchSize < 1) {
        throw new IllegalArgumentException("maxBatchSize < 1: " + maxBatchSize);
      }
      this.maxBatchSize = maxBatchSize;
      return this;
    }

    /**
     * @return immutable capabilities
     * @throws IllegalStateException when the sample rate, languages or every text limit is missing.
     */
    public ProviderCapabilities build() {
      if (sampleRate <= 0) {
        throw new IllegalStateException("sampleRate must be > 0");
      }
      if (languages.isEmpty()) {
        throw new IllegalStateException("at least one language is required");
      }
      if (maxCharsPerCall == 0 && maxUtf8BytesPerCall == 0 && maxWordsPerCall == 0) {
        throw new IllegalStateException("at least one text limit per call is required");
      }
      return new ProviderCapabilities(this);
    }

    private static int requireNonNegative(int value, String name) {
      if (value < 0) {
        throw new IllegalArgumentException(name + " < 0: " + value);
      }
      return value;
    }
  }
}
