package dev.utter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.utter.audio.AudioFormat;
import dev.utter.spi.ProviderCapabilities;
import dev.utter.testing.TestAudio;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/** The SDK's own rules for names, transcripts, text, reference audio and what a provider can serve. */
class InputRulesTest {
  private static final String NAME_CONTROL = "Name must not contain control characters such as tabs or line breaks";
  private static final String NAME_INVISIBLE =
      "Name must contain visible characters, not only spaces or zero-width and formatting characters";
  private static final String TEXT_CONTROL = "Text must not contain control characters other than tabs and line breaks";
  private static final String TEXT_INVISIBLE =
      "Text must contain visible characters, not only spaces or zero-width and formatting characters";
  private static final String TEXT_SURROGATE = "Text contains a lone surrogate: it is not valid Unicode text";
  private static final String EMOJI = "\uD83D\uDE00"; // U+1F600, two UTF-16 units

  @Test
  void nameIsTrimmed() {
    assertEquals("Ada", Voice.checkName("  Ada "));
  }

  @Test
  void blankNameIsRejected() {
    assertRejected("Name must be 1-100 characters", "invalid_name", () -> Voice.checkName("   "));
    assertRejected("Name must be 1-100 characters", "invalid_name", () -> Voice.checkName(null));
  }

  @Test
  void nameLengthCountsCodePoints() {
    assertEquals(100, Voice.checkName("n".repeat(100)).length());
    assertEquals(200, Voice.checkName(EMOJI.repeat(100)).length());
    assertRejected("Name must be 1-100 characters", "invalid_name", () -> Voice.checkName("n".repeat(101)));
    assertRejected("Name must be 1-100 characters", "invalid_name", () -> Voice.checkName(EMOJI.repeat(101)));
  }

  @Test
  void nameWithAControlCharacterIsRejected() {
    assertRejected(NAME_CONTROL, "invalid_name", () -> Voice.checkName("Ada\u0000"));
    assertRejected(NAME_CONTROL, "invalid_name", () -> Voice.checkName("Ada\nLovelace"));
    assertRejected(NAME_CONTROL, "invalid_name", () -> Voice.checkName("Ada\tL"));
    assertRejected(NAME_CONTROL, "invalid_name", () -> Voice.checkName("Ada\u007F"));
    assertRejected(NAME_CONTROL, "invalid_name", () -> Voice.checkName("Ada\u0085"));
  }

  @Test
  void nameOfOnlyZeroWidthOrFormatCharactersIsRejected() {
    assertRejected(NAME_INVISIBLE, "invalid_name", () -> Voice.checkName("\u200B\u200C\u200D"));
    assertRejected(NAME_INVISIBLE, "invalid_name", () -> Voice.checkName(" \uFEFF\u2060 \u00A0"));
    assertRejected(NAME_INVISIBLE, "invalid_name", () -> Voice.checkName("\u202E\u3164\uFE0F"));
    assertEquals("A\u200Bda", Voice.checkName("A\u200Bda"));
  }

  @Test
  void nameWithALoneSurrogateIsRejected() {
    assertRejected("Name contains a lone surrogate: it is not valid Unicode text", "invalid_name",
        () -> Voice.checkName("Ada\uD83D"));
    assertRejected("Name contains a lone surrogate: it is not valid Unicode text", "invalid_name",
        () -> Voice.checkName("\uDE00Ada"));
  }

  @Test
  void transcriptUnderTenCodePointsIsRejected() {
    assertEquals("0123456789", Voice.checkTranscript(" 0123456789 "));
    assertEquals(EMOJI.repeat(10), Voice.checkTranscript(EMOJI.repeat(10)));
    assertRejected("Transcript must be at least 10 characters", "invalid_transcript",
        () -> Voice.checkTranscript(" 012345678 "));
    assertRejected("Transcript must be at least 10 characters", "invalid_transcript",
        () -> Voice.checkTranscript("\u00E9".repeat(5) + EMOJI.repeat(2)));
  }

