package dev.utter.provider.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

import dev.utter.GenerationRequest;
import dev.utter.Speech;
import dev.utter.Utter;
import dev.utter.Voice;
import dev.utter.testing.TestAudio;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's quick start, run as written, with the file it writes checked by ffprobe. */
class QuickStartTest {
  @TempDir Path dir;

  @Test
  void readmeQuickStartWritesAWavThatFfprobeReadsAtTheSpeechDuration() throws Exception {
    Path ada = dir.resolve("ada.wav");
    Path hello = dir.resolve("hello.wav");
    Files.write(ada, TestAudio.speechLikeWav(12, 24_000));

    // The README quick start, with its two files in a temporary folder.
    Voice voice = Voice.builder()
        .name("Ada")
        .reference(ada)
        .transcript("Hello, this is my voice sample for testing.")
        .build();
    Speech speech;
    try (Utter utter = Utter.builder().provider("mock").build()) {
      speech = utter.generate(GenerationRequest.builder(voice, "Hello from utter!").build());
      speech.writeTo(hello);
    }

    double probed = ffprobeDurationSeconds(hello);
    double expected = speech.duration().toNanos() / 1e9;
    assertEquals(expected, probed, 0.001, "ffprobe duration vs Speech.duration()");
  }

  private static double ffprobeDurationSeconds(Path file) throws IOException, InterruptedException {
    Process process;
    try {
      process = new ProcessBuilder("ffprobe", "-v", "error", "-show_entries", "format=duration",
          "-of", "csv=p=0", file.toString()).redirectErrorStream(true).start();
    } catch (IOException e) {
      if ("true".equals(System.getenv("UTTER_SKIP_ENCODER_TESTS"))) {
        abort("ffprobe is not installed and UTTER_SKIP_ENCODER_TESTS=true");
      }
      return fail("ffprobe is required (install ffmpeg) or set UTTER_SKIP_ENCODER_TESTS=true", e);
    }
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
      return fail("ffprobe failed: " + out);
    }
    return Double.parseDouble(out);
  }
}
