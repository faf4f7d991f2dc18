package dev.utter.provider.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.utter.ConfigurationException;
import dev.utter.Language;
import dev.utter.Utter;
import dev.utter.audio.PcmAudio;
import dev.utter.spi.SynthesisRequest;
import dev.utter.testing.TestAudio;
import dev.utter.spi.ProviderSettings;
import dev.utter.spi.TtsProvider;
import dev.utter.spi.TtsProviders;
import java.time.Duration;
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
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> factory.create(ProviderSettings.of(Map.of("UTTER_MOCK_JITTER", "soon"))));
    assertEquals("UTTER_MOCK_JITTER must be a number within 0 and 1, was: soon", e.getMessage());
  }

  @Test
  void jitterOverOneIsAConfigurationError() {
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> factory.create(ProviderSettings.of(Map.of("UTTER_MOCK_JITTER", "1.5"))));
    assertEquals("UTTER_MOCK_JITTER must be a number within 0 and 1, was: 1.5", e.getMessage());
  }

  @Test
  void silenceIsChosenBySetting() {
    try (TtsProvider provider = factory.create(ProviderSettings.of(Map.of("UTTER_MOCK_SIGNAL", "Silence")))) {
      PcmAudio audio = provider.synthesize(SynthesisRequest.of(TestAudio.voice(TestAudio.TRANSCRIPT),
          "Hello there.", Language.AUTO));
      assertEquals(PcmAudio.silence(audio.sampleRate(), audio.length()), audio);
    }
  }

  @Test
  void unknownSignalIsAConfigurationError() {
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> factory.create(ProviderSettings.of(Map.of("UTTER_MOCK_SIGNAL", "noise"))));
    assertEquals("UTTER_MOCK_SIGNAL must be speech or silence, was: noise", e.getMessage());
  }

  @Test
  void noLatencyByDefault() {
    assertEquals(LatencyModel.NONE.toString(),
        MockProviderFactory.latencyModel(ProviderSettings.empty()).toString());
  }

  @Test
  void everyLatencySettingIsRead() {
    LatencyModel model = MockProviderFactory.latencyModel(ProviderSettings.of(Map.of(
        "UTTER_MOCK_LATENCY_MS", "120",
        "UTTER_MOCK_REAL_TIME_FACTOR", "0.5",
        "UTTER_MOCK_BATCH_MARGINAL_COST", "0.25",
        "UTTER_MOCK_JITTER", "0.1",
        "UTTER_MOCK_MAX_CONCURRENT_CALLS", "3")));
    assertEquals(Duration.ofMillis(120), model.perCall());
    assertEquals(0.5, model.realTimeFactor());
    assertEquals(0.25, model.batchMarginalCost());
    assertEquals(0.1, model.jitter());
    assertEquals(3, model.maxConcurrentCalls());
  }

  @Test
  void theA10gModelIsChosenBySettingAndScaledAfterOverrides() {
    LatencyModel model = MockProviderFactory.latencyModel(ProviderSettings.of(Map.of(
        "UTTER_MOCK_LATENCY_MODEL", "A10G-Qwen-0.6B",
        "UTTER_MOCK_MAX_CONCURRENT_CALLS", "2",
        "UTTER_MOCK_TIME_SCALE", "0.01")));
    assertEquals(Duration.ofMillis(53), model.perCall());
    assertEquals(0.0144, model.realTimeFactor(), 1e-12);
    assertEquals(LatencyModel.A10G_QWEN_0_6B.batchMarginalCost(), model.batchMarginalCost());
    assertEquals(LatencyModel.A10G_QWEN_0_6B.jitter(), model.jitter());
    assertEquals(2, model.maxConcurrentCalls());
  }

  @Test
  void unknownLatencyModelIsAConfigurationError() {
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> factory.create(ProviderSettings.of(Map.of("UTTER_MOCK_LATENCY_MODEL", "h100"))));
    assertEquals("UTTER_MOCK_LATENCY_MODEL must be none or a10g-qwen-0.6b, was: h100", e.getMessage());
  }

  @Test
  void aLatencyTooLongForADurationInNanosecondsIsAConfigurationError() {
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> factory.create(ProviderSettings.of(Map.of("UTTER_MOCK_LATENCY_MS", Long.toString(Long.MAX_VALUE)))));
    assertTrue(e.getMessage().startsWith("The mock's latency settings are out of range"), e.getMessage());
  }

  @Test
  void zeroTimeScaleIsAConfigurationError() {
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> factory.create(ProviderSettings.of(Map.of("UTTER_MOCK_TIME_SCALE", "0"))));
    assertEquals("UTTER_MOCK_TIME_SCALE must be a number > 0, was: 0", e.getMessage());
  }
}
