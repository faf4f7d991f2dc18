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

  /**
   * Settings read from the process environment only.
   *
   * @return settings that read each key from {@link System#getenv(String)} when asked
   */
  public static ProviderSettings fromEnv() {
    return new ProviderSettings(Map.of(), System::getenv);
  }

  /**
   * No settings at all, not even the environment's.
   *
   * @return settings in which every key is unset
   */
  public static ProviderSettings empty() {
    return new ProviderSettings(Map.of(), key -> null);
  }

  /**
   * Exactly {@code values}, ignoring the environment.
   *
   * @param values keys and values; copied; neither may be null
   * @return settings that see only {@code values}
   */
  public static ProviderSettings of(Map<String, String> values) {
    return new ProviderSettings(values, key -> null);
  }

  /**
   * These settings with {@code key} set to {@code value}.
   *
   * @param key the setting's name; not null
   * @param value its value; not null
   * @return new settings; these are not changed
   */
  public ProviderSettings with(String key, String value) {
    Objects.requireNonNull(key, "key == null");
    Objects.requireNonNull(value, "value == null");
    Map<String, String> copy = new HashMap<>(values);
    copy.put(key, value);
    return new ProviderSettings(copy, environment);
  }

  /**
   * The value of {@code key}, from code first, then the environment; blank counts as unset.
   *
   * @param key the setting's name, e.g. {@code "MODAL_KEY"}
   * @return the value, or empty when unset or blank
   */
  public Optional<String> get(String key) {
    String value = values.get(key);
    if (value == null) {
      value = environment.apply(key);
    }
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
  }

  /**
   * The first of {@code keys} that is set: a setting and its legacy aliases.
   *
   * @param keys names to try, in order
   * @return the first value found, or empty when none is set
   */
  public Optional<String> first(String... keys) {
    for (String key : keys) {
      Optional<String> value = get(key);
      if (value.isPresent()) {
        return value;
      }
    }
    return Optional.empty();
  }

  /**
   * @param key the setting's name
   * @return its value, never blank
   * @throws ConfigurationException naming {@code key} when it is not set.
   */
  public String require(String key) {
    return get(key).orElseThrow(() -> new ConfigurationException("Missing setting " + key));
  }

  @Override
  public String toString() {
    return "ProviderSettings" + values.keySet();
  }
}
