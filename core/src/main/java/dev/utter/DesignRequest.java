package dev.utter;

import dev.utter.UtterException.Details;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * A request to design a voice from words: a {@linkplain #description() description} of the voice
 * ("an old sailor, gravelly and slow") and a {@linkplain #text() preview text} that the new voice
 * speaks. The preview becomes the reference recording of the designed {@link Voice}, and the preview
 * text its transcript, so the voice can then speak any text like a cloned one. Immutable.
 *
 * <pre>{@code
 * DesignRequest request = DesignRequest.builder(
 *         "A warm, low female narrator with a slight British accent, calm and unhurried.",
 *         "Welcome aboard. Tonight I will read you a story about the sea, the wind and an old ship.")
 *     .language(Language.ENGLISH)
 *     .voiceName("Narrator")
 *     .seed(7)
 *     .build();
 * }</pre>
 *
 * <p>Rules, checked by {@link Builder#build()} with the original utter app's wording: the preview text
 * is required, at most {@value #MAX_TEXT_CHARS} characters and, because it becomes the transcript, at
 * least {@value Voice#MIN_TRANSCRIPT_LENGTH}; the description is required and
 * at most {@value #MAX_DESCRIPTION_CHARS} characters; the voice name is 1 to 100 characters. Lengths
 * count Unicode code points after trimming; the text and the description, like every text the SDK
 * takes, hold no lone surrogate and no control character but tabs and line breaks. Whether the provider speaks the language is checked by
 * {@link Utter#design} before any call.
 *
 * <p>How long the preview must be: see {@link DesignedVoice#MIN_PREVIEW_SECONDS}. A model speaks about
 * 14 characters a second, so a preview text of 60 characters or more is safe.
 */
public final class DesignRequest {
  /** The most Unicode code points of a preview text, as the original app and the VoiceDesign service allow. */
  public static final int MAX_TEXT_CHARS = 500;
  /** The most Unicode code points of a voice description, as the original app and the VoiceDesign service allow. */
  public static final int MAX_DESCRIPTION_CHARS = 500;
  /** The name a designed voice gets when the request names none. */
  public static final String DEFAULT_VOICE_NAME = "Designed voice";

  private final String description;
  private final String text;
  private final Language language;
  private final OptionalLong seed;
  private final String voiceName;

  private DesignRequest(Builder b) {
    this.text = previewText(b.text);
    this.description = description(b.description);
    this.language = b.language;
    this.seed = b.seed;
    this.voiceName = Voice.checkName(b.voiceName);
  }

  /**
   * A builder; {@code description} and {@code text} are required, everything else is optional
   * (language {@link Language#ENGLISH}, as the original app; no seed; name {@value #DEFAULT_VOICE_NAME}).
   * Nothing is checked until {@link Builder#build()}.
   *
   * @param description what the voice should sound like; checked by {@link Builder#build()}
   * @param text what the preview says, later the voice's transcript; checked by {@link Builder#build()}
   * @return a new builder
   */
  public static Builder builder(String description, String text) {
    return new Builder(description, text);
  }

  /**
   * What the voice should sound like.
   *
   * @return the description, trimmed: 1 to {@value #MAX_DESCRIPTION_CHARS} code points
   */
  public String description() {
    return description;
  }

  /**
   * What the preview says. It becomes the designed voice's transcript.
   *
   * @return the preview text, trimmed: {@value Voice#MIN_TRANSCRIPT_LENGTH} to {@value #MAX_TEXT_CHARS}
   *     code points
   */
  public String text() {
    return text;
  }

  /**
   * The language of the preview text and of the designed voice.
   *
   * @return the language; never null, {@link Language#ENGLISH} unless the builder set another
   */
  public Language language() {
    return language;
  }

  /**
   * A seed for a reproducible design, where the provider supports one.
   *
   * @return the seed, or empty when the request set none (the provider then chooses)
   */
  public OptionalLong seed() {
    return seed;
  }

  /**
   * The name of the designed {@link Voice}.
   *
   * @return the name, trimmed: 1 to 100 code points; {@value #DEFAULT_VOICE_NAME} unless the builder
   *     set another
   */
  public String voiceName() {
    return voiceName;
  }

  @Override
  public String toString() {
    return "DesignRequest{voiceName=" + voiceName + ", language=" + language
        + ", description=" + TextRules.length(description) + " chars"
        + ", text=" + TextRules.length(text) + " chars}";
  }

  private static String previewText(String text) {
    String trimmed = TextRules.clean(text, TextRules.PREVIEW_TEXT);
    int chars = TextRules.length(trimmed);
    if (chars == 0) {
      throw invalid("Preview text is required", "invalid_text");
    }
    if (chars > MAX_TEXT_CHARS) {
      throw invalid("Preview text must be " + MAX_TEXT_CHARS + " characters or less", "text_too_long");
    }
    if (chars < Voice.MIN_TRANSCRIPT_LENGTH) {
      throw invalid("Preview text must be at least " + Voice.MIN_TRANSCRIPT_LENGTH
          + " characters: it becomes the designed voice's transcript", "text_too_short");
    }
    return trimmed;
  }

  private static String description(String description) {
    String trimmed = TextRules.clean(description, TextRules.DESCRIPTION);
    int chars = TextRules.length(trimmed);
    if (chars == 0) {
      throw invalid("Voice description is required", "invalid_description");
    }
    if (chars > MAX_DESCRIPTION_CHARS) {
      throw invalid("Voice description must be " + MAX_DESCRIPTION_CHARS + " characters or less",
          "description_too_long");
    }
    return trimmed;
  }

  private static InvalidRequestException invalid(String message, String code) {
    return new InvalidRequestException(message, Details.ofCode(code), null);
  }

  /** Builds a {@link DesignRequest}; {@link #build()} validates. Not thread-safe. */
  public static final class Builder {
    private final String description;
    private final String text;
    private Language language = Language.ENGLISH;
    private OptionalLong seed = OptionalLong.empty();
    private String voiceName = DEFAULT_VOICE_NAME;

    private Builder(String description, String text) {
      this.description = description;
      this.text = text;
    }

    /**
     * The language of the preview text; {@link Language#ENGLISH} by default. Whether the provider
     * speaks it is checked by {@link Utter#design}, not here.
     *
     * @param language the language; not null
     * @return this builder
     * @throws NullPointerException when {@code language} is null
     */
    public Builder language(Language language) {
      this.language = Objects.requireNonNull(language, "language == null");
      return this;
    }

    /**
     * A seed for a reproducible design, where the provider supports one; none by default.
     *
     * @param seed any value; the same request with the same seed gives the same voice where the
     *     backend is deterministic
     * @return this builder
     */
    public Builder seed(long seed) {
      this.seed = OptionalLong.of(seed);
      return this;
    }

    /**
     * The name of the designed voice; {@value DesignRequest#DEFAULT_VOICE_NAME} by default.
     *
     * @param voiceName 1 to 100 code points after trimming; checked by {@link #build()}
     * @return this builder
     */
    public Builder voiceName(String voiceName) {
      this.voiceName = voiceName;
      return this;
    }

    /**
     * Validates and builds the request; the builder may be used again afterwards.
     *
     * @return the immutable request, its texts trimmed
     * @throws InvalidRequestException when the preview text is missing, over {@value DesignRequest#MAX_TEXT_CHARS}
     *     or under {@value Voice#MIN_TRANSCRIPT_LENGTH} code points, the description is missing or over
     *     {@value DesignRequest#MAX_DESCRIPTION_CHARS} code points, the name is not 1 to 100 code points,
     *     or a text holds a lone surrogate or a control character other than a tab or line break;
     *     {@link UtterException#code()} names the rule.
     */
    public DesignRequest build() {
      return new DesignRequest(this);
    }
  }
}
