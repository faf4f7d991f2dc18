package dev.utter.provider.echo;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import dev.utter.audio.PcmAudio;
import dev.utter.audio.Wav;
import dev.utter.provider.echo.internal.EchoText;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okio.Buffer;

/**
 * The Echo service of CONTRACT.md, scripted for {@code mockwebserver3}: {@code /health},
 * {@code /voices} and {@code /generate} with the service's status codes and error bodies. Audio is
 * {@code len(text) / 14} seconds of a tone, at most 29.7 s. Knobs simulate a restart that forgets
 * voices, a service without {@code /voices}, and a service answering at the wrong sample rate.
 * Every request is recorded with its JSON body. Thread-safe.
 */
final class ScriptedEchoService extends Dispatcher {
  private static final JsonAdapter<Map<String, Object>> JSON =
      new Moshi.Builder().build().adapter(Types.newParameterizedType(Map.class, String.class, Object.class));

  /** One request the service received. */
  record Received(String method, String path, Map<String, Object> body, String modalKey, String authorization,
      String idempotencyKey) {}

  private final List<Received> received = new ArrayList<>();
  private final Set<String> voices = ConcurrentHashMap.newKeySet();
  private volatile boolean voicesRoute = true;
  private volatile int sampleRate = EchoModalProvider.SAMPLE_RATE;
  private volatile boolean idempotencyKeys;
  private final java.util.concurrent.atomic.AtomicInteger generateFailures = new java.util.concurrent.atomic.AtomicInteger();

  /** Says {@code "idempotency_keys": true} in {@code /health}. */
  void honoursIdempotencyKeys() {
    idempotencyKeys = true;
  }

  /** Answers the next {@code count} {@code POST /generate}s with 502, as a proxy losing the answer would. */
  void failNextGenerates(int count) {
    generateFailures.set(count);
  }

  /** Forgets every registered voice, as a restarted container would. */
  void forgetVoices() {
    voices.clear();
  }

  /** Answers 404 to {@code POST /voices}, as a service without voice registration would. */
  void withoutVoicesRoute() {
    voicesRoute = false;
  }

  void sampleRate(int sampleRate) {
    this.sampleRate = sampleRate;
  }

  synchronized List<Received> received() {
    return List.copyOf(received);
  }

  synchronized List<Received> received(String path) {
    return received.stream().filter(r -> r.path().equals(path)).toList();
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    String path = request.getUrl().encodedPath();
    Map<String, Object> body = null;
    if (request.getBody() != null && request.getBody().size() > 0) {
      try {
        body = JSON.fromJson(request.getBody().utf8());
      } catch (IOException e) {
        return error(422, "Body is not JSON", "validation_error");
      }
    }
    synchronized (this) {
      received.add(new Received(request.getMethod(), path, body, request.getHeaders().get("Modal-Key"),
          request.getHeaders().get("Authorization"), request.getHeaders().get("Idempotency-Key")));
    }
    if (request.getMethod().equals("GET") && path.equals("/health")) {
      return json(200, "{\"status\":\"healthy\",\"model\":\"jordand/echo-tts-base\",\"gpu\":\"cpu\","
          + "\"api_version\":\"1\",\"engine\":\"fake\",\"sample_rate\":44100,\"supported_languages\":[\"English\"],"
          + "\"limits\":{\"max_text_bytes\":767,\"max_audio_seconds\":29.7,\"max_reference_seconds\":300,"
          + "\"max_body_bytes\":67108864}" + (idempotencyKeys ? ",\"idempotency_keys\":true" : "") + "}");
    }
    if (request.getMethod().equals("POST") && path.equals("/voices") && voicesRoute) {
      String id = "ev_" + sha256(Base64.getDecoder().decode((String) body.get("ref_audio_base64"))).substring(0, 32);
      voices.add(id);
      return json(200, "{\"voice_id\":\"" + id + "\",\"duration_seconds\":11.0,\"sample_rate\":8000,\"cached\":true}");
    }
    if (request.getMethod().equals("POST") && path.equals("/generate")) {
      if (generateFailures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        return error(502, "Bad gateway", "bad_gateway");
      }
      return generate(body);
    }
    return error(404, "Not Found", "not_found");
  }

  private MockResponse generate(Map<String, Object> body) {
    Object voiceId = body.get("voice_id");
    if (voiceId != null && !voices.contains(voiceId)) {
      return error(404, "Voice " + voiceId + " is not cached on this service; register it again with POST /voices",
          "voice_not_cached");
    }
    if (voiceId == null && body.get("ref_audio_base64") == null) {
      return error(400, "Either 'voice_id' or 'ref_audio_base64' is required", "invalid_request");
    }
    String text = (String) body.get("text");
    int bytes = EchoText.normalizedBytes(text);
    if (bytes > EchoText.MAX_TEXT_BYTES) {
      return error(422, "Text is " + bytes + " bytes after normalization; Echo-TTS accepts at most 767 UTF-8 bytes"
          + " per call", "text_too_long");
    }
    double seconds = Math.min(29.7, Math.max(0.3, text.length() / 14.0));
    short[] samples = new short[(int) (seconds * sampleRate)];
    for (int i = 0; i < samples.length; i++) {
      samples[i] = (short) (4000 * Math.sin(2 * Math.PI * 220 * i / sampleRate));
    }
    return new MockResponse.Builder().code(200).addHeader("Content-Type", "audio/wav")
        .addHeader("X-Request-Id", "req-generate")
        .body(new Buffer().write(Wav.write(PcmAudio.of(sampleRate, samples)))).build();
  }

  private static MockResponse json(int status, String body) {
    return new MockResponse.Builder().code(status).addHeader("Content-Type", "application/json")
        .addHeader("X-Request-Id", "req-" + status).body(body).build();
  }

  static MockResponse error(int status, String detail, String code) {
    return json(status, "{\"detail\":" + quote(detail) + ",\"code\":\"" + code + "\"}");
  }

  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
