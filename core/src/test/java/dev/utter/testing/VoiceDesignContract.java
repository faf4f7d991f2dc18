package dev.utter.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.utter.ConfigurationException;
import dev.utter.DesignRequest;
import dev.utter.DesignedVoice;
import dev.utter.GenerationRequest;
import dev.utter.InvalidRequestException;
import dev.utter.Language;
import dev.utter.ReferenceAudio;
import dev.utter.Speech;
import dev.utter.Utter;
import dev.utter.Voice;
import dev.utter.audio.PcmAudio;
import dev.utter.audio.Wav;
import dev.utter.spi.SynthesisRequest;
import dev.utter.spi.TtsProvider;
import dev.utter.spi.VoiceDesigner;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of a provider's voice design ({@link TtsProvider#voiceDesigner()}), as JUnit 5 tests.
 * Extend it in a provider's tests (it ships in the {@code utter-core} test-jar) and say how to make the
 * provider with and without design, e.g. against {@code mockwebserver3} or the local modal-deploy
 * design service ({@code python -m utter_modal serve --service design --engine fake}):
 *
 * <pre>{@code
 * class MyProviderDesignContractTest extends VoiceDesignContract {
 *   @Override protected TtsProvider createProvider() {
 *     return MyProvider.builder().baseUrl(qwen.url()).designUrl(design.url()).build();
 *   }
 *
 *   @Override protected TtsProvider createProviderWithoutDesign() {
 *     return MyProvider.builder().baseUrl(qwen.url()).build();
 *   }
 * }
 * }</pre>
 *
 * <p>The tests check that a design gives a valid, audible preview WAV of at least
 * {@value DesignedVoice#MIN_PREVIEW_SECONDS} s and a {@link Voice} made of it (preview as reference,
 * preview text as transcript) that the same client then speaks long text in, also after the voice is
 * rebuilt from the stored preview; that different descriptions give different previews; that a
 * language the designer lacks is refused before any call; and that without design the client refuses
 * by the provider's name. Each test gets a fresh provider and closes it.
 */
public abstract class VoiceDesignContract {
  /** A description and a preview text long enough (about 6 s of speech) for any designer. */
  protected static final String DESCRIPTION = "A warm, low voice of an old sailor, gravelly and slow.";
  protected static final String PREVIEW_TEXT =
      "The sea was calm that night. The old ship creaked in the harbour, and nobody slept.";
  private static final String OTHER_DESCRIPTION = "A bright, quick and cheerful young voice, high and clear.";
  private static final String LONG_TEXT = ("Once upon a time, a sailor lived by the sea. Every morning he "
      + "walked to the harbour, looked at the sky and decided whether the boats could go out. ").repeat(4);

  private TtsProvider provider;

  /** A new provider that designs voices; each test closes the one it gets. */
  protected abstract TtsProvider createProvider();

  /** A new provider of the same kind configured without voice design. */
  protected abstract TtsProvider createProviderWithoutDesign();

  @BeforeEach
  void openProvider() {
    provider = createProvider();
  }

  @AfterEach
  void closeProvider() {
    provider.close();
  }

  @Test
  void advertisesDesignWithItsDefaultLanguage() {
    VoiceDesigner designer = provider.voiceDesigner().orElseThrow(
        () -> new AssertionError("createProvider() must return a provider that designs voices"));
    assertTrue(designer.languages().contains(Language.ENGLISH), "no English: " + designer.languages());
  }

  @Test
  void designGivesAnAudiblePreviewWavAndAVoiceMadeOfIt() {
    DesignedVoice designed = design(provider, DESCRIPTION);

    byte[] wav = designed.previewWav();
    assertEquals("RIFF", new String(wav, 0, 4, StandardCharsets.US_ASCII));
    assertEquals("WAVE", new String(wav, 8, 4, StandardCharsets.US_ASCII));
    PcmAudio parsed = Wav.read(wav);
    assertEquals(designed.preview(), parsed);
    assertTrue(parsed.durationSeconds() >= DesignedVoice.MIN_PREVIEW_SECONDS, parsed.durationSeconds() + " s");
    assertTrue(maxAmplitude(parsed) > 100, "only silence");

    Voice voice = designed.voice();
    assertEquals("Sailor", voice.name());
    assertEquals(Optional.of(PREVIEW_TEXT), voice.transcript());
    assertEquals(Language.ENGLISH, voice.language());
    assertArrayEquals(wav, voice.reference().bytes());
  }

