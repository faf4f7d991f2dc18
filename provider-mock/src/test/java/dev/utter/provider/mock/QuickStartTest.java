package dev.utter.provider.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

import dev.utter.testing.TestAudio;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@link QuickStart}, the README's quick start, as a user would: in its own JVM, in a folder
 * holding {@code ada.wav}. The WAV it writes is then read by ffprobe and soxi, whose durations must
 * match the printed {@code Speech} duration within 1 ms. Without ffprobe or soxi the test fails,
 * unless {@code UTTER_SKIP_ENCODER_TESTS=true}.
 */
class QuickStartTest {
  private static final String PRINTED = "Wrote hello.wav: ";
  private static final double ONE_MILLISECOND = 0.001;

  @TempDir Path dir;
  private Duration printed;

  @BeforeEach
  void runQuickStart() throws IOException, InterruptedException {
    Files.write(dir.resolve("ada.wav"), TestAudio.speechLikeWav(12, 24_000));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        QuickStart.class.getName())
        .directory(dir.toFile())
        .redirectErrorStream(true)
        .start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "quick start did not end");
    assertEquals(0, process.exitValue(), out);
    String line = out.lines().filter(l -> l.startsWith(PRINTED)).findFirst()
        .orElseThrow(() -> new AssertionError("no duration printed: " + out));
    printed = Duration.parse(line.substring(PRINTED.length()));
  }

  @Test
  void writesAWavThatFfprobeReadsAtTheSpeechDuration() throws Exception {
    String probed = tool("ffprobe", "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0",
        dir.resolve("hello.wav").toString());
    assertEquals(seconds(printed), Double.parseDouble(probed), ONE_MILLISECOND, "ffprobe vs Speech.duration()");
  }

  @Test
  void writesAWavThatSoxiReadsAtTheSpeechDuration() throws Exception {
    String probed = tool("soxi", "-D", dir.resolve("hello.wav").toString());
    assertEquals(seconds(printed), Double.parseDouble(probed), ONE_MILLISECOND, "soxi vs Speech.duration()");
  }

  private static double seconds(Duration duration) {
    return duration.toNanos() / 1e9;
  }

  /** The trimmed standard output of a command-line audio tool; fails when the tool is missing or fails. */
  private static String tool(String... command) throws IOException, InterruptedException {
    Process process;
    try {
      process = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
    } catch (IOException e) {
      if ("true".equals(System.getenv("UTTER_SKIP_ENCODER_TESTS"))) {
        abort(command[0] + " is not installed and UTTER_SKIP_ENCODER_TESTS=true");
      }
      return fail(command[0] + " is required (apt-get install ffmpeg sox) or set UTTER_SKIP_ENCODER_TESTS=true", e);
    }
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
      return fail(command[0] + " failed: " + out);
    }
    return out;
  }
}
