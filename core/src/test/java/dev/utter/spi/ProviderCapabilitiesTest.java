package dev.utter.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.utter.Language;
import dev.utter.text.ChunkLimits;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProviderCapabilitiesTest {
  @Test
  void buildsWhatItWasGiven() {
    ProviderCapabilities capabilities = ProviderCapabilities.builder()
        .sampleRate(44_100)
        .languages(EnumSet.of(Language.AUTO, Language.ENGLISH))
        .maxUtf8BytesPerCall(761)
        .maxWordsPerCall(70)
        .build();
    assertEquals(44_100, capabilities.sampleRate());
    assertTrue(capabilities.supports(Language.ENGLISH));
    assertFalse(capabilities.supports(Language.GERMAN));
    assertFalse(capabilities.supportsBatch());
    assertEquals(new ChunkLimits(0, 761, 70), capabilities.chunkLimits());
    assertEquals(capabilities.toString(), capabilities.toBuilder().build().toString());
  }

  @Test
  void sampleRateLanguageAndATextLimitAreRequired() {
    assertThrows(IllegalStateException.class, () -> ProviderCapabilities.builder()
        .languages(Set.of(Language.AUTO)).maxCharsPerCall(10).build());
    assertThrows(IllegalStateException.class, () -> ProviderCapabilities.builder()
        .sampleRate(24_000).maxCharsPerCall(10).build());
    assertThrows(IllegalStateException.class, () -> ProviderCapabilities.builder()
        .sampleRate(24_000).languages(Set.of(Language.AUTO)).build());
  }

  @Test
  void batchSizeBelowOneIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> ProviderCapabilities.builder().maxBatchSize(0));
  }
}
