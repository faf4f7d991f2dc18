package dev.utter.provider.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.utter.ConfigurationException;
import dev.utter.Utter;
import dev.utter.spi.ProviderSettings;
import dev.utter.spi.TtsProvider;
import dev.utter.spi.TtsProviders;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MockProviderFactoryTest {
  private final MockProviderFactory factory = new MockProviderFactory();

  @Test
  void discoveryFindsTheMockFactory() {
    assertInstanceOf(MockProviderFactory.class, TtsProviders.factories().get("mock"));
  }

  @Test
  void unknownIdListsTheIdsFound() {
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> TtsProviders.create("nope", ProviderSettings.empty()));
    assertTrue(e.getMessage().startsWith("Unknown TTS provider 'nope'"), e.getMessage());
    assertTrue(e.getMessage().contains("mock"), e.getMessage());
  }

  @Test
  void utterBuildsTheMockById() {
    try (Utter utter = Utter.builder().provider("mock", ProviderSettings.empty()).build()) {
      assertEquals("mock", utter.providerId());
    }
  }

  @Test
  void defaultPresetIsQwen() {
    try (TtsProvider provider = factory.create(ProviderSettings.empty())) {
      assertEquals(MockPresets.QWEN, provider.capabilities());
    }
  }

  @Test
  void echoPresetIsChosenBySetting() {
    try (TtsProvider provider = factory.create(ProviderSettings.of(Map.of("UTTER_MOCK_PRESET", "Echo")))) {
      assertEquals(MockPresets.ECHO, provider.capabilities());
    }
  }

  @Test
  void unknownPresetIsAConfigurationError() {
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> factory.create(ProviderSettings.of(Map.of("UTTER_MOCK_PRESET", "bark"))));
    assertEquals("UTTER_MOCK_PRESET must be qwen or echo, was: bark", e.getMessage());
  }

  @Test
  void negativeLatencyIsAConfigurationError() {
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> factory.create(ProviderSettings.of(Map.of("UTTER_MOCK_LATENCY_MS", "-5"))));
    assertTrue(e.getMessage().startsWith("UTTER_MOCK_LATENCY_MS must be"), e.getMessage());
  }

  @Test
  void nonNumericJitterIsAConfigurationError() {
    assertThrows(ConfigurationException.class,
        () -> factory.create(ProviderSettings.of(Map.of("UTTER_MOCK_JITTER_MS", "soon"))));
  }
}
