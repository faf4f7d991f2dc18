package dev.utter.samples.recipes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.utter.audio.AudioFormat;
import dev.utter.audio.AudioInfo;
import dev.utter.audio.AudioProbe;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each recipe runs on the mock provider and writes playable WAV files. */
class RecipesTest {
  @TempDir Path dir;

  @Test
  void cloneAndGenerateWritesSpeech() throws Exception {
    Path out = dir.resolve("hello.wav");
    CloneAndGenerate.main(new String[] {tone(), RecipeSupport.DEFAULT_TRANSCRIPT, out.toString()});
    assertSpeech(out, 2);
  }

  @Test
  void streamLongTextWritesTheWholeText() throws Exception {
    Path out = dir.resolve("long.wav");
    StreamLongText.main(new String[] {tone(), RecipeSupport.DEFAULT_TRANSCRIPT, out.toString()});
    assertSpeech(out, 60);
  }

  @Test
  void batchWritesOneFilePerText() throws Exception {
    Batch.main(new String[] {tone(), RecipeSupport.DEFAULT_TRANSCRIPT, dir.resolve("batch").toString()});
    for (int i = 1; i <= 3; i++) {
      assertSpeech(dir.resolve("batch/batch-" + i + ".wav"), 0.5);
    }
  }

  @Test
  void speakInFormatsWritesAnMp3AndEightKilohertzUlaw() throws Exception {
    SpeakInFormats.main(new String[] {tone(), RecipeSupport.DEFAULT_TRANSCRIPT, dir.toString()});
    AudioInfo mp3 = AudioProbe.probe(dir.resolve("web.mp3"));
    assertEquals(AudioFormat.MP3, mp3.format());
    assertTrue(mp3.durationSeconds() > 2, "web.mp3: " + mp3.durationSeconds() + " s");
    double ulawSeconds = java.nio.file.Files.size(dir.resolve("phone.ulaw")) / 8000.0;
    assertEquals(mp3.durationSeconds(), ulawSeconds, 0.1);
  }

  @Test
  void withoutAReferenceARecipeMakesItsOwnTone() throws Exception {
    assertEquals(12.0, RecipeSupport.voice(null, null).reference().duration().toMillis() / 1000.0, 0.01);
  }

  private String tone() throws Exception {
    short[] samples = new short[12 * 16_000];
    for (int i = 0; i < samples.length; i++) {
      samples[i] = (short) (5000 * Math.sin(i / 20.0));
    }
    Path file = dir.resolve("reference.wav");
    java.nio.file.Files.write(file, dev.utter.audio.Wav.write(dev.utter.audio.PcmAudio.of(16_000, samples)));
    return file.toString();
  }

  private static void assertSpeech(Path file, double minSeconds) {
    AudioInfo info = AudioProbe.probe(file);
    assertEquals(AudioFormat.WAV, info.format());
    assertTrue(info.durationSeconds() > minSeconds, file + ": " + info.durationSeconds() + " s");
  }
}
