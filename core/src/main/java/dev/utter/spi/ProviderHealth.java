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
  /**
   * Copies {@code attributes}.
   *
   * @param healthy whether the backend can serve now
   * @param detail a short summary; not null
   * @param attributes what the backend reported; copied
   * @throws NullPointerException when {@code detail}, {@code attributes} or any key or value in it
   *     is null
   */
  public ProviderHealth {
    Objects.requireNonNull(detail, "detail == null");
    attributes = Map.copyOf(attributes);
  }

  /**
   * A healthy answer.
   *
   * @param detail a short summary; not null
   * @param attributes what the backend reported, never credentials; copied
   * @return a health with {@code healthy} true
   */
  public static ProviderHealth up(String detail, Map<String, String> attributes) {
    return new ProviderHealth(true, detail, attributes);
  }

  /**
   * An unhealthy answer, with no attributes.
   *
   * @param detail why the backend cannot serve, without credentials; not null
   * @return a health with {@code healthy} false
   */
  public static ProviderHealth down(String detail) {
    return new ProviderHealth(false, detail, Map.of());
  }
}
