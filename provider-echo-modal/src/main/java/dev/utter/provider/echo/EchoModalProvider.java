package dev.utter.provider.echo;

import dev.utter.ConfigurationException;
import dev.utter.InvalidRequestException;
import dev.utter.Language;
import dev.utter.NotFoundException;
import dev.utter.ReferenceAudio;
import dev.utter.UtterException;
import dev.utter.audio.PcmAudio;
import dev.utter.provider.echo.internal.EchoText;
import dev.utter.spi.ProviderCapabilities;
import dev.utter.spi.ProviderHealth;
import dev.utter.spi.ProviderSettings;
import dev.utter.spi.SynthesisRequest;
import dev.utter.spi.TtsProvider;
import dev.utter.transport.ModalAuth;
import dev.utter.transport.ModalResponse;
import dev.utter.transport.ModalProviderBuilder;
import dev.utter.transport.ModalTransport;
import dev.utter.transport.VoiceRegistry;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import okhttp3.HttpUrl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Echo-TTS on Modal: the provider with id {@value #ID}. It calls the Echo service of this project's
 * {@code modal-deploy} ({@code GET /health}, {@code POST /voices}, {@code POST /generate}) through the
 * core {@link ModalTransport}, which brings Modal proxy auth, the bearer token, the 303 hand-off,
 * retries and typed errors.
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
 * again and the call repeated once.
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
  private final boolean ownsTransport;
  private final EchoSamplerOptions defaultOptions;
  /** Registered voice ids by reference SHA-256; null when registration is off. */
  private final VoiceRegistry voiceIds;
  /** Set once the service answers that it cannot register voices. */
  private volatile boolean registrationUnsupported;

  private EchoModalProvider(Builder b) {
    this.baseUrl = b.baseUrl;
    this.ownsTransport = b.ownsTransport();
    this.transport = b.buildTransport();
    this.defaultOptions = b.defaultOptions;
    this.voiceIds = b.registerVoices ? new VoiceRegistry() : null;
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
    Map<String, Object> body = generateBody(request);
    if (voiceIds == null || registrationUnsupported) {
      return generate(body, request, inlineReference(request));
    }
    ReferenceAudio reference = request.voice().reference();
    String voiceId = voiceIds.idFor(reference.sha256(), () -> register(reference.bytes()));
    if (voiceId == null) {
      return generate(body, request, inlineReference(request));
    }
    try {
      return generate(body, request, Map.of("voice_id", voiceId));
    } catch (NotFoundException e) {
      if (!"voice_not_cached".equals(e.code().orElse(null))) {
        throw e;
      }
      log.debug("Voice {} is no longer cached by the Echo service; registering it again", voiceId);
      voiceIds.forget(reference.sha256(), voiceId);
      String again = voiceIds.idFor(reference.sha256(), () -> register(reference.bytes()));
      return generate(body, request, again == null ? inlineReference(request) : Map.of("voice_id", again));
    }
  }

  /**
   * Asks {@code GET /health}. Healthy when the service answers {@code "status": "healthy"}; the
   * attributes hold what it reports (model, GPU, engine, API version, sample rate).
   */
  @Override
  public ProviderHealth health() {
    Map<String, Object> json;
    try {
      json = transport.get(baseUrl.resolve("health")).jsonObject();
    } catch (UtterException e) {
      return ProviderHealth.down(e.getMessage());
    }
    Map<String, String> attributes = new LinkedHashMap<>();
    for (String key : new String[] {"model", "gpu", "engine", "api_version", "sample_rate"}) {
      Object value = json.get(key);
      if (value != null) {
        attributes.put(key, value instanceof Double d && d == Math.rint(d) ? String.valueOf(d.longValue())
            : String.valueOf(value));
      }
    }
    String status = String.valueOf(json.get("status"));
    return "healthy".equals(status)
        ? ProviderHealth.up("Echo service at " + baseUrl + " is healthy", attributes)
        : new ProviderHealth(false, "Echo service at " + baseUrl + " reports status " + status, attributes);
  }

  /** Releases the HTTP connections and threads of the transport it made (not of one passed in). Idempotent. */
  @Override
  public void close() {
    if (ownsTransport) {
      transport.close();
    }
  }

  @Override
  public String toString() {
    return "EchoModalProvider{" + baseUrl + ", " + transport + '}';
  }

  private PcmAudio generate(Map<String, Object> common, SynthesisRequest request, Map<String, Object> reference) {
    Map<String, Object> body = new LinkedHashMap<>(common);
    body.putAll(reference);
    ModalResponse response = transport.postJson(baseUrl.resolve("generate"), body, request.text().length());
    PcmAudio audio = response.wav();
    if (audio.sampleRate() != SAMPLE_RATE) {
      throw response.failure("The Echo service returned " + audio.sampleRate() + " Hz audio; expected "
          + SAMPLE_RATE + " Hz", null);
    }
    return audio;
  }

  /** Registers reference audio; its voice id, or null when the service has no {@code /voices}. */
  private String register(byte[] referenceAudio) {
    Map<String, Object> body = Map.of("ref_audio_base64", Base64.getEncoder().encodeToString(referenceAudio));
    ModalResponse response;
    try {
      response = transport.postJson(baseUrl.resolve("voices"), body, 0);
    } catch (NotFoundException e) {
      log.debug("The Echo service at {} cannot register voices; sending reference audio with each call", baseUrl);
      registrationUnsupported = true;
      return null;
    }
    Object voiceId = response.jsonObject().get("voice_id");
    if (!(voiceId instanceof String id) || id.isBlank()) {
      throw response.failure("POST /voices answered without a voice_id", null);
    }
    return id;
  }

  private Map<String, Object> generateBody(SynthesisRequest request) {
    EchoSamplerOptions options = request.options(EchoSamplerOptions.class);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("text", request.text());
    request.seed().ifPresent(seed -> body.put("seed", seed));
    body.put("sampler", sampler(options != null ? options : defaultOptions));
    return body;
  }

  private static Map<String, Object> inlineReference(SynthesisRequest request) {
    return Map.of("ref_audio_base64", Base64.getEncoder().encodeToString(request.voice().reference().bytes()));
  }

  /** The {@code sampler} object of a {@code /generate} body; settings that are off are left out (null). */
  static Map<String, Object> sampler(EchoSamplerOptions o) {
    Map<String, Object> sampler = new LinkedHashMap<>();
    sampler.put("num_steps", o.numSteps());
    sampler.put("cfg_scale_text", o.cfgScaleText());
    sampler.put("cfg_scale_speaker", o.cfgScaleSpeaker());
    sampler.put("cfg_min_t", o.cfgMinT());
    sampler.put("cfg_max_t", o.cfgMaxT());
    o.truncationFactor().ifPresent(v -> sampler.put("truncation_factor", v));
    o.rescaleK().ifPresent(v -> sampler.put("rescale_k", v));
    o.rescaleSigma().ifPresent(v -> sampler.put("rescale_sigma", v));
    o.speakerKvScale().ifPresent(v -> sampler.put("speaker_kv_scale", v));
    o.speakerKvMaxLayers().ifPresent(v -> sampler.put("speaker_kv_max_layers", v));
    o.speakerKvMinT().ifPresent(v -> sampler.put("speaker_kv_min_t", v));
    sampler.put("sequence_length", o.sequenceLength());
    return sampler;
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
      return new EchoModalProvider(this);
    }
  }
}
