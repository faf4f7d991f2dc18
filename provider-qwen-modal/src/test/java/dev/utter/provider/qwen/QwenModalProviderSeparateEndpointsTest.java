package dev.utter.provider.qwen;

import static dev.utter.provider.qwen.ScriptedQwenService.json;
import static dev.utter.provider.qwen.ScriptedQwenService.tone;
import static dev.utter.provider.qwen.ScriptedQwenService.wav;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import dev.utter.GenerationFailedException;
import dev.utter.InvalidRequestException;
import dev.utter.Language;
import dev.utter.Voice;
import dev.utter.audio.PcmAudio;
import dev.utter.audio.Wav;
import dev.utter.spi.ProviderCapabilities;
import dev.utter.spi.SynthesisRequest;
import dev.utter.transport.ModalRetries;
import java.io.IOException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The provider against a MockWebServer scripted as the original guide's separate endpoints. */
class QwenModalProviderSeparateEndpointsTest {
  private static final String ORIGINAL_HEALTH = "{\"status\":\"healthy\",\"model\":\"Qwen/Qwen3-TTS-12Hz-0.6B-Base\","
      + "\"gpu\":\"A10G\",\"attention_implementation\":\"sdpa\",\"supported_languages\":[\"Auto\",\"Chinese\","
      + "\"English\",\"Japanese\",\"Korean\",\"German\",\"French\",\"Russian\",\"Portuguese\",\"Spanish\",\"Italian\"]}";

  private final MockWebServer server = new MockWebServer();
  private final ScriptedQwenService service = new ScriptedQwenService();
  private QwenModalProvider provider;
  private final Voice voice = TestVoices.voice();

  @BeforeEach
  void setUp() throws IOException {
    server.setDispatcher(service);
    server.start();
    provider = QwenModalProvider.builder()
        .endpoints(QwenEndpoints.separateEndpoints(server.url("/clone").toString(), server.url("/clone-batch").toString(),
            server.url("/health").toString(), server.url("/languages").toString()))
        .retryConfig(ModalRetries.none())
        .build();
  }

  @AfterEach
  void tearDown() {
    provider.close();
    server.close();
  }

  private static Map<String, Object> body(RecordedRequest request) throws IOException {
    return new Moshi.Builder().build().<Map<String, Object>>adapter(
        Types.newParameterizedType(Map.class, String.class, Object.class)).fromJson(request.getBody().utf8());
  }

  @Test
  void usesTheOriginalLimitsForWhatHealthDoesNotSay() {
    service.on("/health", json(200, ORIGINAL_HEALTH));

    ProviderCapabilities caps = provider.capabilities();

    assertEquals(600, caps.maxCharsPerCall());
    assertEquals(8, caps.maxBatchSize());
    assertEquals(24_000, caps.sampleRate());
    assertTrue(caps.requiresTranscript());
    assertEquals(11, caps.languages().size());
  }

  @Test
  void sendsTheReferenceAsBase64WithEveryCall() throws IOException {
    service.on("/health", json(200, ORIGINAL_HEALTH)).on("/clone", wav(tone(24_000, 4800)));

    PcmAudio first = provider.synthesize(SynthesisRequest.of(voice, "Hello there.", Language.ENGLISH));
    provider.synthesize(SynthesisRequest.of(voice, "Hello again.", Language.ENGLISH));

    assertEquals(tone(24_000, 4800), first);
    List<RecordedRequest> clones = service.requests("/clone");
    assertEquals(2, clones.size());
    for (RecordedRequest clone : clones) {
      Map<String, Object> body = body(clone);
      assertEquals(Base64.getEncoder().encodeToString(voice.reference().bytes()), body.get("ref_audio_base64"));
      assertEquals("Hello, this is my voice sample for testing.", body.get("ref_text"));
      assertEquals("English", body.get("language"));
      assertEquals(2048.0, body.get("max_new_tokens"));
      assertFalse(body.containsKey("voice_id"));
    }
    assertTrue(service.requests("/voices").isEmpty());
  }

  @Test
  void batchDecodesBase64WavsByIndex() throws IOException {
    String a = Base64.getEncoder().encodeToString(Wav.write(tone(24_000, 100)));
    String b = Base64.getEncoder().encodeToString(Wav.write(tone(24_000, 200)));
    service.on("/health", json(200, ORIGINAL_HEALTH)).on("/clone-batch", json(200,
        "{\"status\":\"success\",\"count\":2,\"audio_files\":[{\"index\":1,\"text\":\"B.\",\"audio_base64\":\"" + b
            + "\",\"size_bytes\":444},{\"index\":0,\"text\":\"A.\",\"audio_base64\":\"" + a + "\",\"size_bytes\":244}]}"));

    List<PcmAudio> audio = provider.synthesizeBatch(List.of(
        SynthesisRequest.of(voice, "A.", Language.ENGLISH), SynthesisRequest.of(voice, "B.", Language.FRENCH)));

    assertEquals(List.of(tone(24_000, 100), tone(24_000, 200)), audio);
    Map<String, Object> body = body(service.requests("/clone-batch").get(0));
    assertEquals(List.of("A.", "B."), body.get("texts"));
    assertEquals(List.of("English", "French"), body.get("languages"));
    assertTrue(body.containsKey("ref_audio_base64"));
  }

