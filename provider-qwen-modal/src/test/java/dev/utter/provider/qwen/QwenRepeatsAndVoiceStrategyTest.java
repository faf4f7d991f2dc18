package dev.utter.provider.qwen;

import static dev.utter.provider.qwen.ScriptedQwenService.json;
import static dev.utter.provider.qwen.ScriptedQwenService.tone;
import static dev.utter.provider.qwen.ScriptedQwenService.wav;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.utter.Language;
import dev.utter.ProviderUnavailableException;
import dev.utter.Voice;
import dev.utter.spi.SynthesisRequest;
import dev.utter.testing.FakeTime;
import java.io.IOException;
import java.util.List;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the provider learns from {@code /health}: whether a {@code /clone} that may have run may be
 * sent again ({@code idempotency_keys}), and how a voice reaches the service (registered id, or inline
 * for a service that answers like the original deployment).
 */
class QwenRepeatsAndVoiceStrategyTest {
  private static final String MODAL_DEPLOY_HEALTH = "{\"status\":\"healthy\",\"supported_languages\":[\"Auto\","
      + "\"English\"],\"api_version\":\"1\",\"sample_rate\":24000%s}";
  private static final String ORIGINAL_HEALTH = "{\"status\":\"healthy\",\"model\":\"m\",\"gpu\":\"A10G\","
      + "\"attention_implementation\":\"sdpa\",\"supported_languages\":[\"Auto\",\"English\"]}";
  private static final String VOICE = "{\"voice_id\":\"qv_1\",\"duration_seconds\":11.0,\"sample_rate\":16000,"
      + "\"cached\":false}";

  private final MockWebServer server = new MockWebServer();
  private final ScriptedQwenService service = new ScriptedQwenService();
  private final FakeTime time = new FakeTime();
  private final Voice voice = TestVoices.voice();
  private QwenModalProvider provider;

  @BeforeEach
  void setUp() throws IOException {
    server.setDispatcher(service);
    server.start();
    provider = QwenModalProvider.builder().baseUrl(server.url("/").toString()).clock(time).sleeper(time).build();
  }

  @AfterEach
  void tearDown() {
    provider.close();
    server.close();
  }

  private void speak() {
    provider.synthesize(SynthesisRequest.of(voice, "Hello there.", Language.ENGLISH));
  }

  @Test
  void a502OnCloneIsRepeatedWithTheSameKeyWhenHealthSaysIdempotencyKeys() {
    service.on("/health", json(200, MODAL_DEPLOY_HEALTH.formatted(",\"idempotency_keys\":true")))
        .on("/voices", json(200, VOICE))
        .on("/clone", json(502, "{\"detail\":\"bad gateway\"}")).on("/clone", wav(tone(24_000, 2400)));

    speak();

    List<RecordedRequest> clones = service.requests("/clone");
    assertEquals(2, clones.size());
    String key = clones.get(0).getHeaders().get("Idempotency-Key");
    assertNotNull(key);
    assertEquals(key, clones.get(1).getHeaders().get("Idempotency-Key"));
  }

  @Test
  void a502OnCloneIsReportedNotRepeatedWhenHealthDoesNotSayIdempotencyKeys() {
    service.on("/health", json(200, MODAL_DEPLOY_HEALTH.formatted("")))
        .on("/voices", json(200, VOICE))
        .on("/clone", json(502, "{\"detail\":\"bad gateway\"}")).on("/clone", wav(tone(24_000, 2400)));

    ProviderUnavailableException e = assertThrows(ProviderUnavailableException.class, this::speak);

    assertEquals(502, e.status());
    assertEquals(1, service.requests("/clone").size());
  }

  @Test
  void aServiceThatAnswersLikeTheOriginalDeploymentGetsTheReferenceInline() {
    service.on("/health", json(200, ORIGINAL_HEALTH)).on("/clone", wav(tone(24_000, 2400)));

    speak();

    assertTrue(service.requests("/voices").isEmpty());
    String body = service.requests("/clone").get(0).getBody().utf8();
    assertTrue(body.contains("\"ref_audio_base64\""), body);
    assertTrue(body.contains("\"ref_text\""), body);
    assertEquals("inline_reference", provider.health().attributes().get("voice_strategy"));
  }

  @Test
  void a404OnVoicesSwitchesToTheInlineReferenceForGood() {
    service.on("/health", json(200, MODAL_DEPLOY_HEALTH.formatted("")))
        .on("/voices", json(404, "{\"detail\":\"Not Found\"}"))
        .on("/clone", wav(tone(24_000, 2400)));

    speak();
    speak();

    assertEquals(1, service.requests("/voices").size());
    for (RecordedRequest clone : service.requests("/clone")) {
      assertTrue(clone.getBody().utf8().contains("\"ref_audio_base64\""));
    }
  }

  @Test
  void aRegisteredVoiceIsNamedByIdOnly() {
    service.on("/health", json(200, MODAL_DEPLOY_HEALTH.formatted(""))).on("/voices", json(200, VOICE))
        .on("/clone", wav(tone(24_000, 2400)));

    speak();

    String body = service.requests("/clone").get(0).getBody().utf8();
    assertTrue(body.contains("\"voice_id\":\"qv_1\""), body);
    assertTrue(!body.contains("ref_audio_base64"), body);
    assertEquals("registered_voice", provider.health().attributes().get("voice_strategy"));
  }
}
