package dev.utter.provider.qwen;

import dev.utter.InvalidRequestException;
import dev.utter.Language;
import dev.utter.NotFoundException;
import dev.utter.UtterException;
import dev.utter.UtterException.Details;
import dev.utter.Voice;
import dev.utter.audio.PcmAudio;
import dev.utter.spi.ProviderCapabilities;
import dev.utter.spi.ProviderHealth;
import dev.utter.spi.SynthesisRequest;
import dev.utter.spi.TtsProvider;
import dev.utter.transport.ModalResponse;
import dev.utter.transport.ModalProviderBuilder;
import dev.utter.transport.ModalTransport;
import dev.utter.transport.VoiceRegistry;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Qwen3-TTS voice cloning on Modal: provider {@code qwen-modal}.
 *
 * <p>Against modal-deploy, a voice is registered once per service ({@code POST /voices}) and later calls
 * send only its id; when the service has forgotten it ({@code voice_not_cached}, after a restart or
 * scale-down) the provider registers it again and repeats the call once. Against a Step-6 deployment
 * the reference audio travels as base64 with every call, as that API requires.
 *
 * <p>{@link #capabilities()} are read from the service's {@code /health} on first use (modal-deploy
 * reports its limits there; for a Step-6 deployment, or when {@code /health} cannot be reached, the
 * Step-6 defaults apply: 600 characters per call, batches of 8, 24 kHz, a transcript required, the 11
 * languages) and refreshed by each {@link #health()}. Language, transcript and limits are checked
 * before any request.
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
 * <p>Thread-safe. {@link #close()} closes the transport this provider built, not one passed to
 * {@link Builder#transport}.
 */
public final class QwenModalProvider implements TtsProvider {
  /** The id this provider is selected by. */
  public static final String ID = "qwen-modal";

  private static final Logger log = LoggerFactory.getLogger(QwenModalProvider.class);
  private static final int STEP6_MAX_CHARS = 600;
  private static final int STEP6_MAX_BATCH = 8;
  private static final int STEP6_SAMPLE_RATE = 24_000;

  private final QwenEndpoints endpoints;
  private final ModalTransport transport;
  private final boolean ownsTransport;
  private final int maxNewTokens;
  private final VoiceRegistry voices;
  private volatile ProviderCapabilities capabilities;

  private QwenModalProvider(Builder b) {
    this.endpoints = Objects.requireNonNull(b.endpoints, "endpoints == null: call endpoints(...) or baseUrl(...)");
    this.ownsTransport = b.ownsTransport();
    this.transport = b.buildTransport();
    this.maxNewTokens = b.maxNewTokens;
    this.voices = new VoiceRegistry();
  }

  /** A builder; the endpoints are required, everything else is optional. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String id() {
    return ID;
  }

  /** The service's endpoints. */
  public QwenEndpoints endpoints() {
    return endpoints;
  }

  @Override
  public ProviderCapabilities capabilities() {
    ProviderCapabilities c = capabilities;
    if (c == null) {
      synchronized (this) {
        c = capabilities;
        if (c == null) {
          try {
            c = capabilitiesOf(serviceDescription());
          } catch (UtterException e) {
            log.warn("Cannot read the capabilities of {} ({}); assuming the Step-6 defaults", endpoints,
                e.getMessage());
            c = capabilitiesOf(Map.of());
          }
          capabilities = c;
        }
      }
    }
    return c;
  }

  @Override
  public PcmAudio synthesize(SynthesisRequest request) {
    Objects.requireNonNull(request, "request == null");
    ProviderCapabilities caps = capabilities();
    check(request, caps);
    Voice voice = request.voice();
    return withVoice(voice, voiceBody -> {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("text", request.text());
      body.put("language", request.language().wireName());
      body.putAll(voiceBody);
      body.put("max_new_tokens", maxNewTokens);
      if (endpoints.registersVoices()) {
        request.seed().ifPresent(seed -> body.put("seed", seed));
        body.put("output_format", "wav");
      }
      ModalResponse response = transport.postJson(endpoints.cloneUrl(), body, request.text().length());
      return checkRate(response, response.wav(), caps);
    });
  }

  @Override
  public List<PcmAudio> synthesizeBatch(List<SynthesisRequest> requests) {
    Objects.requireNonNull(requests, "requests == null");
    if (requests.isEmpty()) {
      return List.of();
    }
    ProviderCapabilities caps = capabilities();
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
    return withVoice(voice, voiceBody -> {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("texts", texts);
      body.put("languages", languages);
      body.putAll(voiceBody);
      body.put("max_new_tokens", maxNewTokens);
      if (endpoints.registersVoices()) {
        requests.get(0).seed().ifPresent(seed -> body.put("seed", seed));
      }
      ModalResponse response = transport.postJson(endpoints.cloneBatchUrl(), body, totalCharacters);
      return decodeBatch(response, requests.size(), caps);
    });
  }

  @Override
  public ProviderHealth health() {
    try {
      Map<String, Object> json = transport.get(endpoints.healthUrl()).jsonObject();
      capabilities = capabilitiesOf(withLanguages(json));
      Map<String, String> attributes = new TreeMap<>();
      json.forEach((key, value) -> {
        if (value instanceof String || value instanceof Number || value instanceof Boolean) {
          attributes.put(key, value instanceof Double d && d == Math.rint(d) ? Long.toString(d.longValue())
              : String.valueOf(value));
        }
      });
      String status = String.valueOf(json.get("status"));
      String detail = status + ": " + json.getOrDefault("model", "unknown model") + " on "
          + json.getOrDefault("gpu", "unknown GPU");
      return "healthy".equals(status) ? ProviderHealth.up(detail, attributes)
          : new ProviderHealth(false, detail, attributes);
    } catch (UtterException e) {
      return ProviderHealth.down(e.getMessage());
    }
  }

  /** {@code /health}, with the languages of {@code /languages} when it does not list them. */
  private Map<String, Object> serviceDescription() {
    return withLanguages(transport.get(endpoints.healthUrl()).jsonObject());
  }

  private Map<String, Object> withLanguages(Map<String, Object> health) {
    if (health.get("supported_languages") instanceof List<?>) {
      return health;
    }
    Map<String, Object> merged = new LinkedHashMap<>(health);
    merged.put("supported_languages", transport.get(endpoints.languagesUrl()).jsonObject().get("languages"));
    return merged;
  }

  /** Closes the transport this provider built. Idempotent. */
  @Override
  public void close() {
    if (ownsTransport) {
      transport.close();
    }
  }

  @Override
  public String toString() {
    return "QwenModalProvider{" + endpoints + ", " + transport + '}';
  }

  /**
   * Runs {@code call} with the JSON fields naming the voice: its id (registering it when needed, and
   * once more when the service has forgotten it) or, for a Step-6 deployment, the reference itself.
   */
  private <T> T withVoice(Voice voice, Function<Map<String, Object>, T> call) {
    if (!endpoints.registersVoices()) {
      Map<String, Object> reference = new LinkedHashMap<>();
      reference.put("ref_audio_base64", Base64.getEncoder().encodeToString(voice.reference().bytes()));
      reference.put("ref_text", voice.transcript().orElseThrow());
      return call.apply(reference);
    }
    String id = voices.idFor(voiceKey(voice), () -> register(voice));
    try {
      return call.apply(Map.of("voice_id", id));
    } catch (NotFoundException e) {
      if (!"voice_not_cached".equals(e.code().orElse(null))) {
        throw e;
      }
      log.debug("The service no longer holds voice {} ({}); registering it again", voice.id(), id);
      voices.forget(voiceKey(voice), id);
      return call.apply(Map.of("voice_id", voices.idFor(voiceKey(voice), () -> register(voice))));
    }
  }

  /** A voice is the same to the service when its reference and transcript are. */
  private static String voiceKey(Voice voice) {
    return voice.reference().sha256() + '\n' + voice.transcript().orElse("");
  }

  private String register(Voice voice) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("ref_audio_base64", Base64.getEncoder().encodeToString(voice.reference().bytes()));
    body.put("ref_text", voice.transcript().orElseThrow());
    ModalResponse response = transport.postJson(endpoints.voicesUrl(), body, 0);
    Object id = response.jsonObject().get("voice_id");
    if (!(id instanceof String s) || s.isBlank()) {
      throw response.failure("POST /voices answered without a voice_id", null);
    }
    log.debug("Registered voice {} as {}", voice.id(), s);
    return s;
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
    Object files = response.jsonObject().get("audio_files");
    if (!(files instanceof List<?> list) || list.size() != expected) {
      throw response.failure("POST /clone-batch answered " + (files instanceof List<?> l ? l.size() : 0)
          + " audio files for " + expected + " texts", null);
    }
    PcmAudio[] out = new PcmAudio[expected];
    for (int position = 0; position < expected; position++) {
      if (!(list.get(position) instanceof Map<?, ?> file)) {
        throw response.failure("audio_files[" + position + "] is not an object", null);
      }
      int index = file.get("index") instanceof Number n ? n.intValue() : position;
      if (index < 0 || index >= expected || out[index] != null) {
        throw response.failure("audio_files[" + position + "] has a bad index " + index, null);
      }
      byte[] wav;
      try {
        wav = Base64.getDecoder().decode(String.valueOf(file.get("audio_base64")));
      } catch (IllegalArgumentException e) {
        throw response.failure("audio_files[" + position + "] is not base64", e);
      }
      out[index] = checkRate(response, response.decodeWav(wav, "audio_files[" + position + "]"), caps);
    }
    return List.of(out);
  }

  private static PcmAudio checkRate(ModalResponse response, PcmAudio audio, ProviderCapabilities caps) {
    if (audio.sampleRate() != caps.sampleRate()) {
      throw response.failure("The service returned " + audio.sampleRate() + " Hz audio; its /health promised "
          + caps.sampleRate() + " Hz", null);
    }
    return audio;
  }

  /** Capabilities from a {@code /health} answer; the Step-6 defaults for what it does not say. */
  static ProviderCapabilities capabilitiesOf(Map<String, Object> health) {
    Map<?, ?> limits = health.get("limits") instanceof Map<?, ?> m ? m : Map.of();
    Set<Language> languages = EnumSet.allOf(Language.class);
    if (health.get("supported_languages") instanceof List<?> names && !names.isEmpty()) {
      languages = EnumSet.noneOf(Language.class);
      for (Object name : names) {
        for (Language language : Language.values()) {
          if (language.wireName().toLowerCase(Locale.ROOT).equals(String.valueOf(name).toLowerCase(Locale.ROOT))) {
            languages.add(language);
          }
        }
      }
    }
    return ProviderCapabilities.builder()
        .requiresTranscript(true)
        .languages(languages)
        .maxCharsPerCall(intOr(limits.get("max_text_chars"), STEP6_MAX_CHARS))
        .maxBatchSize(intOr(limits.get("max_batch_size"), STEP6_MAX_BATCH))
        .sampleRate(intOr(health.get("sample_rate"), STEP6_SAMPLE_RATE))
        .build();
  }

  private static int intOr(Object value, int fallback) {
    return value instanceof Number n && n.intValue() > 0 ? n.intValue() : fallback;
  }

  /** Builds a {@link QwenModalProvider}. Not thread-safe. */
  public static final class Builder extends ModalProviderBuilder<Builder> {
    private QwenEndpoints endpoints;
    private int maxNewTokens = 2048;

    private Builder() {}

    public Builder endpoints(QwenEndpoints endpoints) {
      this.endpoints = Objects.requireNonNull(endpoints, "endpoints == null");
      return this;
    }

    /** Shorthand for {@code endpoints(QwenEndpoints.modalDeploy(baseUrl))}. */
    public Builder baseUrl(String baseUrl) {
      return endpoints(QwenEndpoints.modalDeploy(baseUrl));
    }

    @Override
    protected Builder self() {
      return this;
    }

    /** The model's {@code max_new_tokens}; default 2048 as in the original deployment. */
    public Builder maxNewTokens(int maxNewTokens) {
      if (maxNewTokens < 1) {
        throw new IllegalArgumentException("maxNewTokens < 1: " + maxNewTokens);
      }
      this.maxNewTokens = maxNewTokens;
      return this;
    }

    /** @throws NullPointerException when no endpoints were given. */
    public QwenModalProvider build() {
      return new QwenModalProvider(this);
    }
  }
}
