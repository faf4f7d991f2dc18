package dev.utter.provider.mock;

import dev.utter.ConfigurationException;
import dev.utter.spi.ProviderCapabilities;
import dev.utter.spi.ProviderSettings;
import dev.utter.spi.TtsProvider;
import dev.utter.spi.TtsProviderFactory;
import java.time.Duration;
import java.util.Locale;

/**
 * Creates {@link MockTtsProvider}s for {@code Utter.builder().provider("mock")}. Settings, from code or
 * the environment:
 *
 * <ul>
 *   <li>{@code UTTER_MOCK_PRESET}: {@code qwen} ({@link MockPresets#QWEN}, the default) or {@code echo}
 *       ({@link MockPresets#ECHO}); like the real backends, only {@code qwen} designs voices;
 *   <li>{@code UTTER_MOCK_LATENCY_MS}: the latency of each call in milliseconds, 0 by default;
 *   <li>{@code UTTER_MOCK_JITTER_MS}: a uniform ± spread around that latency, 0 by default.
 * </ul>
 */
public final class MockProviderFactory implements TtsProviderFactory {
  /** The preset setting: {@code qwen} or {@code echo}. */
  public static final String PRESET = "UTTER_MOCK_PRESET";
  /** The latency setting, in milliseconds. */
  public static final String LATENCY_MS = "UTTER_MOCK_LATENCY_MS";
  /** The jitter setting, in milliseconds either side of the latency. */
  public static final String JITTER_MS = "UTTER_MOCK_JITTER_MS";

  /** Found by {@link java.util.ServiceLoader}. */
  public MockProviderFactory() {}

  @Override
  public String id() {
    return MockTtsProvider.ID;
  }

  /** @throws ConfigurationException when a setting is not one of the values above. */
  @Override
  public TtsProvider create(ProviderSettings settings) {
    ProviderCapabilities preset = preset(settings.get(PRESET).orElse("qwen"));
    return MockTtsProvider.builder()
        .capabilities(preset)
        .voiceDesign(preset == MockPresets.QWEN)
        .latency(millis(settings, LATENCY_MS), millis(settings, JITTER_MS))
        .build();
  }

  private static ProviderCapabilities preset(String name) {
    switch (name.toLowerCase(Locale.ROOT)) {
      case "qwen":
        return MockPresets.QWEN;
      case "echo":
        return MockPresets.ECHO;
      default:
        throw new ConfigurationException(PRESET + " must be qwen or echo, was: " + name);
    }
  }

  private static Duration millis(ProviderSettings settings, String key) {
    String value = settings.get(key).orElse("0");
    try {
      long ms = Long.parseLong(value);
      if (ms >= 0) {
        return Duration.ofMillis(ms);
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new ConfigurationException(key + " must be a whole number of milliseconds >= 0, was: " + value);
  }
}