  @Test
  void transcriptKeepsLineBreaksButRefusesOtherControlsAndInvisibleContent() {
    assertEquals("Hello there,\nthis is me.", Voice.checkTranscript("Hello there,\nthis is me."));
    assertRejected("Transcript must not contain control characters other than tabs and line breaks",
        "invalid_transcript", () -> Voice.checkTranscript("Hello there\u0007 this is me."));
    assertRejected("Transcript must contain visible characters, not only spaces or zero-width and formatting "
        + "characters", "invalid_transcript", () -> Voice.checkTranscript("\u200B".repeat(12)));
    assertRejected("Transcript contains a lone surrogate: it is not valid Unicode text", "invalid_transcript",
        () -> Voice.checkTranscript("Hello there \uDC00 this is me."));
  }

  @Test
  void voiceBuilderAppliesTheNameRules() {
    InvalidRequestException e = assertThrows(InvalidRequestException.class,
        () -> Voice.builder().name("\u200B").reference(TestAudio.speechLikeWav(10.5, 8_000)).build());
    assertEquals(NAME_INVISIBLE, e.getMessage());
  }

  @Test
  void textMustHaveOneToFiveThousandCodePoints() {
    assertEquals("Hi", GenerationRequest.checkText("  Hi \n"));
    assertEquals(5000, GenerationRequest.checkText("t".repeat(5000)).length());
    assertRejected("Text must be 1-5000 characters", "invalid_text", () -> GenerationRequest.checkText(" \t "));
    assertRejected("Text must be 1-5000 characters", "invalid_text", () -> GenerationRequest.checkText(null));
    assertRejected("Text must be 1-5000 characters", "invalid_text",
        () -> GenerationRequest.checkText("t".repeat(5001)));
  }

  @Test
  void fourThousandEmojiAreUnderTheLimit() {
    assertEquals(8000, GenerationRequest.checkText(EMOJI.repeat(4000)).length());
    assertEquals(10_000, GenerationRequest.checkText(EMOJI.repeat(5000)).length());
    assertRejected("Text must be 1-5000 characters", "invalid_text",
        () -> GenerationRequest.checkText(EMOJI.repeat(5001)));
  }

  @Test
  void textKeepsTabsAndLineBreaksButRefusesOtherControls() {
    assertEquals("One.\r\n\tTwo.", GenerationRequest.checkText("One.\r\n\tTwo."));
    assertRejected(TEXT_CONTROL, "invalid_text", () -> GenerationRequest.checkText("One.\u0000Two."));
    assertRejected(TEXT_CONTROL, "invalid_text", () -> GenerationRequest.checkText("One.\u001BTwo."));
    assertRejected(TEXT_CONTROL, "invalid_text", () -> GenerationRequest.checkText("One.\u009BTwo."));
  }

  @Test
  void textOfOnlyFormatOrZeroWidthCharactersIsRejected() {
    assertRejected(TEXT_INVISIBLE, "invalid_text", () -> GenerationRequest.checkText("\u200B\u200B\u200B"));
    assertRejected(TEXT_INVISIBLE, "invalid_text", () -> GenerationRequest.checkText("\u2060\n\u00AD\u2063"));
    assertRejected(TEXT_INVISIBLE, "invalid_text", () -> GenerationRequest.checkText("\uDB40\uDC01"));
  }

  @Test
  void textWithALoneSurrogateIsRejected() {
    assertRejected(TEXT_SURROGATE, "invalid_text", () -> GenerationRequest.checkText("Hello \uD83D world"));
    assertRejected(TEXT_SURROGATE, "invalid_text", () -> GenerationRequest.checkText("Hello world\uD83D"));
    assertRejected(TEXT_SURROGATE, "invalid_text", () -> GenerationRequest.checkText("\uDE00"));
  }

  @Test
  void requestBuilderAppliesTheTextRules() {
    Voice voice = TestAudio.voice(TestAudio.TRANSCRIPT);
    InvalidRequestException e = assertThrows(InvalidRequestException.class,
        () -> GenerationRequest.builder(voice, "\u200B\u200D").build());
    assertEquals(TEXT_INVISIBLE, e.getMessage());
    assertEquals(EMOJI.repeat(4000), GenerationRequest.builder(voice, EMOJI.repeat(4000)).build().text());
  }

