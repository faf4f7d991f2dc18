package dev.utter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.utter.testing.TestAudio;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VoiceTest {
  private static final byte[] REFERENCE = TestAudio.speechLikeWav(10.5, 8_000);

  @Test
  void buildsWithDefaults() {
    Voice voice = Voice.builder().name(" Ada ").reference(REFERENCE).build();
    assertEquals("Ada", voice.name());
    assertEquals(Language.AUTO, voice.language());
    assertEquals(Optional.empty(), voice.transcript());
    assertEquals(36, voice.id().length());
    assertNotEquals(voice.id(), Voice.builder().name("Ada").reference(REFERENCE).build().id());
  }

  @Test
  void toBuilderKeepsEveryValue() {
    Voice voice = Voice.builder().id("v1").name("Ada").reference(REFERENCE).transcript(TestAudio.TRANSCRIPT)
        .language(Language.FRENCH).createdAt(Instant.EPOCH).build();
    Voice copy = voice.toBuilder().build();
    assertEquals("v1", copy.id());
    assertEquals("Ada", copy.name());
    assertEquals(Optional.of(TestAudio.TRANSCRIPT), copy.transcript());
    assertEquals(Language.FRENCH, copy.language());
    assertEquals(Instant.EPOCH, copy.createdAt());
    assertEquals(voice.reference().sha256(), copy.reference().sha256());
  }

  @Test
  void readsTheReferenceFromAFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("ada.wav");
    Files.write(file, REFERENCE);
    Voice voice = Voice.builder().name("Ada").reference(file).build();
    assertEquals(REFERENCE.length, voice.reference().size());
  }

  @Test
  void invalidNameIsRejected() {
    InvalidRequestException e = assertThrows(InvalidRequestException.class,
        () -> Voice.builder().name("").reference(REFERENCE).build());
    assertEquals("Name must be 1-100 characters", e.getMessage());
  }

  @Test
  void shortTranscriptIsRejected() {
    InvalidRequestException e = assertThrows(InvalidRequestException.class,
        () -> Voice.builder().name("Ada").reference(REFERENCE).transcript("too short").build());
    assertEquals("Transcript must be at least 10 characters", e.getMessage());
  }

  @Test
  void shortReferenceIsRejected() {
    InvalidRequestException e = assertThrows(InvalidRequestException.class,
        () -> Voice.builder().name("Ada").reference(TestAudio.speechLikeWav(3, 8_000)));
    assertEquals("Audio too short. Min: 10s", e.getMessage());
  }

  @Test
  void referenceIsRequired() {
    assertThrows(NullPointerException.class, () -> Voice.builder().name("Ada").build());
  }
}
