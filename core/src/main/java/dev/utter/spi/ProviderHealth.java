package dev.utter.spi;

import java.util.Map;
import java.util.Objects;

/**
 * The answer of a health check.
 *
 * @param healthy whether the backend can serve now
 * @param detail a short human-readable summary
 * @param attributes what the backend reported (model, GPU, sample rate, ...), never credentials
 */
public record ProviderHealth(boolean healthy, String detail, Map<String, String> attributes) {
  public ProviderHealth {
    Objects.requireNonNull(detail, "detail == null");
    attributes = Map.copyOf(attributes);
  }

  public static ProviderHealth up(String detail, Map<String, String> attributes) {
    return new ProviderHealth(true, detail, attributes);
  }

  public static ProviderHealth down(String detail) {
    return new ProviderHealth(false, detail, Map.of());
  }
}
