package dev.utter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.utter.spi.ProviderOptions;
import dev.utter.testing.TestAudio;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class GenerationRequestTest {
  private static final Voice VOICE = TestAudio.voice(TestAudio.TRANSCRIPT).toBuilder()
      .language(Language.GERMAN).build();

  @Test
  void defaultsFollowTheVoice() {
    GenerationRequest request = GenerationRequest.builder(VOICE, "  Hallo!  ").build();
    assertEquals("Hallo!", request.text());
    assertEquals(Optional.empty(), request.language());
    assertEquals(Language.GERMAN, request.resolvedLanguage());
    assertEquals(OutputFormat.WAV, request.outputFormat());
    assertEquals(OptionalLong.empty(), request.seed());
    assertEquals(Optional.empty(), request.providerOptions());
    assertEquals(ProgressListener.NONE, request.progressListener());
  }

  @Test
  void requestLanguageOverridesTheVoice() {
    GenerationRequest request = GenerationRequest.builder(VOICE, "Hello").language(Language.ENGLISH).build();
    assertEquals(Language.ENGLISH, request.resolvedLanguage());
  }

  @Test
  void keepsSeedAndOptions() {
    ProviderOptions options = new ProviderOptions() {};
    GenerationRequest request = GenerationRequest.builder(VOICE, "Hello").seed(42).providerOptions(options).build();
    assertEquals(OptionalLong.of(42), request.seed());
    assertEquals(Optional.of(options), request.providerOptions());
  }

  @Test
  void blankOrOverlongTextIsRejected() {
    assertEquals("Text must be 1-5000 characters",
        assertThrows(InvalidRequestException.class, () -> GenerationRequest.builder(VOICE, " ").build()).getMessage());
    assertThrows(InvalidRequestException.class, () -> GenerationRequest.builder(VOICE, "x".repeat(5001)).build());
  }

  @Test
  void voiceAndTextAreRequired() {
    assertThrows(NullPointerException.class, () -> GenerationRequest.builder(null, "Hello"));
    assertThrows(NullPointerException.class, () -> GenerationRequest.builder(VOICE, null));
  }
}
