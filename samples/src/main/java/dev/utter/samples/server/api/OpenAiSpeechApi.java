package dev.utter.samples.server.api;

import dev.utter.Language;
import dev.utter.OutputFormat;
import dev.utter.audio.EncodingWriter;
import dev.utter.audio.PcmAudio;
import dev.utter.audio.TimeStretcher;
import dev.utter.samples.server.speech.Speaker;
import dev.utter.samples.server.storage.DataFiles;
import dev.utter.samples.server.storage.VoiceRecord;
import dev.utter.samples.server.storage.VoiceStore;
import dev.utter.samples.server.tasks.GenerationSlots;
import io.javalin.http.Context;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OpenAI's text-to-speech API on the utter server, so that programs written for OpenAI speak in voices
 * cloned here by changing only the base URL and the voice: {@code POST /v1/audio/speech} and
 * {@code GET /v1/models}.
 *
 * <p>A speech request names a stored voice by id (or {@code {"id": ...}}) or by its name when no other
 * voice has it. The audio streams as it is made, chunked ({@code stream_format} {@code audio}, the
 * default) or as server-sent events {@code speech.audio.delta} (base64 audio) and a final
 * {@code speech.audio.done} ({@code sse}), within the server's bound on synchronous generations; each
 * request is recorded in history like any other generation. Nothing is sent before the first chunk is
 * made, so a request that fails before then gets a proper error; one that fails later is cut off
 * (the connection is aborted, so the client sees an incomplete body, never a valid-looking short file).
 * Errors here take OpenAI's shape ({@link OpenAiError}). Thread-safe.
 */
final class OpenAiSpeechApi {
  /** Model names OpenAI's clients send, accepted as the server's own model. */
  static final List<String> MODEL_ALIASES = List.of("tts-1", "tts-1-hd", "gpt-4o-mini-tts");
  private static final Logger log = LoggerFactory.getLogger(OpenAiSpeechApi.class);
  /** The longest {@code input}, in code points: the SDK's limit on a request's text. */
  private static final int MAX_INPUT = 5000;

  /** The formats OpenAI serves, at OpenAI's rates: 24 kHz mono; Opus in Ogg. */
  enum ResponseFormat {
    MP3("mp3", "mp3_24000_160", "audio/mpeg"),
    OPUS("opus", "opus_48000_64", "audio/opus"),
    WAV("wav", "wav_24000", "audio/wav"),
    PCM("pcm", "pcm_24000", "audio/pcm");

    final String wireName;
    final OutputFormat format;
    final String contentType;

    ResponseFormat(String wireName, String formatName, String contentType) {
      this.wireName = wireName;
      this.format = OutputFormat.parse(formatName);
      this.contentType = contentType;
    }
  }

  /** A checked speech request. */
  record SpeechRequest(VoiceRecord voice, String input, ResponseFormat format, double speed, boolean sse) {}

  private final Speaker speaker;
  private final VoiceStore voices;
  private final VoicesApi voicesApi;
  private final GenerationSlots slots;
  private final String model;
  private final long created;

  /**
   * @param providerId the configured provider's id, which names the model ({@link #modelName})
   * @param created when the server started, reported as the models' {@code created}
   */
  OpenAiSpeechApi(Speaker speaker, VoiceStore voices, VoicesApi voicesApi, GenerationSlots slots,
      String providerId, Instant created) {
    this.speaker = speaker;
    this.voices = voices;
    this.voicesApi = voicesApi;
    this.slots = slots;
    this.model = modelName(providerId);
    this.created = created.getEpochSecond();
  }

  /** Whether {@code path} is under {@code /v1}, where errors take OpenAI's shape. */
  static boolean covers(String path) {
    return path != null && (path.equals("/v1") || path.startsWith("/v1/"));
  }

  /** The model a provider serves: {@code qwen3-tts}, {@code echo-tts}, else the provider's id. */
  static String modelName(String providerId) {
    return switch (providerId) {
      case "qwen-modal" -> "qwen3-tts";
      case "echo-modal" -> "echo-tts";
      default -> providerId;
    };
  }

  /** {@code GET /v1/models}: the server's model, then its aliases, in OpenAI's list shape. */
  void models(Context ctx) {
    List<Map<String, Object>> data = new ArrayList<>();
    data.add(modelEntry(model));
    MODEL_ALIASES.forEach(alias -> data.add(modelEntry(alias)));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("object", "list");
    body.put("data", data);
    Json.respond(ctx, 200, body);
  }

