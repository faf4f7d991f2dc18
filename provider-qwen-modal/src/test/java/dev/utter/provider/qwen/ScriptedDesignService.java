package dev.utter.provider.qwen;

import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import dev.utter.audio.PcmAudio;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * A {@code mockwebserver3} dispatcher playing a Qwen service (under {@code /qwen}: a {@code /health}
 * without {@code api_version}, so references go inline, batches of one, and {@code /clone} answering a
 * tone as long as its text) and a VoiceDesign service (under {@code /design-service}: {@code /health} listing
 * {@link #LANGUAGES}, and {@code /design} answering a tone whose pitch comes from a hash of the
 * description and whose length from the text, about 14 characters a second, as the fake engine).
 */
final class ScriptedDesignService extends Dispatcher {
  static final List<String> LANGUAGES = List.of("English", "Chinese", "German");
  static final String QWEN = "/qwen";
  static final String DESIGN = "/design-service";
  private static final int RATE = 24_000;

  static final String DESIGN_HEALTH = "{\"status\":\"healthy\",\"model\":\"Qwen/Qwen3-TTS-12Hz-1.7B-VoiceDesign\","
      + "\"gpu\":\"A10G\",\"api_version\":\"1\",\"engine\":\"scripted\",\"sample_rate\":24000,"
      + "\"supported_languages\":[\"English\",\"Chinese\",\"German\"],\"engine_calls\":0,"
      + "\"attention_implementation\":\"sdpa\",\"limits\":{\"max_text_chars\":500,\"max_instruct_chars\":500,"
      + "\"max_body_bytes\":65536},\"idempotency_keys\":true,\"model_type\":\"VoiceDesign\"}";

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    String path = request.getUrl().encodedPath();
    switch (path) {
      case QWEN + "/health":
        return ScriptedQwenService.json(200, "{\"status\":\"healthy\",\"model\":\"Qwen3-TTS-12Hz-1.7B-Base\","
            + "\"gpu\":\"A10G\",\"supported_languages\":[\"Auto\",\"English\",\"Chinese\",\"German\"],"
            + "\"limits\":{\"max_text_chars\":600,\"max_batch_size\":1}}");
      case QWEN + "/clone":
        return ScriptedQwenService.wav(ScriptedQwenService.tone(RATE, seconds(body(request).get("text")) * RATE));
      case DESIGN + "/health":
        return ScriptedQwenService.json(200, DESIGN_HEALTH);
      case DESIGN + "/design": {
        Map<String, Object> body = body(request);
        return ScriptedQwenService.wav(voice((String) body.get("instruct"), seconds(body.get("text"))));
      }
      default:
        return ScriptedQwenService.json(404, "{\"detail\":\"Not Found\",\"code\":\"not_found\"}");
    }
  }

  private static int seconds(Object text) {
    return Math.max(1, ((String) text).length() / 14);
  }

  /** A tone of {@code seconds} whose pitch, 110 to 329 Hz, is taken from {@code instruct}. */
  private static PcmAudio voice(String instruct, int seconds) {
    double hz = 110 + Math.floorMod(instruct.hashCode(), 220);
    short[] samples = new short[seconds * RATE];
    for (int i = 0; i < samples.length; i++) {
      samples[i] = (short) (4000 * Math.sin(2 * Math.PI * hz * i / RATE));
    }
    return PcmAudio.of(RATE, samples);
  }

  static Map<String, Object> body(RecordedRequest request) {
    try {
      Map<String, Object> json = new Moshi.Builder().build()
          .<Map<String, Object>>adapter(Types.newParameterizedType(Map.class, String.class, Object.class))
          .fromJson(request.getBody().utf8());
      return json;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
