package dev.utter.provider.qwen;

import dev.utter.InvalidRequestException;
import dev.utter.Language;
import dev.utter.NotFoundException;
import dev.utter.UtterException;
import dev.utter.UtterException.Details;
import dev.utter.Voice;
import dev.utter.audio.PcmAudio;
import dev.utter.provider.qwen.internal.CloneBatchRequest;
import dev.utter.provider.qwen.internal.CloneBatchResponse;
import dev.utter.provider.qwen.internal.CloneRequest;
import dev.utter.provider.qwen.internal.HealthResponse;
import dev.utter.provider.qwen.internal.LanguagesResponse;
import dev.utter.provider.qwen.internal.VoiceRequest;
import dev.utter.spi.ProviderCapabilities;
import dev.utter.spi.ProviderHealth;
import dev.utter.spi.SynthesisRequest;
import dev.utter.spi.TtsProvider;
import dev.utter.spi.VoiceDesigner;
import dev.utter.transport.ModalProviderBuilder;
import dev.utter.transport.internal.ModalResponse;
import dev.utter.transport.internal.ModalTransport;
import dev.utter.transport.internal.VoiceResponse;
import dev.utter.transport.internal.VoiceRouting;
import dev.utter.transport.internal.VoiceRouting.Route;
import dev.utter.transport.internal.VoiceRouting.Strategy;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Qwen3-TTS voice cloning on Modal: provider {@code qwen-modal}.
 *
 * <p>A voice reaches the service by one of two strategies, chosen from the service's answers:
 * <ul>
 *   <li><b>registered voice</b>, when the service has {@code /voices} (modal-deploy): the reference is
 *       registered once per service ({@code POST /voices}) and later calls send only its
 *       {@code voice_id}; when the service has forgotten it ({@code voice_not_cached}, after a restart or
 *       scale-down) the provider registers it again and repeats the call once;
 *   <li><b>inline reference</b>, for deployments without {@code /voices} (the original guide's
 *       separate endpoints, a {@code /health} without {@code api_version}, or a 404 from
 *       {@code POST /voices}): the reference audio travels as base64 with every call.
 * </ul>
 *
 * <p>{@link #capabilities()} are read from the service's {@code /health} on first use (modal-deploy
 * reports its limits there; otherwise, or when {@code /health} cannot be reached, the original
 * deployment's limits apply: 600 characters per call, batches of 8, 24 kHz, a transcript required, the
 * 11 languages) and refreshed by each {@link #health()}. Language, transcript and limits are checked
 * before any request.
 *
 * <p>Repeats: every {@code POST} carries an {@code Idempotency-Key}. A {@code POST} that may have
 * reached the service (502, 504, a read timeout, a reset) is repeated only when {@code /health} says
 * {@code "idempotency_keys": true}; otherwise the failure is reported, so a generation is never paid
 * twice. See {@link dev.utter.transport.ModalRetries}.
 *
 * <p>Voice design: with {@link Builder#designUrl(String)} (setting {@code UTTER_QWEN_DESIGN_URL}), the
 * base URL of a modal-deploy VoiceDesign service, {@link #voiceDesigner()} designs voices there
 * ({@code POST /design}) with the same credentials and transport; without it there is no designer.
 *
 * <pre>{@code
 * try (TtsProvider qwen = QwenModalProvider.builder()
 *     .endpoints(QwenEndpoints.modalDeploy("http://127.0.0.1:8001"))
 *     .build()) {
 *   Utter utter = Utter.builder().provider(qwen).build();
 *   ...
 * }
 * }</pre>
 *
 * <p>Thread-safe. {@link #close()} closes the transport this provider built.
 */
public final class QwenModalProvider implements TtsProvider {
  /** The id this provider is selected by. */
  public static final String ID = "qwen-modal";

  private static final Logger log = LoggerFactory.getLogger(QwenModalProvider.class);
  /** The original deployment's limits, for what {@code /health} does not say. */
  private static final int DEFAULT_MAX_CHARS = 600;
  private static final int DEFAULT_MAX_BATCH = 8;
  private static final int DEFAULT_SAMPLE_RATE = 24_000;

  /** What the provider learnt from {@code /health}. */
  private record Service(ProviderCapabilities capabilities, boolean honoursIdempotencyKeys) {}

  private final QwenEndpoints endpoints;
  private final ModalTransport transport;
  private final int maxNewTokens;
  private final VoiceRouting voices;
  private final QwenVoiceDesigner designer;
  private volatile Service service;

  private QwenModalProvider(Builder b, ModalTransport transport) {
    this.endpoints = Objects.requireNonNull(b.endpoints, "endpoints == null: call endpoints(...) or baseUrl(...)");
    this.transport = transport;
    this.maxNewTokens = b.maxNewTokens;
    this.voices = new VoiceRouting(endpoints.registersVoices() ? Strategy.REGISTERED_VOICE : Strategy.INLINE_REFERENCE);
    this.designer = b.design == null ? null : new QwenVoiceDesigner(b.design, transport);
  }

  /**
   * A builder; the endpoints are required, everything else is optional.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String id() {
    return ID;
  }

  /**
   * The VoiceDesign service's designer when a design URL was given, else empty.
   *
   * @return the designer, or empty without a design URL
   */
  @Override
  public Optional<VoiceDesigner> voiceDesigner() {
    return Optional.ofNullable(designer);
  }

  /**
   * The service's endpoints.
   *
   * @return the endpoints this provider was built with
   */
  public QwenEndpoints endpoints() {
    return endpoints;
  }

  @Override
  public ProviderCapabilities capabilities() {
    return service().capabilities();
  }

  private Service service() {
    Service s = service;
    if (s == null) {
      synchronized (this) {
        s = service;
        if (s == null) {
          try {
            s = learn(withLanguages(transport.get(endpoints.healthUrl()).json(HealthResponse.class)));
          } catch (UtterException e) {
            log.warn("Cannot read the capabilities of {} ({}); assuming the original deployment's limits", endpoints,
                e.getMessage());
            s = new Service(capabilitiesOf(null, null), false);
          }
          service = s;
        }
      }
    }
    return s;
  }

  /** Capabilities and idempotency from {@code /health}; a service without {@code api_version} gets references inline. */
  private Service learn(HealthWithLanguages answer) {
    if (answer.health().apiVersion() == null && voices.strategy() == Strategy.REGISTERED_VOICE) {
      log.debug("{} answers /health like the original deployment; sending references inline", endpoints);
      voices.useInlineReference();
    }
    return new Service(capabilitiesOf(answer.health(), answer.languages()), answer.health().honoursIdempotencyKeys());
  }

  @Override
  public PcmAudio synthesize(SynthesisRequest request) {
    Objects.requireNonNull(request, "request == null");
    Service s = service();
    check(request, s.capabilities());
    Voice voice = request.voice();
    Long seed = endpoints.registersVoices() && request.seed().isPresent() ? request.seed().getAsLong() : null;
    String outputFormat = endpoints.registersVoices() ? "wav" : null;
    return withVoice(voice, route -> {
      InlineReference inline = InlineReference.of(voice, route);
      CloneRequest body = new CloneRequest(request.text(), request.language().wireName(), inline.audioBase64(),
          inline.transcript(), route.voiceId(), maxNewTokens, seed, outputFormat);
      ModalResponse response = transport.postJson(endpoints.cloneUrl(), body, request.text().length(),
          s.honoursIdempotencyKeys());
      return checkRate(response, response.wav(), s.capabilities().sampleRate());
    });
  }

  @Override
  public List<PcmAudio> synthesizeBatch(List<SynthesisRequest> requests) {
    Objects.requireNonNull(requests, "requests == null");
    if (requests.isEmpty()) {
      return List.of();
    }
    Service s = service();
    ProviderCapabilities caps = s.capabilities();
    if (requests.size() > caps.maxBatchSize()) {
      throw new IllegalArgumentException("A batch holds at most " + caps.maxBatchSize() + " requests, not "
          + requests.size());
    }
    if (requests.size() == 1) {
      return List.of(synthesize(requests.get(0)));
    }
    Voice voice = requests.get(0).voice();
    List<String> texts = new ArrayList<>();
    List<String> languages = new ArrayList<>();
    int characters = 0;
    for (SynthesisRequest request : requests) {
      if (request.voice() != voice && !request.voice().id().equals(voice.id())) {
        throw new IllegalArgumentException("Every request in a batch must use the same voice");
      }
      check(request, caps);
      texts.add(request.text());
      languages.add(request.language().wireName());
      characters += request.text().length();
    }
    int totalCharacters = characters;
    Long seed = endpoints.registersVoices() && requests.get(0).seed().isPresent()
        ? requests.get(0).seed().getAsLong() : null;
    return withVoice(voice, route -> {
      InlineReference inline = InlineReference.of(voice, route);
      CloneBatchRequest body = new CloneBatchRequest(texts, languages, inline.audioBase64(), inline.transcript(),
          route.voiceId(), maxNewTokens, seed);
      ModalResponse response = transport.postJson(endpoints.cloneBatchUrl(), body, totalCharacters,
          s.honoursIdempotencyKeys());
      return decodeBatch(response, requests.size(), caps);
    });
  }

  @Override
  public ProviderHealth health() {
    try {
      HealthWithLanguages answer = withLanguages(transport.get(endpoints.healthUrl()).json(HealthResponse.class));
      service = learn(answer);
      HealthResponse health = answer.health();
      Map<String, String> attributes = new TreeMap<>();
      put(attributes, "model", health.model());
      put(attributes, "gpu", health.gpu());
      put(attributes, "attention_implementation", health.attentionImplementation());
      put(attributes, "api_version", health.apiVersion());
      put(attributes, "engine", health.engine());
      put(attributes, "sample_rate", health.sampleRate());
      put(attributes, "idempotency_keys", health.idempotencyKeys());
      attributes.put("voice_strategy", voices.strategy().name().toLowerCase(Locale.ROOT));
      String detail = health.status() + ": " + Objects.requireNonNullElse(health.model(), "unknown model") + " on "
          + Objects.requireNonNullElse(health.gpu(), "unknown GPU");
      return "healthy".equals(health.status()) ? ProviderHealth.up(detail, attributes)
          : new ProviderHealth(false, detail, attributes);
    } catch (UtterException e) {
      return ProviderHealth.down(e.getMessage());
    }
  }

  private static void put(Map<String, String> attributes, String name, Object value) {
    if (value != null) {
      attributes.put(name, String.valueOf(value));
    }
  }

  /** {@code /health}, and {@code /languages} when it does not list them. */
  private record HealthWithLanguages(HealthResponse health, List<String> languages) {}

  private HealthWithLanguages withLanguages(HealthResponse health) {
    List<String> languages = health.supportedLanguages() != null ? health.supportedLanguages()
        : transport.get(endpoints.languagesUrl()).json(LanguagesResponse.class).languages();
    return new HealthWithLanguages(health, languages);
  }

  /** Closes the transport this provider built. Idempotent. */
  @Override
  public void close() {
    transport.close();
  }

  @Override
  public String toString() {
    return "QwenModalProvider{" + endpoints + ", " + voices.strategy() + ", " + transport + '}';
  }

  /** The reference fields of a call: the voice's audio and transcript when its route is inline, else nulls. */
  private record InlineReference(String audioBase64, String transcript) {
    static InlineReference of(Voice voice, Route route) {
      return route.inline()
          ? new InlineReference(Base64.getEncoder().encodeToString(voice.reference().bytes()),
              voice.transcript().orElseThrow())
          : new InlineReference(null, null);
    }
  }

  /** Runs {@code call} with the voice's route: its registered id, or the reference inline. */
  private <T> T withVoice(Voice voice, Function<Route, T> call) {
    return voices.call(voiceKey(voice), () -> register(voice), call);
  }

  /** A voice is the same to the service when its reference and transcript are. */
  private static String voiceKey(Voice voice) {
    return voice.reference().sha256() + '\n' + voice.transcript().orElse("");
  }

  /** Registers {@code voice}: its id, or empty when the service has no {@code /voices}. */
  private Optional<String> register(Voice voice) {
    VoiceRequest body = new VoiceRequest(Base64.getEncoder().encodeToString(voice.reference().bytes()),
        voice.transcript().orElseThrow());
    try {
      VoiceResponse registered = transport.postJson(endpoints.voicesUrl(), body, 0, service().honoursIdempotencyKeys())
          .json(VoiceResponse.class);
      log.debug("Registered voice {} as {}", voice.id(), registered.voiceId());
      return Optional.of(registered.voiceId());
    } catch (NotFoundException e) {
      return Optional.empty();
    }
  }
  private static void check(SynthesisRequest request, ProviderCapabilities caps) {
    caps.requireServable(request.voice(), request.language());
    if (request.text().isBlank()) {
      throw new InvalidRequestException("'text' is required", Details.ofCode("invalid_request"), null);
    }
    if (request.text().length() > caps.maxCharsPerCall()) {
      throw new InvalidRequestException("Text is " + request.text().length() + " characters; this Qwen service "
          + "accepts at most " + caps.maxCharsPerCall() + " per call", Details.ofCode("text_too_long"), null);
    }
  }

  private static List<PcmAudio> decodeBatch(ModalResponse response, int expected, ProviderCapabilities caps) {
    List<CloneBatchResponse.AudioFile> files = response.json(CloneBatchResponse.class).audioFiles();
    if (files.size() != expected) {
      throw response.failure("POST /clone-batch answered " + files.size() + " audio files for " + expected + " texts",
          null);
    }
    PcmAudio[] out = new PcmAudio[expected];
    for (int position = 0; position < expected; position++) {
      CloneBatchResponse.AudioFile file = files.get(position);
      int index = file.index();
      if (index < 0 || index >= expected || out[index] != null) {
        throw response.failure("audio_files[" + position + "] has a bad index " + index, null);
      }
      byte[] wav;
      try {
        wav = Base64.getDecoder().decode(file.audioBase64());
      } catch (IllegalArgumentException e) {
        throw response.failure("audio_files[" + position + "] is not base64", e);
      }
      out[index] = checkRate(response, response.decodeWav(wav, "audio_files[" + position + "]"), caps.sampleRate());
    }
    return List.of(out);
  }

  /** {@code audio}, once it has the {@code sampleRate} the service's {@code /health} promised. */
  static PcmAudio checkRate(ModalResponse response, PcmAudio audio, int sampleRate) {
    if (audio.sampleRate() != sampleRate) {
      throw response.failure("The service returned " + audio.sampleRate() + " Hz audio; its /health promised "
          + sampleRate + " Hz", null);
    }
    return audio;
  }

  /**
   * Capabilities from a {@code /health} answer and the language names the service accepts; the original
   * deployment's limits for what it does not say (null: nothing known).
   */
  static ProviderCapabilities capabilitiesOf(HealthResponse health, List<String> languageNames) {
    HealthResponse.Limits limits = health != null && health.limits() != null ? health.limits()
        : new HealthResponse.Limits(null, null);
    return ProviderCapabilities.builder()
        .requiresTranscript(true)
        .languages(languagesOf(languageNames))
        .maxCharsPerCall(positiveOr(limits.maxTextChars(), DEFAULT_MAX_CHARS))
        .maxBatchSize(positiveOr(limits.maxBatchSize(), DEFAULT_MAX_BATCH))
        .sampleRate(positiveOr(health != null ? health.sampleRate() : null, DEFAULT_SAMPLE_RATE))
        .build();
  }

  /** The languages a service names (case-insensitive); all of them when it names none (null: nothing known). */
  static Set<Language> languagesOf(List<String> languageNames) {
    if (languageNames == null || languageNames.isEmpty()) {
      return EnumSet.allOf(Language.class);
    }
    Set<Language> languages = EnumSet.noneOf(Language.class);
    for (String name : languageNames) {
      for (Language language : Language.values()) {
        if (language.wireName().equalsIgnoreCase(name)) {
          languages.add(language);
        }
      }
    }
    return languages;
  }

  static int positiveOr(Integer value, int fallback) {
    return value != null && value > 0 ? value : fallback;
  }

  /** Builds a {@link QwenModalProvider}. Not thread-safe. */
  public static final class Builder extends ModalProviderBuilder<Builder> {
    private QwenEndpoints endpoints;
    private int maxNewTokens = 2048;
    private QwenEndpoints.Design design;

    private Builder() {}

    /**
     * Where the service lives; required.
     *
     * @param endpoints a modal-deploy service or separate endpoints
     * @return this builder
     * @throws NullPointerException when {@code endpoints} is null
     */
    public Builder endpoints(QwenEndpoints endpoints) {
      this.endpoints = Objects.requireNonNull(endpoints, "endpoints == null");
      return this;
    }

    /**
     * Shorthand for {@code endpoints(QwenEndpoints.modalDeploy(baseUrl))}.
     *
     * @param baseUrl the base URL of a modal-deploy Qwen service
     * @return this builder
     * @throws NullPointerException when {@code baseUrl} is null
     * @throws dev.utter.ConfigurationException when it is not an http(s) URL
     */
    public Builder baseUrl(String baseUrl) {
      return endpoints(QwenEndpoints.modalDeploy(baseUrl));
    }

    /**
     * The base URL of a modal-deploy VoiceDesign service (e.g. {@code http://127.0.0.1:8003}), reached
     * with the same credentials: the provider then designs voices ({@link QwenModalProvider#voiceDesigner()}).
     * Unset, the provider designs no voices. The service is not contacted until the designer is first used.
     *
     * @param baseUrl the service's base URL; trailing slashes are ignored
     * @return this builder
     * @throws NullPointerException when {@code baseUrl} is null
     * @throws dev.utter.ConfigurationException when it is not an http(s) URL.
     */
    public Builder designUrl(String baseUrl) {
      this.design = QwenEndpoints.design(baseUrl);
      return this;
    }

    @Override
    protected Builder self() {
      return this;
    }

    /**
     * The model's {@code max_new_tokens}; default 2048 as in the original deployment.
     *
     * @param maxNewTokens the most tokens the model generates per text; 1 or more
     * @return this builder
     * @throws IllegalArgumentException when it is below 1
     */
    public Builder maxNewTokens(int maxNewTokens) {
      if (maxNewTokens < 1) {
        throw new IllegalArgumentException("maxNewTokens < 1: " + maxNewTokens);
      }
      this.maxNewTokens = maxNewTokens;
      return this;
    }

    /**
     * A new provider with these settings and a transport of its own.
     *
     * @return a new provider, which the caller owns and closes (closing its transport)
     * @throws NullPointerException when no endpoints were given.
     */
    public QwenModalProvider build() {
      Objects.requireNonNull(endpoints, "endpoints == null: call endpoints(...) or baseUrl(...)");
      return new QwenModalProvider(this, buildTransport());
    }
  }
}
