package dev.utter;

import dev.utter.spi.ProviderOptions;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What to say, in which voice. Immutable; build one with {@link #builder(Voice, String)}.
 *
 * <pre>{@code
 * GenerationRequest request = GenerationRequest.builder(voice, "Hello there.")
 *     .language(Language.ENGLISH)
 *     .seed(42)
 *     .build();
 * }</pre>
 */
public final class GenerationRequest {
  private final Voice voice;
  private final String text;
  private final Language language;
  private final OutputFormat outputFormat;
  private final OptionalLong seed;
  private final ProviderOptions providerOptions;
  private final ProgressListener progressListener;

  private GenerationRequest(Builder b) {
    this.voice = b.voice;
    this.text = checkText(b.text);
    this.language = b.language;
    this.outputFormat = b.outputFormat;
    this.seed = b.seed;
    this.providerOptions = b.providerOptions;
    this.progressListener = b.progressListener;
  }

  /** The longest text, in Unicode code points after trimming. */
  public static final int MAX_TEXT_LENGTH = 5000;

  /**
   * {@code text} as a request keeps it: trimmed, 1 to 5000 Unicode code points (an emoji counts once),
   * valid Unicode (no lone surrogate), no control character but tabs and line breaks, and something
   * visible besides zero-width or formatting characters. {@link Builder#build()} applies this.
   *
   * @throws InvalidRequestException (code {@code invalid_text}) saying which rule the text breaks.
   */
  public static String checkText(String text) {
    String trimmed = TextRules.clean(text, TextRules.TEXT);
    int length = TextRules.length(trimmed);
    if (length < 1 || length > MAX_TEXT_LENGTH) {
      throw TextRules.invalid(TextRules.TEXT, "Text must be 1-5000 characters");
    }
    return trimmed;
  }

  /** A builder; {@code voice} and {@code text} are required, everything else is optional. */
  public static Builder builder(Voice voice, String text) {
    return new Builder(voice, text);
  }

  public Voice voice() {
    return voice;
  }

  /** The text, 1 to 5000 code points, trimmed. */
  public String text() {
    return text;
  }

  /** The language asked for; when empty, the voice's language applies. */
  public Optional<Language> language() {
    return Optional.ofNullable(language);
  }

  /** The language the provider is asked for: this request's, else the voice's. */
  public Language resolvedLanguage() {
    return language != null ? language : voice.language();
  }

  /**
   * The format every door delivers ({@link Speech#toBytes()}, {@link Utter#generateToFile},
   * {@link SpeechStream#openStream()}): {@link OutputFormat#WAV} at the provider's rate unless set.
   */
  public OutputFormat outputFormat() {
    return outputFormat;
  }

  public OptionalLong seed() {
    return seed;
  }

  /** Options for the provider, or empty. */
  public Optional<ProviderOptions> providerOptions() {
    return Optional.ofNullable(providerOptions);
  }

  public ProgressListener progressListener() {
    return progressListener;
  }

  @Override
  public String toString() {
    return "GenerationRequest{voice=" + voice.id() + ", chars=" + text.length() + ", language="
        + resolvedLanguage() + ", format=" + outputFormat + '}';
  }

  /** Builds a {@link GenerationRequest}; {@link #build()} validates. Not thread-safe. */
  public static final class Builder {
    private final Voice voice;
    private final String text;
    private Language language;
    private OutputFormat outputFormat = OutputFormat.WAV;
    private OptionalLong seed = OptionalLong.empty();
    private ProviderOptions providerOptions;
    private ProgressListener progressListener = ProgressListener.NONE;

    private Builder(Voice voice, String text) {
      this.voice = Objects.requireNonNull(voice, "voice == null");
      this.text = Objects.requireNonNull(text, "text == null");
    }

    /** Overrides the voice's language for this request. */
    public Builder language(Language language) {
      this.language = Objects.requireNonNull(language, "language == null");
      return this;
    }

    public Builder outputFormat(OutputFormat outputFormat) {
      this.outputFormat = Objects.requireNonNull(outputFormat, "outputFormat == null");
      return this;
    }

    /**
     * The output format by name, e.g. {@code mp3_44100_128}.
     *
     * @throws InvalidRequestException for an unknown name, listing the valid ones.
     */
    public Builder outputFormat(String name) {
      return outputFormat(OutputFormat.parse(name));
    }

    /** A seed for reproducible output, where the provider supports one. */
    public Builder seed(long seed) {
      this.seed = OptionalLong.of(seed);
      return this;
    }

    public Builder providerOptions(ProviderOptions providerOptions) {
      this.providerOptions = Objects.requireNonNull(providerOptions, "providerOptions == null");
      return this;
    }

    /** Hears progress as chunks complete. */
    public Builder onProgress(ProgressListener listener) {
      this.progressListener = Objects.requireNonNull(listener, "listener == null");
      return this;
    }

    /** @throws InvalidRequestException when the text breaks a rule of {@link #checkText}. */
    public GenerationRequest build() {
      return new GenerationRequest(this);
    }
  }
}