  private Map<String, Object> modelEntry(String id) {
    Map<String, Object> entry = new LinkedHashMap<>();
    entry.put("id", id);
    entry.put("object", "model");
    entry.put("created", created);
    entry.put("owned_by", "utter");
    return entry;
  }

  /** {@code POST /v1/audio/speech}. */
  void speech(Context ctx) {
    SpeechRequest request = read(Json.readObject(ctx));
    Language language = Language.fromWireName(request.voice().language());
    Response response = new Response(ctx, request);
    slots.run(() -> {
      try {
        speaker.speakAlong(request.voice(), request.input(), language, response::write);
        response.finish();
      } catch (IOException | RuntimeException e) {
        if (!response.started()) {
          throw e instanceof RuntimeException r ? r : new UncheckedIOException((IOException) e);
        }
        log.warn("POST /v1/audio/speech failed after the first audio was sent; aborting the response", e);
        response.abort(e);
      }
      return null;
    });
  }

  /** Checks the body in OpenAI's order: model, input, voice, response_format, speed, stream_format. */
  SpeechRequest read(Map<String, Object> body) {
    String requested = string(body, "model");
    if (requested == null || requested.isBlank()) {
      throw OpenAiError.invalid("model", "missing_required_parameter", "Missing required parameter: 'model'.");
    }
    if (!requested.equals(model) && !MODEL_ALIASES.contains(requested)) {
      throw new OpenAiError(404, "The model '" + requested + "' does not exist. This server has '" + model
          + "' and its aliases " + String.join(", ", MODEL_ALIASES) + ".", "invalid_request_error", "model",
          "model_not_found");
    }
    String input = string(body, "input");
    if (input == null) {
      throw OpenAiError.invalid("input", "missing_required_parameter", "Missing required parameter: 'input'.");
    }
    input = input.strip();
    if (input.isEmpty()) {
      throw OpenAiError.invalid("input", "string_below_min_length", "'input' must not be empty.");
    }
    int length = input.codePointCount(0, input.length());
    if (length > MAX_INPUT) {
      throw OpenAiError.invalid("input", "string_above_max_length", "'input' is " + length
          + " characters long; the maximum is " + MAX_INPUT + ".");
    }
    VoiceRecord voice = voice(body.get("voice"));
    ResponseFormat format = responseFormat(string(body, "response_format"));
    double speed = speed(body.get("speed"));
    string(body, "instructions"); // no provider here takes instructions; ignored, as OpenAI does for tts-1
    boolean sse = streamFormat(string(body, "stream_format"));
    voicesApi.supported(voice.language());
    return new SpeechRequest(voice, input, format, speed, sse);
  }

  /** A voice by id, by {@code {"id": ...}}, or by its name when exactly one voice has it. */
  private VoiceRecord voice(Object value) {
    if (value instanceof Map<?, ?> object) {
      value = object.get("id");
    }
    if (value == null) {
      throw OpenAiError.invalid("voice", "missing_required_parameter", "Missing required parameter: 'voice'.");
    }
    if (!(value instanceof String wanted) || wanted.isBlank()) {
      throw OpenAiError.invalid("voice", "invalid_type",
          "'voice' must be a voice id or name, or an object with an 'id'.");
    }
    Optional<VoiceRecord> byId = DataFiles.uuid(wanted.strip()).flatMap(voices::find);
    if (byId.isPresent()) {
      return byId.get();
    }
    List<VoiceRecord> named = voices.list().stream().filter(v -> v.name().equals(wanted.strip())).toList();
    if (named.size() > 1) {
      throw OpenAiError.invalid("voice", "ambiguous_voice", named.size() + " voices are named '" + wanted.strip()
          + "'. Use the id of one: " + String.join(", ", named.stream().map(VoiceRecord::id).toList()) + ".");
    }
    if (named.isEmpty()) {
      throw new OpenAiError(404, "Voice '" + wanted.strip() + "' not found. Use the id or the name of a voice"
          + " cloned on this server (GET /api/voices lists them).", "invalid_request_error", "voice",
          "voice_not_found");
    }
    return named.get(0);
  }

  private static ResponseFormat responseFormat(String name) {
    if (name == null) {
      return ResponseFormat.MP3;
    }
    for (ResponseFormat format : ResponseFormat.values()) {
      if (format.wireName.equals(name)) {
        return format;
      }
    }
    String supported = "mp3, opus, wav or pcm";
    if (name.equals("aac") || name.equals("flac")) {
      throw OpenAiError.invalid("response_format", "unsupported_value",
          "response_format '" + name + "' is not supported by this server. Use " + supported + ".");
    }
    throw OpenAiError.invalid("response_format", "invalid_value",
        "Invalid value for 'response_format': '" + name + "'. Use " + supported + ".");
  }

