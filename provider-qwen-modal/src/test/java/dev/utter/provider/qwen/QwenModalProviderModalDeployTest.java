package dev.utter.provider.qwen;

import static dev.utter.provider.qwen.ScriptedQwenService.json;
import static dev.utter.provider.qwen.ScriptedQwenService.tone;
import static dev.utter.provider.qwen.ScriptedQwenService.wav;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.utter.Language;
import dev.utter.NotFoundException;
import dev.utter.Voice;
import dev.utter.spi.ProviderCapabilities;
import dev.utter.spi.SynthesisRequest;
import dev.utter.transport.ModalRetries;
import java.io.IOException;
import java.util.List;
import java.util.OptionalLong;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The provider against a MockWebServer scripted as modal-deploy's Qwen service (CONTRACT.md). */
class QwenModalProviderModalDeployTest {
  private static final String HEALTH = "{\"status\":\"healthy\",\"model\":\"Qwen/Qwen3-TTS-12Hz-0.6B-Base\","
      + "\"gpu\":\"cpu\",\"attention_implementation\":\"fake\",\"supported_languages\":[\"Auto\",\"English\","
      + "\"French\"],\"api_version\":\"1\",\"engine\":\"fake\",\"sample_rate\":24000,\"limits\":{\"max_text_chars\":300,"
      + "\"max_batch_size\":4,\"max_reference_seconds\":300,\"min_reference_seconds\":0,"
      + "\"max_body_bytes\":67108864,\"max_new_tokens\":2048}}";
  private static final String VOICE = "{\"voice_id\":\"qv_0123456789abcdef0123456789abcdef\","
      + "\"duration_seconds\":11.0,\"sample_rate\":16000,\"cached\":true}";
  private static final String NOT_CACHED = "{\"detail\":\"Voice qv_0123456789abcdef0123456789abcdef is not cached "
      + "on this service; register it again with POST /voices\",\"code\":\"voice_not_cached\"}";

  private final MockWebServer server = new MockWebServer();
  private final ScriptedQwenService service = new ScriptedQwenService();
  private QwenModalProvider provider;
  private final Voice voice = TestVoices.voice();

  @BeforeEach
  void setUp() throws IOException {
    server.setDispatcher(service);
    server.start();
    provider = QwenModalProvider.builder().baseUrl(server.url("/").toString())
        .retryConfig(ModalRetries.none()).build();
    service.on("/health", json(200, HEALTH)).on("/voices", json(200, VOICE));
  }

  @AfterEach
  void tearDown() {
    provider.close();
    server.close();
  }

  @Test
  void readsCapabilitiesFromHealth() {
    ProviderCapabilities caps = provider.capabilities();

    assertEquals(300, caps.maxCharsPerCall());
    assertEquals(4, caps.maxBatchSize());
    assertEquals(24_000, caps.sampleRate());
    assertEquals(java.util.Set.of(Language.AUTO, Language.ENGLISH, Language.FRENCH), caps.languages());
  }

  @Test
  void registersTheVoiceOnceThenSendsOnlyItsId() {
    service.on("/clone", wav(tone(24_000, 2400)));

    provider.synthesize(SynthesisRequest.of(voice, "One.", Language.ENGLISH));
    provider.synthesize(SynthesisRequest.of(voice, "Two.", Language.ENGLISH));

    assertEquals(1, service.requests("/voices").size());
    assertTrue(service.requests("/voices").get(0).getBody().utf8().contains("\"ref_audio_base64\""));
    for (RecordedRequest clone : service.requests("/clone")) {
      String body = clone.getBody().utf8();
      assertTrue(body.contains("\"voice_id\":\"qv_0123456789abcdef0123456789abcdef\""), body);
      assertFalse(body.contains("ref_audio"), body);
      assertTrue(clone.getBodySize() < 300, "only text and an id: " + clone.getBodySize() + " bytes");
    }
  }

  @Test
  void sendsTheSeedAndOutputFormat() {
    service.on("/clone", wav(tone(24_000, 2400)));

    provider.synthesize(new SynthesisRequest(voice, "Seeded.", Language.AUTO, OptionalLong.of(42), null, 0));

    String body = service.requests("/clone").get(0).getBody().utf8();
    assertTrue(body.contains("\"seed\":42"), body);
    assertTrue(body.contains("\"output_format\":\"wav\""), body);
    assertTrue(body.contains("\"language\":\"Auto\""), body);
  }

  @Test
  void registersAgainOnceWhenTheServiceForgotTheVoice() {
    service.on("/clone", json(404, NOT_CACHED)).on("/clone", wav(tone(24_000, 2400)));

    provider.synthesize(SynthesisRequest.of(voice, "Hello.", Language.ENGLISH));

    assertEquals(2, service.requests("/voices").size());
    assertEquals(2, service.requests("/clone").size());
  }

  @Test
  void givesUpWhenTheVoiceIsForgottenTwice() {
    service.on("/clone", json(404, NOT_CACHED));

    NotFoundException e = assertThrows(NotFoundException.class,
        () -> provider.synthesize(SynthesisRequest.of(voice, "Hello.", Language.ENGLISH)));

    assertEquals("voice_not_cached", e.code().orElseThrow());
    assertEquals(2, service.requests("/voices").size());
    assertEquals(2, service.requests("/clone").size());
  }

  @Test
  void anOtherNotFoundIsNotARegistrationProblem() {
    service.on("/clone", json(404, "{\"detail\":\"Not Found\",\"code\":\"not_found\"}"));

    assertThrows(NotFoundException.class,
        () -> provider.synthesize(SynthesisRequest.of(voice, "Hello.", Language.ENGLISH)));

    assertEquals(1, service.requests("/voices").size());
  }

  @Test
  void batchReRegistersOnceToo() {
    String a = java.util.Base64.getEncoder().encodeToString(dev.utter.audio.Wav.write(tone(24_000, 10)));
    service.on("/clone-batch", json(404, NOT_CACHED)).on("/clone-batch", json(200,
        "{\"status\":\"success\",\"count\":2,\"audio_files\":[{\"index\":0,\"audio_base64\":\"" + a
            + "\"},{\"index\":1,\"audio_base64\":\"" + a + "\"}]}"));

    var audio = provider.synthesizeBatch(List.of(SynthesisRequest.of(voice, "A.", Language.ENGLISH),
        SynthesisRequest.of(voice, "B.", Language.ENGLISH)));

    assertEquals(2, audio.size());
    assertEquals(2, service.requests("/voices").size());
    assertTrue(service.requests("/clone-batch").get(1).getBody().utf8().contains("\"voice_id\""));
  }
}
