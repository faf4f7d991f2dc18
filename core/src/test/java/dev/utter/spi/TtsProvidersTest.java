package dev.utter.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.utter.ConfigurationException;
import org.junit.jupiter.api.Test;

/** Core alone has no providers on its class path; provider modules test that discovery finds theirs. */
class TtsProvidersTest {
  @Test
  void unknownIdSaysNoneWereFoundWhenTheClassPathHasNoProvider() {
    ConfigurationException e = assertThrows(ConfigurationException.class,
        () -> TtsProviders.create("mock", ProviderSettings.empty()));
    assertEquals("Unknown TTS provider 'mock'. Providers found on the class path: none", e.getMessage());
  }
}