  @Test
  void referenceUnderTenSecondsIsTooShort() {
    assertRejected("Audio too short. Min: 10s", "audio_too_short",
        () -> ReferenceAudio.of(TestAudio.speechLikeWav(9.5, 8_000)));
  }

  @Test
  void referenceOverThreeHundredSecondsIsTooLong() {
    assertRejected("Audio too long. Max: 300s", "audio_too_long",
        () -> ReferenceAudio.of(TestAudio.speechLikeWav(301, 4_000)));
  }

  @Test
  void referenceWithinTheLimitsIsAccepted(@TempDir Path dir) throws Exception {
    byte[] wav = TestAudio.speechLikeWav(10, 8_000);
    assertEquals(AudioFormat.WAV, ReferenceAudio.of(wav).format());
    Path file = Files.write(dir.resolve("ref.wav"), wav);
    assertEquals(10.0, ReferenceAudio.check(file).durationSeconds(), 1e-9);
    ReferenceAudio.checkDuration(300);
  }

  @Test
  void referenceOverFiftyMegabytesIsTooLarge() {
    ReferenceAudio.checkSize(ReferenceAudio.MAX_BYTES);
    assertRejected("Reference audio too large: 52428801 bytes. Max: 50MB", "file_too_large",
        () -> ReferenceAudio.checkSize(ReferenceAudio.MAX_BYTES + 1));
  }

  @Test
  void referenceThatIsNotAudioIsRefusedWithWhatIsWrong() {
    assertRejected("Reference audio the SDK cannot read: Unrecognised audio: expected WAV, MP3 or M4A",
        ReferenceAudio.UNREADABLE, () -> ReferenceAudio.of("plain text, not audio".getBytes(StandardCharsets.US_ASCII)));
  }

  @Test
  void referenceWhoseHeaderClaimsMoreThanItsBytesIsMeasuredByItsBytes() {
    byte[] wav = TestAudio.speechLikeWav(12, 8_000);
    byte[] cut = java.util.Arrays.copyOf(wav, 44 + 8_000 * 2 * 5); // the header still says 12 s
    assertRejected("Audio too short. Min: 10s", "audio_too_short", () -> ReferenceAudio.of(cut));
  }

  @Test
  void unsupportedLanguageIsRejectedNamingTheSupportedOnes() {
    ProviderCapabilities caps = capabilities(false);
    caps.requireSupported(Language.ENGLISH);
    assertRejected("Unsupported language: German. Supported: Auto, English", "unsupported_language",
        () -> caps.requireSupported(Language.GERMAN));
    assertRejected("Unsupported language: German. Supported: Auto, English", "unsupported_language",
        () -> caps.requireServable(TestAudio.voice(null), Language.GERMAN));
  }

  @Test
  void providerThatNeedsATranscriptRefusesAVoiceWithoutOne() {
    capabilities(false).requireServable(TestAudio.voice(null), Language.ENGLISH);
    capabilities(true).requireServable(TestAudio.voice(TestAudio.TRANSCRIPT), Language.ENGLISH);
    assertRejected("Voice is missing reference transcript. Please re-create the voice with a transcript.",
        "missing_transcript", () -> capabilities(true).requireServable(TestAudio.voice(null), Language.ENGLISH));
  }

  private static ProviderCapabilities capabilities(boolean requiresTranscript) {
    return ProviderCapabilities.builder().requiresTranscript(requiresTranscript)
        .languages(EnumSet.of(Language.AUTO, Language.ENGLISH)).maxCharsPerCall(100).sampleRate(24_000).build();
  }

  private static void assertRejected(String message, String code, Executable check) {
    InvalidRequestException e = assertThrows(InvalidRequestException.class, check);
    assertEquals(message, e.getMessage());
    assertEquals(Optional.of(code), e.code());
    assertEquals(0, e.status());
    assertTrue(!e.retryable());
  }
}
