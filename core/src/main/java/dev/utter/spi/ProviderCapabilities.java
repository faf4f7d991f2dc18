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

  /** A builder; {@code sampleRate}, a language and at least one text limit are required. */
  public static Builder builder() {
    return new Builder();
  }

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

  /** Whether a voice needs the transcript of its reference audio. */
  public boolean requiresTranscript() {
    return requiresTranscript;
  }

  /** The languages a request may ask for; {@link Language#AUTO} is listed when the model detects. */
  public Set<Language> languages() {
    return languages;
  }

  public boolean supports(Language language) {
    return languages.contains(language);
  }

  /**
   * The pre-flight check of a request: {@code language} is one this provider speaks. The client runs
   * it before any call; providers run it too, so a direct caller gets the same answer.
   *
   * @throws InvalidRequestException (code {@code unsupported_language}) naming the supported languages.
   */
  public void requireSupported(Language language) {
    requireSupported(language, languages);
  }

  /**
   * The same check against another list, for a part of a backend with languages of its own (a
   * {@link VoiceDesigner#languages()}, say).
   *
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

  /** The most characters of text in one call, or 0 when only another bound applies. */
  public int maxCharsPerCall() {
    return maxCharsPerCall;
  }

  /** The most UTF-8 bytes of text in one call, or 0 when only another bound applies. */
  public int maxUtf8BytesPerCall() {
    return maxUtf8BytesPerCall;
  }

  /** The most words in one call (a bound on the audio one call may produce), or 0. */
  public int maxWordsPerCall() {
    return maxWordsPerCall;
  }

  /** The most audio one call produces, in seconds, or 0 when unknown. */
  public double maxAudioSecondsPerCall() {
    return maxAudioSecondsPerCall;
  }

  /** The sample rate of the audio the provider returns. */
  public int sampleRate() {
    return sampleRate;
  }

  /** The most chunks in one {@link TtsProvider#synthesizeBatch} call; 1 means no batch support. */
  public int maxBatchSize() {
    return maxBatchSize;
  }

  public boolean supportsBatch() {
    return maxBatchSize > 1;
  }

  /** The text limits of one call, for the chunker. */
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

    public Builder requiresTranscript(boolean requiresTranscript) {
      this.requiresTranscript = requiresTranscript;
      return this;
    }

    public Builder languages(Set<Language> languages) {
      Objects.requireNonNull(languages, "languages == null");
      this.languages = languages.isEmpty() ? EnumSet.noneOf(Language.class) : EnumSet.copyOf(languages);
      return this;
    }

    public Builder maxCharsPerCall(int maxCharsPerCall) {
      this.maxCharsPerCall = requireNonNegative(maxCharsPerCall, "maxCharsPerCall");
      return this;
    }

    public Builder maxUtf8BytesPerCall(int maxUtf8BytesPerCall) {
      this.maxUtf8BytesPerCall = requireNonNegative(maxUtf8BytesPerCall, "maxUtf8BytesPerCall");
      return this;
    }

    public Builder maxWordsPerCall(int maxWordsPerCall) {
      this.maxWordsPerCall = requireNonNegative(maxWordsPerCall, "maxWordsPerCall");
      return this;
    }

    public Builder maxAudioSecondsPerCall(double maxAudioSecondsPerCall) {
      if (!(maxAudioSecondsPerCall >= 0)) {
        throw new IllegalArgumentException("maxAudioSecondsPerCall < 0: " + maxAudioSecondsPerCall);
      }
      this.maxAudioSecondsPerCall = maxAudioSecondsPerCall;
      return this;
    }

    public Builder sampleRate(int sampleRate) {
      this.sampleRate = sampleRate;
      return this;
    }

    public Builder maxBatchSize(int maxBatchSize) {
      if (maxBatchSize < 1) {
        throw new IllegalArgumentException("maxBatchSize < 1: " + maxBatchSize);
      }
      this.maxBatchSize = maxBatchSize;
      return this;
    }

    /** @throws IllegalStateException when the sample rate, languages or every text limit is missing. */
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