  @Test
  void aBatchFileThatIsNotWavIsAGenerationFailure() {
    String notWav = Base64.getEncoder().encodeToString("ID3 not a wav".getBytes());
    service.on("/health", json(200, ORIGINAL_HEALTH)).on("/clone-batch", json(200,
        "{\"status\":\"success\",\"count\":2,\"audio_files\":[{\"index\":0,\"audio_base64\":\"" + notWav
            + "\"},{\"index\":1,\"audio_base64\":\"" + notWav + "\"}]}"));

    GenerationFailedException e = assertThrows(GenerationFailedException.class, () -> provider.synthesizeBatch(
        List.of(SynthesisRequest.of(voice, "A.", Language.ENGLISH), SynthesisRequest.of(voice, "B.", Language.ENGLISH))));

    assertTrue(e.getMessage().contains("audio_files[0]"), e.getMessage());
  }

  @Test
  void aTruncatedWavIsAGenerationFailure() {
    byte[] whole = Wav.write(tone(24_000, 4800));
    service.on("/health", json(200, ORIGINAL_HEALTH)).on("/clone", new mockwebserver3.MockResponse.Builder().code(200)
        .body(new okio.Buffer().write(java.util.Arrays.copyOf(whole, 1000))).build());

    assertThrows(GenerationFailedException.class,
        () -> provider.synthesize(SynthesisRequest.of(voice, "Hello.", Language.ENGLISH)));
  }

  @Test
  void rejectsALanguageTheServiceDoesNotListBeforeAnyGeneration() {
    service.on("/health", json(200, "{\"status\":\"healthy\",\"supported_languages\":[\"Auto\",\"English\"]}"));

    InvalidRequestException e = assertThrows(InvalidRequestException.class,
        () -> provider.synthesize(SynthesisRequest.of(voice, "Hallo.", Language.GERMAN)));

    assertEquals("unsupported_language", e.code().orElseThrow());
    assertTrue(service.requests("/clone").isEmpty());
  }

  @Test
  void rejectsAVoiceWithoutTranscriptBeforeAnyGeneration() {
    service.on("/health", json(200, ORIGINAL_HEALTH));
    Voice noTranscript = voice.toBuilder().transcript(null).build();

    InvalidRequestException e = assertThrows(InvalidRequestException.class,
        () -> provider.synthesize(SynthesisRequest.of(noTranscript, "Hello.", Language.ENGLISH)));

    assertEquals("missing_transcript", e.code().orElseThrow());
    assertTrue(service.requests("/clone").isEmpty());
  }

  @Test
  void rejectsTextOverTheLimitBeforeAnyGeneration() {
    service.on("/health", json(200, ORIGINAL_HEALTH));

    InvalidRequestException e = assertThrows(InvalidRequestException.class,
        () -> provider.synthesize(SynthesisRequest.of(voice, "a".repeat(601), Language.ENGLISH)));

    assertEquals("text_too_long", e.code().orElseThrow());
    assertTrue(service.requests("/clone").isEmpty());
  }

  @Test
  void mapsAnErrorWithoutCode() {
    service.on("/health", json(200, ORIGINAL_HEALTH))
        .on("/clone", json(400, "{\"detail\":\"'ref_text' is required\"}"));

    InvalidRequestException e = assertThrows(InvalidRequestException.class,
        () -> provider.synthesize(SynthesisRequest.of(voice, "Hello.", Language.ENGLISH)));

    assertEquals("'ref_text' is required", e.serverMessage().orElseThrow());
    assertEquals(400, e.status());
  }

  @Test
  void healthReportsTheModelAndGpu() {
    service.on("/health", json(200, ORIGINAL_HEALTH));

    var health = provider.health();

    assertTrue(health.healthy());
    assertEquals("A10G", health.attributes().get("gpu"));
    assertEquals("Qwen/Qwen3-TTS-12Hz-0.6B-Base", health.attributes().get("model"));
  }

  @Test
  void healthIsDownWhenTheServiceFails() {
    service.on("/health", json(503, "{\"detail\":\"cold\"}"));

    assertFalse(provider.health().healthy());
  }
}
