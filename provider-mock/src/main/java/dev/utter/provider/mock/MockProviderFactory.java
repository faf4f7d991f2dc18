package dev.utter.provider.mock;

import dev.utter.ConfigurationException;
import dev.utter.spi.ProviderCapabilities;
import dev.utter.spi.ProviderSettings;
import dev.utter.spi.TtsProvider;
import dev.utter.spi.TtsProviderFactory;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Creates {@link MockTtsProvider}s for {@code Utter.builder().provider("mock")}. Settings, from code or
 * the environment:
 *
 * <ul>
 *   <li>{@code UTTER_MOCK_PRESET}: {@code qwen} ({@link MockPresets#QWEN}, the default) or {@code echo}
 *       ({@link MockPresets#ECHO}); like the real backends, only {@code qwen} designs voices;
 *   <li>{@code UTTER_MOCK_SIGNAL}: {@code speech} (the default) or {@code silence} of the same length,
 *       which costs no CPU (see {@link MockTtsProvider.Signal});
 *   <li>{@code UTTER_MOCK_LATENCY_MODEL}: the {@link LatencyModel} the settings below start from:
 *       {@code none} ({@link LatencyModel#NONE}, the default) or {@code a10g-qwen-0.6b}
 *       ({@link LatencyModel#A10G_QWEN_0_6B});
 *   <li>{@code UTTER_MOCK_LATENCY_MS}: the fixed cost of each call in milliseconds;
 *   <li>{@code UTTER_MOCK_REAL_TIME_FACTOR}: seconds of compute per second of audio made;
 *   <li>{@code UTTER_MOCK_BATCH_MARGINAL_COST}: the share of its own cost each chunk of a batch beyond
 *       the longest adds, 0 to 1;
 *   <li>{@code UTTER_MOCK_JITTER}: the spread of each call's cost either side, as a fraction, 0 to 1;
 *   <li>{@code UTTER_MOCK_MAX_CONCURRENT_CALLS}: the most calls at once, others queue; 0 for no limit;
 *   <li>{@code UTTER_MOCK_TIME_SCALE}: multiplies the fixed cost and the real-time factor once the
 *       settings above are applied (e.g. 0.01 runs the A10G model 100 times faster); 1 by default.
 * </ul>
 */
public final class MockProviderFactory implements TtsProviderFactory {
  /** The preset setting: {@code qwen} or {@code echo}. */
  public static final String PRESET = "UTTER_MOCK_PRESET";
  /** The signal setting: {@code speech} or {@code silence}. */
  public static final String SIGNAL = "UTTER_MOCK_SIGNAL";
  /** The latency model to start from: {@code none} or {@code a10g-qwen-0.6b}. */
  public static final String LATENCY_MODEL = "UTTER_MOCK_LATENCY_MODEL";
  /** The fixed cost of each call, in milliseconds. */
  public static final String LATENCY_MS = "UTTER_MOCK_LATENCY_MS";
  /** Seconds of compute per second of audio. */
  public static final String REAL_TIME_FACTOR = "UTTER_MOCK_REAL_TIME_FACTOR";
  /** The marginal cost of a batch's further chunks, 0 to 1. */
  public static final String BATCH_MARGINAL_COST = "UTTER_MOCK_BATCH_MARGINAL_COST";
  /** The jitter, as a fraction of a call's cost, 0 to 1. */
  public static final String JITTER = "UTTER_MOCK_JITTER";
  /** The most calls at once; 0 for no limit. */
  public static final String MAX_CONCURRENT_CALLS = "UTTER_MOCK_MAX_CONCURRENT_CALLS";
  /** The factor every cost is multiplied by. */
  public static final String TIME_SCALE = "UTTER_MOCK_TIME_SCALE";

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
        .signal(signal(settings.get(SIGNAL).orElse("speech")))
        .latency(latencyModel(settings))
        .build();
  }

  static LatencyModel latencyModel(ProviderSettings settings) {
    LatencyModel.Builder model = baseModel(settings.get(LATENCY_MODEL).orElse("none")).toBuilder();
    try {
      setting(settings, LATENCY_MS, "a whole number of milliseconds >= 0",
          v -> model.perCall(Duration.ofMillis(Long.parseLong(v))));
      setting(settings, REAL_TIME_FACTOR, "a number >= 0", v -> model.realTimeFactor(Double.parseDouble(v)));
      setting(settings, BATCH_MARGINAL_COST, "a number within 0 and 1",
          v -> model.batchMarginalCost(Double.parseDouble(v)));
      setting(settings, JITTER, "a number within 0 and 1", v -> model.jitter(Double.parseDouble(v)));
      setting(settings, MAX_CONCURRENT_CALLS, "a whole number >= 0",
          v -> model.maxConcurrentCalls(Integer.parseInt(v)));
      LatencyModel built = model.build();
      String scale = settings.get(TIME_SCALE).orElse("1");
      try {
        return built.scaled(Double.parseDouble(scale));
      } catch (IllegalArgumentException e) {
        throw new ConfigurationException(TIME_SCALE + " must be a number > 0, was: " + scale);
      }
    } catch (ArithmeticException e) {
      throw new ConfigurationException("The mock's latency settings are out of range: " + e.getMessage());
    }
  }

  /** Applies the setting {@code key} when present; a value {@code apply} rejects is a configuration error. */
  private static void setting(ProviderSettings settings, String key, String expected, Consumer<String> apply) {
    settings.get(key).ifPresent(value -> {
      try {
        apply.accept(value.strip());
      } catch (IllegalArgumentException e) { // NumberFormatException included
        throw new ConfigurationException(key + " must be " + expected + ", was: " + value);
      }
    });
  }

  private static LatencyModel baseModel(String name) {
    switch (name.toLowerCase(Locale.ROOT)) {
      case "none":
        return LatencyModel.NONE;
      case "a10g-qwen-0.6b":
        return LatencyModel.A10G_QWEN_0_6B;
      default:
        throw new ConfigurationException(LATENCY_MODEL + " must be none or a10g-qwen-0.6b, was: " + name);
    }
  }

  private static MockTtsProvider.Signal signal(String name) {
    switch (name.toLowerCase(Locale.ROOT)) {
      case "speech":
        return MockTtsProvider.Signal.SPEECH;
      case "silence":
        return MockTtsProvider.Signal.SILENCE;
      default:
        throw new ConfigurationException(SIGNAL + " must be speech or silence, was: " + name);
    }
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
}
