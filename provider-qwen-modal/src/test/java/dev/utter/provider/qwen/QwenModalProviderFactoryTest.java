package dev.utter.provider.qwen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.utter.ConfigurationException;
import dev.utter.spi.ProviderSettings;
import dev.utter.spi.TtsProvider;
import dev.utter.spi.TtsProviders;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QwenModalProviderFactoryTest {

  @Test
  void isFoundByServiceLoaderUnderItsId() {
    assertInstanceOf(QwenModalProviderFactory.class, TtsProviders.factories().get("qwen-modal"));
  }

  @Test
  void createsAModalDeployProviderFromTheBaseUrl() {
    try (TtsProvider provider = TtsProviders.create("qwen-modal",
        ProviderSettings.of(Map.of("UTTER_QWEN_URL", "http://127.0.0.1:8001/")))) {
      QwenEndpoints endpoints = ((QwenModalProvider) provider).endpoints();
      assertTrue(endpoints.registersVoices());
      assertEquals("http://127.0.0.1:8001/clone", endpoints.cloneUrl().toString());
      assertEquals("http://127.0.0.1:8001/voices", endpoints.voicesUrl().toString());
    }
  }

  @Test
  void derivesTheSeparateEndpointUrlsFromTheWorkspace() {
    QwenEndpoints endpoints = QwenEndpoints.fromSettings(ProviderSettings.of(Map.of("UTTER_QWEN_WORKSPACE", "acme")));

    assertFalse(endpoints.registersVoices());
    assertEquals("https://acme--qwen3-tts-voice-clone-qwen3ttsservice-clone.modal.run/",
        endpoints.cloneUrl().toString());
    assertEquals("https://acme--qwen3-tts-voice-clone-qwen3ttsservice-clone-batch.modal.run/",
        endpoints.cloneBatchUrl().toString());
    assertEquals("https://acme--qwen3-tts-voice-clone-qwen3ttsservice-health.modal.run/",
        endpoints.healthUrl().toString());
    assertEquals("https://acme--qwen3-tts-voice-clone-qwen3ttsservice-languages.modal.run/",
        endpoints.languagesUrl().toString());
  }

  @Test
  void honoursTheOriginalAppAndClassSettings() {
    QwenEndpoints endpoints = QwenEndpoints.fromSettings(ProviderSettings.of(Map.of("UTTER_QWEN_WORKSPACE", "acme",
        "QWEN_MODAL_APP", "Qwen3-TTS-Big", "QWEN_MODAL_CLASS", "BigService")));

    assertEquals("https://acme--qwen3-tts-big-bigservice-health.modal.run/", endpoints.healthUrl().toString());
  }

  @Test
  void takesTheFourUrlsOneByOne() {
    QwenEndpoints endpoints = QwenEndpoints.fromSettings(ProviderSettings.of(Map.of(
        "UTTER_QWEN_CLONE_URL", "https://a.example/c", "UTTER_QWEN_CLONE_BATCH_URL", "https://a.example/b",
        "UTTER_QWEN_HEALTH_URL", "https://a.example/h", "UTTER_QWEN_LANGUAGES_URL", "https://a.example/l")));

    assertEquals("https://a.example/b", endpoints.cloneBatchUrl().toString());
  }

  @Test
  void someOfTheFourUrlsIsAConfigurationError() {
    ConfigurationException e = assertThrows(ConfigurationException.class, () -> QwenEndpoints.fromSettings(
        ProviderSettings.of(Map.of("UTTER_QWEN_CLONE_URL", "https://a.example/c"))));

    assertTrue(e.getMessage().contains("UTTER_QWEN_HEALTH_URL"), e.getMessage());
  }

  @Test
  void nothingConfiguredNamesTheSettings() {
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> TtsProviders.create("qwen-modal", ProviderSettings.empty()));

    assertTrue(e.getMessage().contains("UTTER_QWEN_URL"), e.getMessage());
    assertTrue(e.getMessage().contains("UTTER_QWEN_WORKSPACE"), e.getMessage());
  }

  @Test
  void halfAModalKeyPairIsAConfigurationErrorThatHidesTheKey() {
    ConfigurationException e = assertThrows(ConfigurationException.class, () -> TtsProviders.create("qwen-modal",
        ProviderSettings.of(Map.of("UTTER_QWEN_URL", "http://127.0.0.1:1", "MODAL_KEY", "wk-secret-id"))));

    assertFalse(e.getMessage().contains("wk-secret-id"));
  }

  @Test
  void notAUrlIsAConfigurationError() {
    assertThrows(ConfigurationException.class,
        () -> QwenEndpoints.fromSettings(ProviderSettings.of(Map.of("UTTER_QWEN_URL", "localhost:8001"))));
  }
}