  /** From 0.25 to 4.0, 1.0 when absent. */
  private static double speed(Object value) {
    if (value == null) {
      return 1.0;
    }
    if (!(value instanceof Number number)) {
      throw OpenAiError.invalid("speed", "invalid_type", "'speed' must be a number from 0.25 to 4.0.");
    }
    double speed = number.doubleValue();
    if (!(speed >= TimeStretcher.MIN_SPEED && speed <= TimeStretcher.MAX_SPEED)) {
      throw OpenAiError.invalid("speed", "invalid_value", "'speed' must be from 0.25 to 4.0, not " + speed + ".");
    }
    return speed;
  }

  private static boolean streamFormat(String name) {
    if (name == null || name.equals("audio")) {
      return false;
    }
    if (name.equals("sse")) {
      return true;
    }
    throw OpenAiError.invalid("stream_format", "invalid_value",
        "Invalid value for 'stream_format': '" + name + "'. Use audio or sse.");
  }

  private static String string(Map<String, Object> body, String name) {
    Object value = body.get(name);
    if (value == null || value instanceof String) {
      return (String) value;
    }
    throw OpenAiError.invalid(name, "invalid_type", "'" + name + "' must be a string.");
  }

  /**
   * The response, begun when the first chunk arrives: the audio at the requested speed (a
   * {@link TimeStretcher}, which keeps the pitch) in the requested format, each chunk's bytes sent and
   * flushed as soon as they are encoded, raw (chunked transfer) or as SSE events.
   */
  private static final class Response {
    private final Context ctx;
    private final SpeechRequest request;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private OutputStream out;
    private EncodingWriter writer;
    private TimeStretcher stretcher;
    private int sourceRate;

    Response(Context ctx, SpeechRequest request) {
      this.ctx = ctx;
      this.request = request;
    }

    boolean started() {
      return out != null;
    }

    void write(PcmAudio audio) throws IOException {
      if (out == null) {
        begin(audio.sampleRate());
      }
      writer.write(stretcher == null ? audio : PcmAudio.of(sourceRate, stretcher.process(audio.samples(), 0, audio.length())));
      writer.flush();
      send();
    }

    void finish() throws IOException {
      if (stretcher != null) {
        writer.write(PcmAudio.of(sourceRate, stretcher.finish()));
      }
      writer.finish();
      send();
      if (request.sse()) {
        Map<String, Object> usage = new LinkedHashMap<>();
        usage.put("input_tokens", 0);
        usage.put("output_tokens", 0);
        usage.put("total_tokens", 0);
        Map<String, Object> done = new LinkedHashMap<>();
        done.put("type", "speech.audio.done");
        done.put("usage", usage);
        event(done);
      }
      out.flush();
    }

    /** Cuts the connection, so the client cannot take a partial body for a whole one. */
    void abort(Exception e) {
      org.eclipse.jetty.server.Request.getBaseRequest(ctx.req()).getHttpChannel().abort(e);
    }

    private void begin(int sampleRate) throws IOException {
      HttpServletResponse res = ctx.res();
      res.setStatus(200);
      res.setContentType(request.sse() ? "text/event-stream" : request.format().contentType);
      res.setHeader("Cache-Control", "no-cache");
      out = res.getOutputStream();
      sourceRate = sampleRate;
      stretcher = request.speed() == 1.0 ? null : TimeStretcher.of(sampleRate, request.speed());
      writer = EncodingWriter.open(request.format().format, sampleRate, request.sse() ? pending : out);
    }

    /** For SSE, what the encoder wrote since the last event, as one delta event; raw audio is already out. */
    private void send() throws IOException {
      if (request.sse() && pending.size() > 0) {
        Map<String, Object> delta = new LinkedHashMap<>();
        delta.put("type", "speech.audio.delta");
        delta.put("audio", Base64.getEncoder().encodeToString(pending.toByteArray()));
        pending.reset();
        event(delta);
      }
      out.flush();
    }

    private void event(Map<String, Object> data) throws IOException {
      out.write(("data: " + Json.write(data) + "\n\n").getBytes(StandardCharsets.UTF_8));
      out.flush();
    }
  }
}
