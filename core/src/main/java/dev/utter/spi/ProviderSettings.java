package dev.utter.spi;

import dev.utter.ConfigurationException;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * String settings a {@link TtsProviderFactory} reads, by the environment-variable names the README
 * documents ({@code UTTER_QWEN_URL}, {@code MODAL_KEY}, ...). Settings given in code win over the
 * environment. Immutable.
 *
 * <p>{@link #toString()} lists keys only, never values, so secrets stay out of logs.
 */
public final class ProviderSettings {
  private final Map<String, String> values;
  private final UnaryOperator<String> environment;

  private ProviderSettings(Map<String, String> values, UnaryOperator<String> environment) {
    this.values = Map.copyOf(values);
    this.environment = environment;
  }

  /** Settings read from the process environment only. */
  public static ProviderSettings fromEnv() {
    return new ProviderSettings(Map.of(), System::getenv);
  }

  /** No settings at all, not even the environment's. */
  public static ProviderSettings empty() {
    return new ProviderSettings(Map.of(), key -> null);
  }

  /** Exactly {@code values}, ignoring the environment. */
  public static ProviderSettings of(Map<String, String> values) {
    return new ProviderSettings(values, key -> null);
  }

  /** These settings with {@code key} set to {@code value}. */
  public ProviderSettings with(String key, String value) {
    Objects.requireNonNull(key, "key == null");
    Objects.requireNonNull(value, "value == null");
    Map<String, String> copy = new HashMap<>(values);
    copy.put(key, value);
    return new ProviderSettings(copy, environment);
  }

  /** The value of {@code key}, from code first, then the environment; blank counts as unset. */
  public Optional<String> get(String key) {
    String value = values.get(key);
    if (value == null) {
      value = environment.apply(key);
    }
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
  }

  /** The first of {@code keys} that is set: a setting and its legacy aliases. */
  public Optional<String> first(String... keys) {
    for (String key : keys) {
      Optional<String> value = get(key);
      if (value.isPresent()) {
        return value;
      }
    }
    return Optional.empty();
  }

  /** @throws ConfigurationException naming {@code key} when it is not set. */
  public String require(String key) {
    return get(key).orElseThrow(() -> new ConfigurationException("Missing setting " + key));
  }

  @Override
  public String toString() {
    return "ProviderSettings" + values.keySet();
  }
}