  @Test
  void theDesignedVoiceSpeaksLongTextAlsoWhenRebuiltFromItsPreview() {
    DesignedVoice designed = design(provider, DESCRIPTION);
    Voice stored = Voice.builder()
        .name(designed.voice().name())
        .reference(ReferenceAudio.ofDesignedPreview(designed.previewWav()))
        .transcript(designed.voice().transcript().orElseThrow())
        .language(designed.voice().language())
        .build();
    assertEquals(designed.voice().reference().sha256(), stored.reference().sha256());

    try (Utter utter = Utter.builder().provider(provider).build()) {
      for (Voice voice : List.of(designed.voice(), stored)) {
        Speech speech = utter.generate(GenerationRequest.builder(voice, LONG_TEXT).build());
        assertEquals(provider.capabilities().sampleRate(), speech.sampleRate());
        assertTrue(speech.duration().toMillis() > designed.duration().toMillis() * 3,
            "long text spoke only " + speech.duration());
      }
    }
  }

  @Test
  void differentDescriptionsGiveDifferentPreviews() {
    DesignedVoice one = design(provider, DESCRIPTION);
    DesignedVoice other = design(provider, OTHER_DESCRIPTION);

    assertFalse(Arrays.equals(one.previewWav(), other.previewWav()), "the same preview for two descriptions");
    assertNotEquals(one.voice().reference().sha256(), other.voice().reference().sha256());
  }

  @Test
  void aLanguageTheDesignerLacksIsRefusedBeforeAnyCall() {
    Set<Language> languages = provider.voiceDesigner().orElseThrow().languages();
    Optional<Language> lacking = Arrays.stream(Language.values()).filter(l -> !languages.contains(l)).findFirst();
    assumeTrue(lacking.isPresent(), "the designer speaks every language");
    CountingDesigns counting = new CountingDesigns(provider);
    try (Utter utter = Utter.builder().provider(counting).build()) {
      InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> utter.design(
          DesignRequest.builder(DESCRIPTION, PREVIEW_TEXT).language(lacking.get()).build()));
      assertTrue(e.getMessage().startsWith("Unsupported language: " + lacking.get().wireName()), e.getMessage());
    }
    assertEquals(0, counting.designs.get());
  }

  @Test
  void withoutDesignTheClientRefusesByTheProvidersName() {
    try (TtsProvider plain = createProviderWithoutDesign();
         Utter utter = Utter.builder().provider(plain).build()) {
      assertEquals(Optional.empty(), plain.voiceDesigner());
      assertFalse(utter.designsVoices());
      ConfigurationException e = assertThrows(ConfigurationException.class,
          () -> utter.design(DesignRequest.builder(DESCRIPTION, PREVIEW_TEXT).build()));
      assertTrue(e.getMessage().contains("'" + plain.id() + "'"), e.getMessage());
      assertEquals(Optional.of("voice_design_unsupported"), e.code());
    }
  }

  private static DesignedVoice design(TtsProvider target, String description) {
    try (Utter utter = Utter.builder().provider(target).build()) {
      return utter.design(DesignRequest.builder(description, PREVIEW_TEXT).voiceName("Sailor").seed(7).build());
    }
  }

  private static int maxAmplitude(PcmAudio audio) {
    int max = 0;
    for (int i = 0; i < audio.length(); i++) {
      max = Math.max(max, Math.abs(audio.sampleAt(i)));
    }
    return max;
  }

  /** Passes everything to a provider and counts the design calls that reach its designer. */
  private static final class CountingDesigns extends ForwardingTtsProvider {
    final AtomicInteger designs = new AtomicInteger();

    CountingDesigns(TtsProvider delegate) {
      super(delegate);
    }

    @Override
    public Optional<VoiceDesigner> voiceDesigner() {
      return delegate().voiceDesigner().map(designer -> new VoiceDesigner() {
        @Override
        public Set<Language> languages() {
          return designer.languages();
        }

        @Override
        public PcmAudio design(DesignRequest request) {
          designs.incrementAndGet();
          return designer.design(request);
        }
      });
    }
  }
}
