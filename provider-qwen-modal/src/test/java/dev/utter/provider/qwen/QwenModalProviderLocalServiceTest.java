package dev.utter.provider.qwen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.utter.Language;
import dev.utter.Voice;
import dev.utter.audio.PcmAudio;
import dev.utter.spi.SynthesisRequest;
import dev.utter.testing.ModalDeployService;
import dev.utter.testing.ModalDeployService.Request;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The provider against the real modal-deploy Qwen service with its fake engine, on loopback. */
class QwenModalProviderLocalServiceTest {
  private static ModalDeployService service;

  @BeforeAll
  static void startService() {
    service = ModalDeployService.builder("qwen").start();
  }

  @AfterAll
  static void stopService() {
    if (service != null) {
      service.close();
    }
  }

  private static List<Request> posts(String path) {
    return service.accessLog().stream().filter(r -> r.path().equals(path) && r.method().equals("POST")).toList();
  }

  @Test
  void aSecondGenerationWithTheSameVoiceSendsNoReferenceAudio() {
    Voice voice = TestVoices.voice();
    int before = posts("/clone").size();
    try (QwenModalProvider provider = QwenModalProvider.builder().baseUrl(service.baseUrl()).build()) {
      PcmAudio first = provider.synthesize(SynthesisRequest.of(voice, "The first sentence.", Language.ENGLISH));
      PcmAudio second = provider.synthesize(SynthesisRequest.of(voice, "The second one.", Language.ENGLISH));

      assertEquals(24_000, first.sampleRate());
      assertTrue(second.durationSeconds() > 0.3, "speech-like audio: " + second.durationSeconds());
    }

    List<Request> voices = posts("/voices");
    assertFalse(voices.isEmpty());
    assertTrue(voices.get(voices.size() - 1).hasReferenceAudio());
    List<Request> clones = posts("/clone").subList(before, posts("/clone").size());
    assertEquals(2, clones.size());
    for (Request clone : clones) {
      assertEquals(200, clone.status());
      assertFalse(clone.hasReferenceAudio());
      assertTrue(clone.requestBytes() < 1_000, "text and a voice id only: " + clone.requestBytes() + " bytes");
    }
  }

  @Test
  void batchesReturnOneAudioPerTextInOrder() {
    Voice voice = TestVoices.voice();
    try (QwenModalProvider provider = QwenModalProvider.builder().baseUrl(service.baseUrl()).build()) {
      List<PcmAudio> audio = provider.synthesizeBatch(List.of(
          SynthesisRequest.of(voice, "Short.", Language.ENGLISH),
          SynthesisRequest.of(voice, "A rather longer sentence than the first one.", Language.ENGLISH)));

      assertEquals(2, audio.size());
      assertTrue(audio.get(1).durationSeconds() > audio.get(0).durationSeconds());
    }
  }

  @Test
  void healthAndCapabilitiesComeFromTheService() {
    try (QwenModalProvider provider = QwenModalProvider.builder().baseUrl(service.baseUrl()).build()) {
      var health = provider.health();

      assertTrue(health.healthy(), health.detail());
      assertEquals("fake", health.attributes().get("engine"));
      assertEquals(600, provider.capabilities().maxCharsPerCall());
      assertEquals(8, provider.capabilities().maxBatchSize());
      assertEquals(24_000, provider.capabilities().sampleRate());
    }
  }
}
