package dev.utter.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.utter.ConfigurationException;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProviderSettingsTest {
  @Test
  void settingInCodeBeatsTheEnvironment() {
    String key = anEnvironmentVariable();
    ProviderSettings settings = ProviderSettings.fromEnv();
    assertEquals(Optional.of(System.getenv(key).strip()), settings.get(key));
    assertEquals(Optional.of("from code"), settings.with(key, "from code").get(key));
  }

  @Test
  void blankValueCountsAsUnset() {
    ProviderSettings settings = ProviderSettings.of(Map.of("A", "  ", "B", " b "));
    assertEquals(Optional.empty(), settings.get("A"));
    assertEquals(Optional.of("b"), settings.get("B"));
  }

  @Test
  void ofIgnoresTheEnvironment() {
    assertEquals(Optional.empty(), ProviderSettings.of(Map.of()).get(anEnvironmentVariable()));
    assertEquals(Optional.empty(), ProviderSettings.empty().get(anEnvironmentVariable()));
  }

  @Test
  void firstReturnsTheFirstKeyThatIsSet() {
    ProviderSettings settings = ProviderSettings.of(Map.of("LEGACY", "old", "OTHER", "x"));
    assertEquals(Optional.of("old"), settings.first("NEW", "LEGACY", "OTHER"));
    assertEquals(Optional.empty(), settings.first("NEW"));
  }

  @Test
  void requireNamesTheMissingKey() {
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> ProviderSettings.empty().require("MODAL_KEY"));
    assertEquals("Missing setting MODAL_KEY", e.getMessage());
  }

  @Test
  void toStringListsKeysButHidesValues() {
    String text = ProviderSettings.empty().with("MODAL_SECRET", "s3cr3t-value").toString();
    assertEquals("ProviderSettings[MODAL_SECRET]", text);
    assertFalse(text.contains("s3cr3t"));
  }

  private static String anEnvironmentVariable() {
    return System.getenv().entrySet().stream()
        .filter(e -> !e.getValue().isBlank())
        .map(Map.Entry::getKey)
        .findFirst()
        .orElseThrow(() -> new AssertionError("the test needs one environment variable"));
  }
}
