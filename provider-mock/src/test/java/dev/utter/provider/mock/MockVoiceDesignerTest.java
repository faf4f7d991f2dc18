package dev.utter.provider.mock;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.utter.DesignRequest;
import dev.utter.DesignedVoice;
import dev.utter.GenerationRequest;
import dev.utter.InvalidRequestException;
import dev.utter.Language;
import dev.utter.ProviderUnavailableException;
import dev.utter.Speech;
import dev.utter.Utter;
import dev.utter.audio.PcmAudio;
import dev.utter.provider.mock.internal.DesignedTimbre;
import dev.utter.provider.mock.internal.Pitch;
import dev.utter.spi.ProviderSettings;
import dev.utter.spi.VoiceDesigner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MockVoiceDesignerTest {
  private static final String TEXT = "The sea was calm that night. The old ship creaked in the harbour, and nobody slept.";
  private static final String SAILOR = "An old sailor, gravelly and slow.";
  /** The mock's pitch follows a hash of the words, not their meaning: this one speaks at about 292 Hz. */
  private static final String OTHER = "A deep old man.";

  @Test
  void theSameRequestGivesTheSameBytesAndAnotherSeedOthers() {
    try (MockTtsProvider one = MockTtsProvider.builder().build();
         MockTtsProvider other = MockTtsProvider.builder().build()) {
      PcmAudio first = one.voiceDesigner().orElseThrow().design(request(SAILOR, 7));
      PcmAudio again = other.voiceDesigner().orElseThrow().design(request(SAILOR, 7));
      PcmAudio reseeded = one.voiceDesigner().orElseThrow().design(request(SAILOR, 8));

      assertArrayEquals(first.samples(), again.samples());
      assertFalse(Arrays.equals(first.samples(), reseeded.samples()));
      assertEquals(24_000, first.sampleRate());
    }
  }

  @Test
  void thePreviewSpeaksAtTheDescribedPitchAndTheDesignedVoiceKeepsIt() {
    DesignedTimbre sailor = DesignedTimbre.of(SAILOR);
    DesignedTimbre other = DesignedTimbre.of(OTHER);
    assertTrue(other.pitchHz() > sailor.pitchHz() * 1.5, sailor + " vs " + other);
    try (MockTtsProvider provider = MockTtsProvider.builder().build();
         Utter utter = Utter.builder().provider(provider).build()) {
      for (Map.Entry<String, DesignedTimbre> entry : Map.of(SAILOR, sailor, OTHER, other).entrySet()) {
        DesignedVoice designed = utter.design(request(entry.getKey(), 7));
        double expected = entry.getValue().pitchHz();
        assertEquals(expected, pitch(designed.previewWav()), expected * 0.1, entry.getKey());

        Speech speech = utter.generate(GenerationRequest.builder(designed.voice(), "Speak on, in the same voice.")
            .build());
        assertEquals(expected, pitch(speech.toWavBytes()), expected * 0.1, "generated in " + entry.getKey());
      }
    }
  }

  @Test
  void differentDescriptionsSpreadOverTheRanges() {
    double lowest = Double.MAX_VALUE;
    double highest = 0;
    double darkest = Double.MAX_VALUE;
    double brightest = 0;
    for (int i = 0; i < 200; i++) {
      DesignedTimbre timbre = DesignedTimbre.of("Voice number " + i);
      lowest = Math.min(lowest, timbre.pitchHz());
      highest = Math.max(highest, timbre.pitchHz());
      darkest = Math.min(darkest, timbre.brightness());
      brightest = Math.max(brightest, timbre.brightness());
    }
    assertTrue(lowest >= Pitch.MIN_HZ && lowest < 100, "lowest " + lowest);
    assertTrue(highest <= Pitch.MAX_HZ && highest > 280, "highest " + highest);
    assertTrue(darkest >= DesignedTimbre.MIN_BRIGHTNESS && darkest < 0.5, "darkest " + darkest);
    assertTrue(brightest <= DesignedTimbre.MAX_BRIGHTNESS && brightest > 1.7, "brightest " + brightest);
  }

  @Test
  void aLanguageOutsideTheCapabilitiesIsRefusedAsARealBackendWould() {
    try (MockTtsProvider echoLike = MockTtsProvider.builder().capabilities(MockPresets.ECHO).build()) {
      VoiceDesigner designer = echoLike.voiceDesigner().orElseThrow();
      InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> designer.design(
          DesignRequest.builder(SAILOR, TEXT).language(Language.GERMAN).build()));
      assertEquals("Unsupported language: German. Supported: Auto, English", e.getMessage());
    }
  }

  @Test
  void aDesignCallWaitsTheLatencyAndFailsAsConfigured() {
    List<Duration> sleeps = new ArrayList<>();
    try (MockTtsProvider provider = MockTtsProvider.builder()
        .latency(Duration.ofMillis(700), Duration.ZERO)
        .clock(MockTtsProviderTest.STOPPED)
        .sleeper(sleeps::add)
        .failFirst(1, () -> new ProviderUnavailableException("Mock backend is down"))
        .build();
         Utter utter = Utter.builder().provider(provider).build()) {
      assertThrows(ProviderUnavailableException.class, () -> utter.design(request(SAILOR, 1)));
      DesignedVoice designed = utter.design(request(SAILOR, 1));

      assertEquals(List.of(Duration.ofMillis(700), Duration.ofMillis(700)), sleeps);
      assertTrue(designed.duration().toMillis() >= 3000);
      assertEquals(0, provider.recorder().callCount(), "the recorder lists synthesis calls only");
    }
  }

  @Test
  void aClosedProviderDesignsNothing() {
    MockTtsProvider provider = MockTtsProvider.builder().build();
    VoiceDesigner designer = provider.voiceDesigner().orElseThrow();
    provider.close();
    assertThrows(IllegalStateException.class, () -> designer.design(request(SAILOR, 1)));
  }

  @Test
  void onlyTheQwenPresetDesignsLikeTheRealBackends() {
    MockProviderFactory factory = new MockProviderFactory();
    try (var qwen = factory.create(ProviderSettings.of(Map.of()));
         var echo = factory.create(ProviderSettings.of(Map.of(MockProviderFactory.PRESET, "echo")))) {
      assertTrue(qwen.voiceDesigner().isPresent());
      assertEquals(Optional.empty(), echo.voiceDesigner());
    }
  }

  private static DesignRequest request(String description, long seed) {
    return DesignRequest.builder(description, TEXT).seed(seed).build();
  }

  private static double pitch(byte[] wav) {
    return Pitch.ofReference(wav, "0".repeat(64));
  }
}
