package dev.utter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.utter.audio.PcmAudio;
import dev.utter.audio.Wav;
import dev.utter.spi.ProviderCapabilities;
import dev.utter.spi.ProviderHealth;
import dev.utter.spi.SynthesisRequest;
import dev.utter.spi.TtsProvider;
import dev.utter.spi.VoiceDesigner;
import dev.utter.testing.TestAudio;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** {@link Utter#design} with a provider whose designer answers a scripted preview. */
class UtterDesignTest {
  private static final int RATE = 24_000;
  private static final String DESCRIPTION = "A bright young voice, quick and cheerful.";
  private static final String TEXT = "Good morning! Today we will look at the weather, the news and the sport.";

  @Test
  void designMakesAVoiceFromThePreview() {
    PcmAudio preview = Wav.read(TestAudio.speechLikeWav(4, RATE));
    Provider provider = new Provider(Optional.of(new Designer(EnumSet.of(Language.ENGLISH), preview)));
    try (Utter utter = Utter.builder().provider(provider).build()) {
      assertTrue(utter.designsVoices());
      DesignedVoice designed = utter.design(DesignRequest.builder(DESCRIPTION, TEXT).voiceName("Cheerful").build());

      assertEquals(preview, designed.preview());
      assertArrayEquals(Wav.write(preview), designed.previewWav());
      assertEquals(4.0, designed.duration().toMillis() / 1000.0, 0.001);
      Voice voice = designed.voice();
      assertEquals("Cheerful", voice.name());
      assertEquals(Optional.of(TEXT), voice.transcript());
      assertEquals(Language.ENGLISH, voice.language());
      assertArrayEquals(designed.previewWav(), voice.reference().bytes());
      assertEquals(1, provider.designer().calls.get());
    }
  }

  @Test
  void aProviderWithoutDesignIsRefusedByName() {
    Provider provider = new Provider(Optional.empty());
    try (Utter utter = Utter.builder().provider(provider).build()) {
      assertFalse(utter.designsVoices());
      ConfigurationException e = assertThrows(ConfigurationException.class,
          () -> utter.design(DesignRequest.builder(DESCRIPTION, TEXT).build()));
      assertEquals("Provider 'scripted' cannot design voices", e.getMessage());
      assertEquals(Optional.of("voice_design_unsupported"), e.code());
    }
  }

  @Test
  void aLanguageTheDesignerLacksIsRefusedBeforeAnyCall() {
    Designer designer = new Designer(EnumSet.of(Language.ENGLISH, Language.CHINESE),
        Wav.read(TestAudio.speechLikeWav(4, RATE)));
    try (Utter utter = Utter.builder().provider(new Provider(Optional.of(designer))).build()) {
      InvalidRequestException e = assertThrows(InvalidRequestException.class,
          () -> utter.design(DesignRequest.builder(DESCRIPTION, TEXT).language(Language.FRENCH).build()));
      assertEquals("Unsupported language: French. Supported: Chinese, English", e.getMessage());
    }
    assertEquals(0, designer.calls.get());
  }

  @Test
  void aPreviewTooShortToCloneFromFailsWithAdvice() {
    Designer designer = new Designer(EnumSet.of(Language.ENGLISH), Wav.read(TestAudio.speechLikeWav(2.5, RATE)));
    try (Utter utter = Utter.builder().provider(new Provider(Optional.of(designer))).build()) {
      InvalidRequestException e = assertThrows(InvalidRequestException.class,
          () -> utter.design(DesignRequest.builder(DESCRIPTION, TEXT).build()));
      assertEquals("The preview is 2.5 s long; a designed voice needs at least 3 s of speech."
          + " Use a longer preview text.", e.getMessage());
      assertEquals(Optional.of("preview_too_short"), e.code());
    }
  }

  @Test
  void aStoredPreviewRebuildsTheVoiceWithTheDesignedMinimum() {
    byte[] threeSeconds = TestAudio.speechLikeWav(3, RATE);
    assertEquals(3.0, ReferenceAudio.ofDesignedPreview(threeSeconds).info().durationSeconds(), 0.001);
    InvalidRequestException cloned = assertThrows(InvalidRequestException.class,
        () -> ReferenceAudio.of(threeSeconds));
    assertEquals("Audio too short. Min: 10s", cloned.getMessage());

    InvalidRequestException shorter = assertThrows(InvalidRequestException.class,
        () -> ReferenceAudio.ofDesignedPreview(TestAudio.speechLikeWav(2.9, RATE)));
    assertEquals("Audio too short. Min: 3s", shorter.getMessage());
    InvalidRequestException longer = assertThrows(InvalidRequestException.class,
        () -> ReferenceAudio.ofDesignedPreview(TestAudio.speechLikeWav(301, 8_000)));
    assertEquals("Audio too long. Max: 300s", longer.getMessage());
    InvalidRequestException notAudio = assertThrows(InvalidRequestException.class,
        () -> ReferenceAudio.ofDesignedPreview(new byte[4096]));
    assertEquals(Optional.of(ReferenceAudio.UNREADABLE), notAudio.code());
  }

  @Test
  void aClosedClientDesignsNothing() {
    Designer designer = new Designer(EnumSet.of(Language.ENGLISH), Wav.read(TestAudio.speechLikeWav(4, RATE)));
    Utter utter = Utter.builder().provider(new Provider(Optional.of(designer))).build();
    utter.close();
    assertThrows(IllegalStateException.class, () -> utter.design(DesignRequest.builder(DESCRIPTION, TEXT).build()));
    assertEquals(0, designer.calls.get());
  }

  /** Answers every design with the same preview and counts the calls. */
  private static final class Designer implements VoiceDesigner {
    final AtomicInteger calls = new AtomicInteger();
    private final Set<Language> languages;
    private final PcmAudio preview;

    Designer(Set<Language> languages, PcmAudio preview) {
      this.languages = languages;
      this.preview = preview;
    }

    @Override
    public Set<Language> languages() {
      return languages;
    }

    @Override
    public PcmAudio design(DesignRequest request) {
      calls.incrementAndGet();
      return preview;
    }
  }

  /** A provider that only designs. */
  private static final class Provider implements TtsProvider {
    private final Optional<VoiceDesigner> designer;

    Provider(Optional<VoiceDesigner> designer) {
      this.designer = designer;
    }

    Designer designer() {
      return (Designer) designer.orElseThrow();
    }

    @Override
    public String id() {
      return "scripted";
    }

    @Override
    public ProviderCapabilities capabilities() {
      return ProviderCapabilities.builder().sampleRate(RATE).languages(EnumSet.allOf(Language.class))
          .maxCharsPerCall(100).build();
    }

    @Override
    public PcmAudio synthesize(SynthesisRequest request) {
      throw new UnsupportedOperationException("designs only");
    }

    @Override
    public Optional<VoiceDesigner> voiceDesigner() {
      return designer;
    }

    @Override
    public ProviderHealth health() {
      return ProviderHealth.up("scripted", java.util.Map.of());
    }

    @Override
    public void close() {}
  }
}
