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
   * @param text the text to check; null is refused like a blank one
   * @return the trimmed text
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

  /**
   * A builder; {@code voice} and {@code text} are required, everything else is optional.
   *
   * @param voice the voice to speak in; not null
   * @param text the text to speak; not null, checked by {@link Builder#build()}
   * @return a new builder
   */
  public static Builder builder(Voice voice, String text) {
    return new Builder(voice, text);
  }

  /**
   * The voice to speak in.
   *
   * @return never null
   */
  public Voice voice() {
    return voice;
  }

  /**
   * The text, 1 to 5000 code points, trimmed.
   *
   * @return never null or blank
   */
  public String text() {
    return text;
  }

  /**
   * The language asked for; when empty, the voice's language applies.
   *
   * @return the language, or empty
   */
  public Optional<Language> language() {
    return Optional.ofNullable(language);
  }

  /**
   * The language the provider is asked for: this request's, else the voice's.
   *
   * @return never null; {@link Language#AUTO} when neither names one
   */
  public Language resolvedLanguage() {
    return language != null ? language : voice.language();
  }

  /**
   * The format every door delivers ({@link Speech#toBytes()}, {@link Utter#generateToFile},
   * {@link SpeechStream#openStream()}): {@link OutputFormat#WAV} at the provider's rate unless set.
   *
   * @return never null
   */
  public OutputFormat outputFormat() {
    return outputFormat;
  }

  /**
   * The seed for reproducible output, where the provider supports one.
   *
   * @return the seed, or empty to let the provider choose
   */
  public OptionalLong seed() {
    return seed;
  }

  /**
   * Options for the provider, or empty.
   *
   * @return the options, or empty
   */
  public Optional<ProviderOptions> providerOptions() {
    return Optional.ofNullable(providerOptions);
  }

  /**
   * Who hears progress as chunks complete; {@link ProgressListener#NONE} unless set.
   *
   * @return never null
   */
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

    /**
     * Overrides the voice's language for this request.
     *
     * @param language not null; {@link Language#AUTO} asks the provider to detect it
     * @return this builder
     */
    public Builder language(Language language) {
      this.language = Objects.requireNonNull(language, "language == null");
      return this;
    }

    /**
     * The format every door delivers; {@link OutputFormat#WAV} at the provider's rate by default.
     *
     * @param outputFormat not null
     * @return this builder
     */
    public Builder outputFormat(OutputFormat outputFormat) {
      this.outputFormat = Objects.requireNonNull(outputFormat, "outputFormat == null");
      return this;
    }

    /**
     * The output format by name, e.g. {@code mp3_44100_128}.
     *
     * @param name a format name, case-insensitive; not null
     * @return this builder
     * @throws InvalidRequestException for an unknown name, listing the valid ones.
     */
    public Builder outputFormat(String name) {
      return outputFormat(OutputFormat.parse(name));
    }

    /**
     * A seed for reproducible output, where the provider supports one.
     *
     * @param seed any value; the same seed, voice and text give the same audio where the provider
     *     is deterministic
     * @return this builder
     */
    public Builder seed(long seed) {
      this.seed = OptionalLong.of(seed);
      return this;
    }

    /**
     * Options passed to the provider as they are; none by default.
     *
     * @param providerOptions not null
     * @return this builder
     */
    public Builder providerOptions(ProviderOptions providerOptions) {
      this.providerOptions = Objects.requireNonNull(providerOptions, "providerOptions == null");
      return this;
    }

    /**
     * Hears progress as chunks complete.
     *
     * @param listener not null; called on the client's listener threads, never on the caller's
     * @return this builder
     */
    public Builder onProgress(ProgressListener listener) {
      this.progressListener = Objects.requireNonNull(listener, "listener == null");
      return this;
    }

    /**
     * @return an immutable request
     * @throws InvalidRequestException when the text breaks a rule of {@link #checkText}.
     */
    public GenerationRequest build() {
      return new GenerationRequest(this);
    }
  }
}
