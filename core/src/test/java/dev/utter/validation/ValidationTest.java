package dev.utter.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.utter.InvalidRequestException;
import dev.utter.audio.AudioFormat;
import dev.utter.testing.TestAudio;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class ValidationTest {
  @Test
  void nameIsTrimmed() {
    assertEquals("Ada", Validation.name("  Ada "));
  }

  @Test
  void blankNameIsRejected() {
    assertRejected("Name must be 1-100 characters", "invalid_name", () -> Validation.name("   "));
    assertRejected("Name must be 1-100 characters", "invalid_name", () -> Validation.name(null));
  }

  @Test
  void nameOverOneHundredCharactersIsRejected() {
    assertEquals(100, Validation.name("n".repeat(100)).length());
    assertRejected("Name must be 1-100 characters", "invalid_name", () -> Validation.name("n".repeat(101)));
  }

  @Test
  void transcriptUnderTenCharactersIsRejected() {
    assertEquals("0123456789", Validation.transcript(" 0123456789 "));
    assertRejected("Transcript must be at least 10 characters", "invalid_transcript",
        () -> Validation.transcript(" 012345678 "));
  }

  @Test
  void missingTranscriptIsRejected() {
    Validation.transcriptPresent("Some transcript.");
    assertRejected("Voice is missing reference transcript. Please re-create the voice with a transcript.",
        "missing_transcript", () -> Validation.transcriptPresent(null));
  }

  @Test
  void textMustHaveOneToFiveThousandCharacters() {
    assertEquals("Hi", Validation.text("  Hi \n"));
    assertEquals(5000, Validation.text("t".repeat(5000)).length());
    assertRejected("Text must be 1-5000 characters", "invalid_text", () -> Validation.text(" \t "));
    assertRejected("Text must be 1-5000 characters", "invalid_text", () -> Validation.text("t".repeat(5001)));
  }

  @Test
  void referenceUnderTenSecondsIsTooShort() {
    assertRejected("Audio too short. Min: 10s", "audio_too_short",
        () -> Validation.referenceAudio(TestAudio.speechLikeWav(9.5, 8_000)));
  }

  @Test
  void referenceOverThreeHundredSecondsIsTooLong() {
    assertRejected("Audio too long. Max: 300s", "audio_too_long",
        () -> Validation.referenceAudio(TestAudio.speechLikeWav(301, 4_000)));
  }

  @Test
  void referenceWithinTheLimitsIsAccepted() {
    assertEquals(AudioFormat.WAV, Validation.referenceAudio(TestAudio.speechLikeWav(10, 8_000)).format());
    Validation.referenceDuration(300);
  }

  @Test
  void referenceOverFiftyMegabytesIsTooLarge() {
    Validation.referenceSize(Validation.MAX_REFERENCE_BYTES);
    assertRejected("File too large. Max: 50MB", "file_too_large",
        () -> Validation.referenceSize(Validation.MAX_REFERENCE_BYTES + 1));
  }

  @Test
  void referenceThatIsNotAudioIsAnInvalidFileType() {
    InvalidRequestException e = assertThrows(InvalidRequestException.class,
        () -> Validation.referenceAudio("plain text, not audio".getBytes(StandardCharsets.US_ASCII)));
    assertTrue(e.getMessage().startsWith("Invalid file type. Allowed: .wav, .mp3, .m4a"), e.getMessage());
    assertEquals(Optional.of("invalid_file_type"), e.code());
  }

  @Test
  void fileNameMustEndInAnAllowedExtension() {
    Validation.referenceFileName("voice.WAV");
    Validation.referenceFileName("voice.mp3");
    Validation.referenceFileName("voice.m4a");
    assertRejected("Invalid file type. Allowed: .wav, .mp3, .m4a", "invalid_file_type",
        () -> Validation.referenceFileName("voice.ogg"));
  }

  private static void assertRejected(String message, String code, Executable check) {
    InvalidRequestException e = assertThrows(InvalidRequestException.class, check);
    assertEquals(message, e.getMessage());
    assertEquals(Optional.of(code), e.code());
    assertEquals(0, e.status());
  }
}
