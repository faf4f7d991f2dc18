package dev.utter.provider.echo;

import dev.utter.InvalidRequestException;
import dev.utter.UtterException;
import dev.utter.spi.ProviderOptions;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * The settings of Echo-TTS's diffusion sampler ({@code sample_euler_cfg_independent_guidances}), sent
 * with every {@code /generate} call as the {@code sampler} object. Pass them with
 * {@link dev.utter.GenerationRequest.Builder#providerOptions}; other providers ignore them. The seed is
 * the request's own ({@link dev.utter.GenerationRequest.Builder#seed}).
 *
 * <p>{@link #defaults()} are the values of the Echo-TTS README's example: 40 steps, text guidance 3.0,
 * speaker guidance 8.0, guidance applied for {@code t} in [0.5, 1.0], initial noise scaled by 0.8
 * ({@code truncation_factor}), no temporal score rescaling, no speaker KV scaling, and a sequence of
 * 640 latents (about 29.7 s of audio, the longest the model was trained on).
 *
 * <pre>{@code
 * EchoSamplerOptions options = EchoSamplerOptions.builder()
 *     .numSteps(30)
 *     .cfgScaleSpeaker(6.0)
 *     .speakerKvScale(1.5, 0.9)
 *     .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe. Invalid values are rejected by {@link Builder#build()}, before any
 * request is sent.
 */
public final class EchoSamplerOptions implements ProviderOptions {
  /** The most diffusion steps accepted. */
  public static final int MAX_NUM_STEPS = 200;
  /** The longest latent sequence the model was trained on: 640 latents, about 29.7 s of audio. */
  public static final int MAX_SEQUENCE_LENGTH = 640;

  private static final EchoSamplerOptions DEFAULTS = builder().build();

  private final int numSteps;
  private final double cfgScaleText;
  private final double cfgScaleSpeaker;
  private final double cfgMinT;
  private final double cfgMaxT;
  private final Double truncationFactor;
  private final Double rescaleK;
  private final Double rescaleSigma;
  private final Double speakerKvScale;
  private final Integer speakerKvMaxLayers;
  private final Double speakerKvMinT;
  private final int sequenceLength;

  private EchoSamplerOptions(Builder b) {
    this.numSteps = b.numSteps;
    this.cfgScaleText = b.cfgScaleText;
    this.cfgScaleSpeaker = b.cfgScaleSpeaker;
    this.cfgMinT = b.cfgMinT;
    this.cfgMaxT = b.cfgMaxT;
    this.truncationFactor = b.truncationFactor;
    this.rescaleK = b.rescaleK;
    this.rescaleSigma = b.rescaleSigma;
    this.speakerKvScale = b.speakerKvScale;
    this.speakerKvMaxLayers = b.speakerKvMaxLayers;
    this.speakerKvMinT = b.speakerKvMinT;
    this.sequenceLength = b.sequenceLength;
  }

  /**
   * The README's settings; what the provider sends when a request carries no Echo options.
   *
   * @return the shared default options
   */
  public static EchoSamplerOptions defaults() {
    return DEFAULTS;
  }

  /**
   * A builder starting from {@link #defaults()}; every setting is optional.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding these settings.
   *
   * @return a new builder; these options are unchanged by it
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.numSteps = numSteps;
    b.cfgScaleText = cfgScaleText;
    b.cfgScaleSpeaker = cfgScaleSpeaker;
    b.cfgMinT = cfgMinT;
    b.cfgMaxT = cfgMaxT;
    b.truncationFactor = truncationFactor;
    b.rescaleK = rescaleK;
    b.rescaleSigma = rescaleSigma;
    b.speakerKvScale = speakerKvScale;
    b.speakerKvMaxLayers = speakerKvMaxLayers;
    b.speakerKvMinT = speakerKvMinT;
    b.sequenceLength = sequenceLength;
    return b;
  }

  /**
   * Diffusion steps ({@code num_steps}); 40 by default.
   *
   * @return 1 to {@value #MAX_NUM_STEPS}
   */
  public int numSteps() {
    return numSteps;
  }

  /**
   * Text guidance scale ({@code cfg_scale_text}); 3.0 by default.
   *
   * @return a finite number, at least 0
   */
  public double cfgScaleText() {
    return cfgScaleText;
  }

  /**
   * Speaker guidance scale ({@code cfg_scale_speaker}); 8.0 by default.
   *
   * @return a finite number, at least 0
   */
  public double cfgScaleSpeaker() {
    return cfgScaleSpeaker;
  }

  /**
   * Where guidance starts ({@code cfg_min_t}); 0.5 by default.
   *
   * @return the diffusion time {@code t}, in [0, {@link #cfgMaxT()}]
   */
  public double cfgMinT() {
    return cfgMinT;
  }

  /**
   * Where guidance ends ({@code cfg_max_t}); 1.0 by default.
   *
   * @return the diffusion time {@code t}, in [{@link #cfgMinT()}, 1]
   */
  public double cfgMaxT() {
    return cfgMaxT;
  }

  /**
   * The factor the initial noise is scaled by ({@code truncation_factor}); 0.8 by default.
   *
   * @return a factor in (0, 1], or empty when the noise is left unscaled ({@link Builder#noTruncation()})
   */
  public OptionalDouble truncationFactor() {
    return optional(truncationFactor);
  }

  /**
   * Temporal score rescaling's {@code rescale_k}, when rescaling is on.
   *
   * @return a finite number over 0, or empty when rescaling is off (the default)
   */
  public OptionalDouble rescaleK() {
    return optional(rescaleK);
  }

  /**
   * Temporal score rescaling's {@code rescale_sigma}, when rescaling is on.
   *
   * @return a finite number over 0, or empty when rescaling is off (the default)
   */
  public OptionalDouble rescaleSigma() {
    return optional(rescaleSigma);
  }

  /**
   * The factor the speaker's KV cache is scaled by ({@code speaker_kv_scale}), when on.
   *
   * @return a factor over 0, or empty when speaker KV scaling is off (the default)
   */
  public OptionalDouble speakerKvScale() {
    return optional(speakerKvScale);
  }

  /**
   * How many layers the speaker KV scaling applies to ({@code speaker_kv_max_layers}).
   *
   * @return the first layers scaled, at least 1, or empty for all
   */
  public OptionalInt speakerKvMaxLayers() {
    return speakerKvMaxLayers == null ? OptionalInt.empty() : OptionalInt.of(speakerKvMaxLayers);
  }

  /**
   * The {@code t} below which speaker KV scaling is undone ({@code speaker_kv_min_t}), when on.
   *
   * @return a diffusion time in [0, 1], or empty when speaker KV scaling is off
   */
  public OptionalDouble speakerKvMinT() {
    return optional(speakerKvMinT);
  }

  /**
   * Latents generated ({@code sequence_length}); 640 by default.
   *
   * @return 1 to {@value #MAX_SEQUENCE_LENGTH}
   */
  public int sequenceLength() {
    return sequenceLength;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof EchoSamplerOptions)) {
      return false;
    }
    EchoSamplerOptions that = (EchoSamplerOptions) o;
    return numSteps == that.numSteps
        && Double.compare(cfgScaleText, that.cfgScaleText) == 0
        && Double.compare(cfgScaleSpeaker, that.cfgScaleSpeaker) == 0
        && Double.compare(cfgMinT, that.cfgMinT) == 0
        && Double.compare(cfgMaxT, that.cfgMaxT) == 0
        && Objects.equals(truncationFactor, that.truncationFactor)
        && Objects.equals(rescaleK, that.rescaleK)
        && Objects.equals(rescaleSigma, that.rescaleSigma)
        && Objects.equals(speakerKvScale, that.speakerKvScale)
        && Objects.equals(speakerKvMaxLayers, that.speakerKvMaxLayers)
        && Objects.equals(speakerKvMinT, that.speakerKvMinT)
        && sequenceLength == that.sequenceLength;
  }

  @Override
  public int hashCode() {
    return Objects.hash(numSteps, cfgScaleText, cfgScaleSpeaker, cfgMinT, cfgMaxT, truncationFactor, rescaleK,
        rescaleSigma, speakerKvScale, speakerKvMaxLayers, speakerKvMinT, sequenceLength);
  }

  @Override
  public String toString() {
    return "EchoSamplerOptions{numSteps=" + numSteps
        + ", cfgScaleText=" + cfgScaleText
        + ", cfgScaleSpeaker=" + cfgScaleSpeaker
        + ", cfgMinT=" + cfgMinT
        + ", cfgMaxT=" + cfgMaxT
        + ", truncationFactor=" + truncationFactor
        + ", rescaleK=" + rescaleK
        + ", rescaleSigma=" + rescaleSigma
        + ", speakerKvScale=" + speakerKvScale
        + ", speakerKvMaxLayers=" + speakerKvMaxLayers
        + ", speakerKvMinT=" + speakerKvMinT
        + ", sequenceLength=" + sequenceLength + '}';
  }

  private static OptionalDouble optional(Double value) {
    return value == null ? OptionalDouble.empty() : OptionalDouble.of(value);
  }

  /**
   * Builds {@link EchoSamplerOptions}, starting from the defaults. Setters record values;
   * {@link #build()} checks them all at once. Not thread-safe.
   */
  public static final class Builder {
    private int numSteps = 40;
    private double cfgScaleText = 3.0;
    private double cfgScaleSpeaker = 8.0;
    private double cfgMinT = 0.5;
    private double cfgMaxT = 1.0;
    private Double truncationFactor = 0.8;
    private Double rescaleK;
    private Double rescaleSigma;
    private Double speakerKvScale;
    private Integer speakerKvMaxLayers;
    private Double speakerKvMinT;
    private int sequenceLength = MAX_SEQUENCE_LENGTH;

    private Builder() {}

    /**
     * Diffusion steps: more is slower and often cleaner.
     *
     * @param numSteps 1 to {@value #MAX_NUM_STEPS}, checked by {@link #build()}
     * @return this builder
     */
    public Builder numSteps(int numSteps) {
      this.numSteps = numSteps;
      return this;
    }

    /**
     * How strongly the output follows the text.
     *
     * @param cfgScaleText a finite number, at least 0, checked by {@link #build()}
     * @return this builder
     */
    public Builder cfgScaleText(double cfgScaleText) {
      this.cfgScaleText = cfgScaleText;
      return this;
    }

    /**
     * How strongly the output follows the reference voice.
     *
     * @param cfgScaleSpeaker a finite number, at least 0, checked by {@link #build()}
     * @return this builder
     */
    public Builder cfgScaleSpeaker(double cfgScaleSpeaker) {
      this.cfgScaleSpeaker = cfgScaleSpeaker;
      return this;
    }

    /**
     * The guidance window: guidance applies while {@code minT <= t <= maxT}. {@link #build()} checks
     * {@code 0 <= minT <= maxT <= 1}.
     *
     * @param minT where guidance starts
     * @param maxT where guidance ends
     * @return this builder
     */
    public Builder guidanceWindow(double minT, double maxT) {
      this.cfgMinT = minT;
      this.cfgMaxT = maxT;
      return this;
    }

    /**
     * Scales the initial noise by {@code factor}; lower is more predictable.
     *
     * @param factor in (0, 1], checked by {@link #build()}
     * @return this builder
     */
    public Builder truncationFactor(double factor) {
      this.truncationFactor = factor;
      return this;
    }

    /**
     * Leaves the initial noise unscaled ({@code truncation_factor: null}), as the original utter app did.
     *
     * @return this builder
     */
    public Builder noTruncation() {
      this.truncationFactor = null;
      return this;
    }

    /**
     * Turns on temporal score rescaling with these parameters, both finite and over 0 (checked by
     * {@link #build()}).
     *
     * @param k the rescaling's {@code rescale_k}
     * @param sigma the rescaling's {@code rescale_sigma}
     * @return this builder
     */
    public Builder rescale(double k, double sigma) {
      this.rescaleK = k;
      this.rescaleSigma = sigma;
      return this;
    }

    /**
     * Scales the speaker's KV cache by {@code scale} (over 0; above 1 forces the speaker's voice on text
     * unlike the reference) until {@code t} falls below {@code minT}, in [0, 1].
     *
     * @param scale the KV cache factor, over 0, checked by {@link #build()}
     * @param minT the diffusion time below which scaling is undone, checked by {@link #build()}
     * @return this builder
     */
    public Builder speakerKvScale(double scale, double minT) {
      this.speakerKvScale = scale;
      this.speakerKvMinT = minT;
      return this;
    }

    /**
     * Limits speaker KV scaling to the first {@code maxLayers} layers; all by default.
     *
     * @param maxLayers at least 1, checked by {@link #build()}
     * @return this builder
     */
    public Builder speakerKvMaxLayers(int maxLayers) {
      this.speakerKvMaxLayers = maxLayers;
      return this;
    }

    /**
     * Latents to generate; fewer generate a prefix of the speech.
     *
     * @param sequenceLength 1 to {@value #MAX_SEQUENCE_LENGTH}, checked by {@link #build()}
     * @return this builder
     */
    public Builder sequenceLength(int sequenceLength) {
      this.sequenceLength = sequenceLength;
      return this;
    }

    /**
     * Checks every setting and makes the options; the builder may be reused.
     *
     * @return new immutable options
     * @throws InvalidRequestException (code {@code invalid_request}) naming the first setting out of
     *     range, or a setting that has no effect without another.
     */
    public EchoSamplerOptions build() {
      check(numSteps >= 1 && numSteps <= MAX_NUM_STEPS,
          "num_steps must be between 1 and " + MAX_NUM_STEPS + ", got " + numSteps);
      check(Double.isFinite(cfgScaleText) && cfgScaleText >= 0,
          "cfg_scale_text must be a finite number >= 0, got " + cfgScaleText);
      check(Double.isFinite(cfgScaleSpeaker) && cfgScaleSpeaker >= 0,
          "cfg_scale_speaker must be a finite number >= 0, got " + cfgScaleSpeaker);
      check(cfgMinT >= 0 && cfgMaxT <= 1 && cfgMinT <= cfgMaxT,
          "the guidance window must satisfy 0 <= cfg_min_t <= cfg_max_t <= 1, got cfg_min_t=" + cfgMinT
              + ", cfg_max_t=" + cfgMaxT);
      check(truncationFactor == null || (truncationFactor > 0 && truncationFactor <= 1),
          "truncation_factor must be in (0, 1], got " + truncationFactor);
      check(rescaleK == null || (Double.isFinite(rescaleK) && rescaleK > 0),
          "rescale_k must be a finite number > 0, got " + rescaleK);
      check(rescaleSigma == null || (Double.isFinite(rescaleSigma) && rescaleSigma > 0),
          "rescale_sigma must be a finite number > 0, got " + rescaleSigma);
      check(speakerKvScale == null || (Double.isFinite(speakerKvScale) && speakerKvScale > 0),
          "speaker_kv_scale must be a finite number > 0, got " + speakerKvScale);
      check(speakerKvMinT == null || (speakerKvMinT >= 0 && speakerKvMinT <= 1),
          "speaker_kv_min_t must be in [0, 1], got " + speakerKvMinT);
      check(speakerKvMaxLayers == null || speakerKvMaxLayers >= 1,
          "speaker_kv_max_layers must be >= 1, got " + speakerKvMaxLayers);
      check(speakerKvMaxLayers == null || speakerKvScale != null,
          "speaker_kv_max_layers has no effect without speaker_kv_scale");
      check(sequenceLength >= 1 && sequenceLength <= MAX_SEQUENCE_LENGTH,
          "sequence_length must be between 1 and " + MAX_SEQUENCE_LENGTH + ", got " + sequenceLength);
      return new EchoSamplerOptions(this);
    }

    private static void check(boolean valid, String message) {
      if (!valid) {
        throw new InvalidRequestException("Invalid Echo-TTS sampler options: " + message,
            UtterException.Details.ofCode("invalid_request"), null);
      }
    }
  }
}
