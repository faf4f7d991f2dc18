package dev.utter.provider.echo;

import dev.utter.ConfigurationException;
import dev.utter.InvalidRequestException;
import dev.utter.Language;
import dev.utter.NotFoundException;
import dev.utter.ReferenceAudio;
import dev.utter.UtterException;
import dev.utter.audio.PcmAudio;
import dev.utter.provider.echo.internal.EchoText;
import dev.utter.provider.echo.internal.EchoVoiceRequest;
import dev.utter.provider.echo.internal.GenerateRequest;
import dev.utter.provider.echo.internal.HealthResponse;
import dev.utter.provider.echo.internal.Sampler;
import dev.utter.spi.ProviderCapabilities;
import dev.utter.spi.ProviderHealth;
import dev.utter.spi.ProviderSettings;
import dev.utter.spi.SynthesisRequest;
import dev.utter.spi.TtsProvider;
import dev.utter.transport.ModalAuth;
import dev.utter.transport.ModalProviderBuilder;
import dev.utter.transport.internal.ModalResponse;
import dev.utter.transport.internal.ModalTransport;
import dev.utter.transport.internal.VoiceResponse;
import dev.utter.transport.internal.VoiceRouting;
import dev.utter.transport.internal.VoiceRouting.Route;
import dev.utter.transport.internal.VoiceRouting.Strategy;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.CancellationException;
import okhttp3.HttpUrl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Echo-TTS on Modal: the provider with id {@value #ID}. It calls the Echo service of this project's
 * {@code modal-deploy} ({@code GET /health}, {@code POST /voices}, {@code POST /generate}) through the
 * Modal transport ({@code utter-modal-transport}), which brings Modal proxy auth, the bearer token, the
 * 303 hand-off, retries and typed errors.
 *
 * <pre>{@code
 * EchoModalProvider echo = EchoModalProvider.builder()
 *     .baseUrl("https://my-workspace--utter-echo.modal.run")
 *     .modalAuth(key, secret)
 *     .build();
 * try (Utter utter = Utter.builder().provider(echo).build()) { ... }
 * echo.close();
 * }</pre>
 *
 * <p>Or from the environment: {@code UTTER_ECHO_URL} (required), {@code MODAL_KEY} and
 * {@code MODAL_SECRET}, {@code UTTER_SERVICE_TOKEN}, with {@code Utter.builder().provider("echo-modal")}.
 *
 * <p>What Echo-TTS can do, as {@link #capabilities()} tells the client: it clones from reference audio
 * alone (a transcript is not needed and not sent), speaks English ({@link Language#AUTO} is taken as
 * English; other languages are rejected before any request), and returns {@value #SAMPLE_RATE} Hz mono
 * audio. One call takes at most 767 UTF-8 bytes of text after the service's normalization (which
 * adds a {@code "[S1] "} tag) and makes at most about 30 s of audio, so the client's chunks are bounded
 * to 762 bytes ({@link #MAX_RAW_BYTES_PER_CALL}) and {@value #MAX_WORDS_PER_CALL} words. A chunk that would still be too long after normalization is
 * rejected here, before the request, with code {@code text_too_long}.
 *
 * <p>Each request's sampler settings are its {@link EchoSamplerOptions}, else this provider's
 * {@linkplain Builder#defaultOptions defaults}; its seed is the request's, else the service's (0).
 * With {@linkplain Builder#registerVoices voice registration} on (the default), a voice's reference
 * audio is uploaded once to {@code POST /voices} and later calls send only its {@code voice_id}; when
 * the service has forgotten it (404 {@code voice_not_cached}, e.g. after a restart) it is registered
 * again and the call repeated once. Off, or when the service answers 404 to {@code POST /voices}, the
 * reference travels inline with every call.
 *
 * <p>Repeats: every {@code POST} carries an {@code Idempotency-Key}. The provider reads
 * {@code GET /health} once before its first {@code POST} (and again at each {@link #health()}); a
 * {@code POST} that may have reached the service (502, 504, a read timeout, a reset) is repeated only
 * when it said {@code "idempotency_keys": true}, otherwise the failure is reported. See
 * {@link dev.utter.transport.ModalRetries}.
 *
 * <p><b>Licence.</b> Echo-TTS model weights and the audio they generate are licensed
 * CC-BY-NC-SA-4.0: non-commercial use only. Audio from this provider inherits that licence.
 *
 * <p>Thread-safe; share one instance. {@link #close()} releases its HTTP connections and threads.
 */
public final class EchoModalProvider implements TtsProvider {
  /** The provider id. */
  public static final String ID = "echo-modal";
  /** The setting (environment variable) holding the Echo service's base URL. */
  public static final String URL_SETTING = "UTTER_ECHO_URL";
  /** The sample rate of Echo-TTS audio. */
  public static final int SAMPLE_RATE = 44_100;
  /** The most words in one call: about 30 s of speech, as the original utter app chunked. */
  public static final int MAX_WORDS_PER_CALL = 70;
  /** The most audio one call makes: 640 latents. */
  public static final double MAX_AUDIO_SECONDS_PER_CALL = 29.7;
  /** The most UTF-8 bytes of chunk text per call: any such chunk fits after the service's normalization. */
  public static final int MAX_RAW_BYTES_PER_CALL = EchoText.MAX_RAW_BYTES;

  private static final Logger log = LoggerFactory.getLogger(EchoModalProvider.class);

  private static final ProviderCapabilities CAPABILITIES = ProviderCapabilities.builder()
      .requiresTranscript(false)
      .languages(EnumSet.of(Language.AUTO, Language.ENGLISH))
      .maxUtf8BytesPerCall(MAX_RAW_BYTES_PER_CALL)
      .maxWordsPerCall(MAX_WORDS_PER_CALL)
      .maxAudioSecondsPerCall(MAX_AUDIO_SECONDS_PER_CALL)
      .sampleRate(SAMPLE_RATE)
      .maxBatchSize(1)
      .build();

  private final HttpUrl baseUrl;
  private final ModalTransport transport;
  private final EchoSamplerOptions defaultOptions;
  /** Voices by reference SHA-256: registered, or inline when registration is off or unsupported. */
  private final VoiceRouting voices;
  /** Whether the service honours idempotency keys; null until {@code /health} was read. */
  private volatile Boolean idempotencyKeys;

  private EchoModalProvider(Builder b, ModalTransport transport) {
    this.baseUrl = b.baseUrl;
    this.transport = transport;
    this.defaultOptions = b.defaultOptions;
    this.voices = new VoiceRouting(b.registerVoices ? Strategy.REGISTERED_VOICE : Strategy.INLINE_REFERENCE);
  }

  /** A builder; the base URL is required, everything else is optional. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public ProviderCapabilities capabilities() {
    return CAPABILITIES;
  }

  /** The base URL of the Echo service. */
  public HttpUrl baseUrl() {
    return baseUrl;
  }

  /**
   * Speaks one chunk in the request's voice.
   *
   * @throws InvalidRequestException before any request, when the language is not Auto or English
   *     (code {@code unsupported_language}) or the text is over the byte limit after normalization
   *     (code {@code text_too_long}); or when the service rejects the request.
   * @throws UtterException when the call fails, typed by what the caller can do.
   * @throws CancellationException when the calling thread is interrupted.
   */
  @Override
  public PcmAudio synthesize(SynthesisRequest request) {
    Objects.requireNonNull(request, "request == null");
    requireEnglish(request.language());
    EchoText.checkLength(request.text());
    ReferenceAudio reference = request.voice().reference();
    return voices.call(reference.sha256(), () -> register(reference.bytes()), route -> generate(request, route));
  }

  /**
   * Asks {@code GET /health}. Healthy when the service answers {@code "status": "healthy"}; the
   * attributes hold what it reports (model, GPU, engine, API version, sample rate).
   */
  @Override
  public ProviderHealth health() {
    HealthResponse health;
    try {
      health = readHealth();
    } catch (UtterException e) {
      return ProviderHealth.down(e.getMessage());
    }
    Map<String, String> attributes = new LinkedHashMap<>();
    put(attributes, "model", health.model());
    put(attributes, "gpu", health.gpu());
    put(attributes, "engine", health.engine());
    put(attributes, "api_version", health.apiVersion());
    put(attributes, "sample_rate", health.sampleRate());
    put(attributes, "idempotency_keys", health.idempotencyKeys());
    String status = health.status();
    return "healthy".equals(status)
        ? ProviderHealth.up("Echo service at " + baseUrl + " is healthy", attributes)
        : new ProviderHealth(false, "Echo service at " + baseUrl + " reports status " + status, attributes);
  }

  private static void put(Map<String, String> attributes, String name, Object value) {
    if (value != null) {
      attributes.put(name, String.valueOf(value));
    }
  }

  private HealthResponse readHealth() {
    HealthResponse health = transport.get(baseUrl.resolve("health")).json(HealthResponse.class);
    idempotencyKeys = health.honoursIdempotencyKeys();
    return health;
  }

  /** Whether the service honours idempotency keys, asking {@code /health} the first time (unreachable: no). */
  private boolean honoursIdempotencyKeys() {
    Boolean known = idempotencyKeys;
    if (known == null) {
      try {
        known = readHealth().honoursIdempotencyKeys();
      } catch (UtterException e) {
        log.debug("Cannot read /health of the Echo service at {} ({}); POSTs are not repeated once sent", baseUrl,
            e.getMessage());
        known = false;
        idempotencyKeys = known;
      }
    }
    return known;
  }

  /** Releases the HTTP connections and threads of its transport. Idempotent. */
  @Override
  public void close() {
    transport.close();
  }

  @Override
  public String toString() {
    return "EchoModalProvider{" + baseUrl + ", " + transport + '}';
  }

  private PcmAudio generate(SynthesisRequest request, Route route) {
    EchoSamplerOptions options = request.options(EchoSamplerOptions.class);
    GenerateRequest body = new GenerateRequest(request.text(),
        route.inline() ? Base64.getEncoder().encodeToString(request.voice().reference().bytes()) : null,
        route.voiceId(), request.seed().isPresent() ? request.seed().getAsLong() : null,
        sampler(options != null ? options : defaultOptions));
    ModalResponse response = transport.postJson(baseUrl.resolve("generate"), body, request.text().length(),
        honoursIdempotencyKeys());
    PcmAudio audio = response.wav();
    if (audio.sampleRate() != SAMPLE_RATE) {
      throw response.failure("The Echo service returned " + audio.sampleRate() + " Hz audio; expected "
          + SAMPLE_RATE + " Hz", null);
    }
    return audio;
  }

  /** Registers reference audio: its voice id, or empty when the service has no {@code /voices}. */
  private Optional<String> register(byte[] referenceAudio) {
    EchoVoiceRequest body = new EchoVoiceRequest(Base64.getEncoder().encodeToString(referenceAudio));
    try {
      return Optional.of(transport.postJson(baseUrl.resolve("voices"), body, 0, honoursIdempotencyKeys())
          .json(VoiceResponse.class).voiceId());
    } catch (NotFoundException e) {
      return Optional.empty();
    }
  }

  /** The {@code sampler} object of a {@code /generate} body; settings that are off are left out (null). */
  static Sampler sampler(EchoSamplerOptions o) {
    return new Sampler(o.numSteps(), o.cfgScaleText(), o.cfgScaleSpeaker(), o.cfgMinT(), o.cfgMaxT(),
        boxed(o.truncationFactor()), boxed(o.rescaleK()), boxed(o.rescaleSigma()), boxed(o.speakerKvScale()),
        o.speakerKvMaxLayers().isPresent() ? o.speakerKvMaxLayers().getAsInt() : null, boxed(o.speakerKvMinT()),
        o.sequenceLength());
  }

  private static Double boxed(OptionalDouble value) {
    return value.isPresent() ? value.getAsDouble() : null;
  }

  private static void requireEnglish(Language language) {
    if (!CAPABILITIES.supports(language)) {
      throw new InvalidRequestException("Unsupported language: " + language.wireName()
          + ". Echo-TTS speaks English only: use Auto or English",
          UtterException.Details.ofCode("unsupported_language"), null);
    }
  }

  /** Builds an {@link EchoModalProvider}. Not thread-safe. */
  public static final class Builder extends ModalProviderBuilder<Builder> {
    private HttpUrl baseUrl;
    private EchoSamplerOptions defaultOptions = EchoSamplerOptions.defaults();
    private boolean registerVoices = true;

    private Builder() {}

    /**
     * The base URL of the Echo service, e.g. {@code https://my-workspace--utter-echo.modal.run} or
     * {@code http://127.0.0.1:8001}.
     *
     * @throws ConfigurationException when it is not an http or https URL.
     */
    public Builder baseUrl(String baseUrl) {
      Objects.requireNonNull(baseUrl, "baseUrl == null");
      HttpUrl url = HttpUrl.parse(baseUrl.strip());
      if (url == null) {
        throw new ConfigurationException("Not an http(s) URL for the Echo service: " + baseUrl);
      }
      return baseUrl(url);
    }

    /** The base URL of the Echo service. */
    public Builder baseUrl(HttpUrl baseUrl) {
      Objects.requireNonNull(baseUrl, "baseUrl == null");
      this.baseUrl = baseUrl.encodedPath().endsWith("/") ? baseUrl
          : baseUrl.newBuilder().encodedPath(baseUrl.encodedPath() + "/").build();
      return this;
    }

    @Override
    protected Builder self() {
      return this;
    }

    /** The sampler settings of requests that carry no {@link EchoSamplerOptions}. */
    public Builder defaultOptions(EchoSamplerOptions defaultOptions) {
      this.defaultOptions = Objects.requireNonNull(defaultOptions, "defaultOptions == null");
      return this;
    }

    /**
     * Whether to upload each voice's reference audio once ({@code POST /voices}) and send its
     * {@code voice_id} afterwards; true by default. Off, the audio goes with every call.
     */
    public Builder registerVoices(boolean registerVoices) {
      this.registerVoices = registerVoices;
      return this;
    }

    /**
     * Reads {@code UTTER_ECHO_URL}, {@code MODAL_KEY}/{@code MODAL_SECRET} and
     * {@code UTTER_SERVICE_TOKEN} from {@code settings}, where set.
     *
     * @throws ConfigurationException when a setting is invalid, or only one of the Modal key pair is set.
     */
    public Builder settings(ProviderSettings settings) {
      Objects.requireNonNull(settings, "settings == null");
      settings.get(URL_SETTING).ifPresent(this::baseUrl);
      return auth(ModalAuth.fromSettings(settings));
    }

    /** {@link #settings} from the process environment. */
    public Builder fromEnv() {
      return settings(ProviderSettings.fromEnv());
    }

    /** @throws ConfigurationException when no base URL was given. */
    public EchoModalProvider build() {
      if (baseUrl == null) {
        throw new ConfigurationException("Missing setting " + URL_SETTING
            + ": the base URL of the Echo service (e.g. https://my-workspace--utter-echo.modal.run)");
      }
      return new EchoModalProvider(this, buildTransport());
    }
  }
}
