package dev.utter.audio;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs Debian's audio tools (sox, lame, ffmpeg, ffprobe) for tests that check the toolkit against them.
 * A missing tool fails the test with how to install it, unless {@code UTTER_SKIP_ENCODER_TESTS=true}.
 */
final class Encoders {
  private Encoders() {}

  static void require(String... tools) {
    for (String tool : tools) {
      if (!onPath(tool)) {
        Assumptions.assumeFalse("true".equals(System.getenv("UTTER_SKIP_ENCODER_TESTS")),
            tool + " missing and UTTER_SKIP_ENCODER_TESTS=true");
        fail(tool + " is not installed: apt-get install -y sox lame ffmpeg (scripts/test.sh does this)");
      }
    }
  }

  private static boolean onPath(String tool) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (Path.of(dir, tool).toFile().canExecute()) {
        return true;
      }
    }
    return false;
  }

  /** Runs {@code command}; fails the test with its output when it exits non-zero. Returns stdout. */
  static String run(List<String> command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (process.waitFor() != 0) {
        fail(String.join(" ", command) + " failed:\n" + out);
      }
      return out;
    } catch (IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** The duration ffprobe reads from the container, in seconds. */
  static double ffprobeDuration(Path file) {
    String out = run(List.of("ffprobe", "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0",
        file.toString())).strip();
    return Double.parseDouble(out.lines().reduce((a, b) -> b).orElseThrow());
  }

  /**
   * The duration of an MP3 file as the number of frames ffprobe counts reading all of it, times the
   * samples per frame (1152 for MPEG 1 at 32 kHz and above, else 576).
   */
  static double ffprobeFrameCountDuration(Path file) {
    String out = run(List.of("ffprobe", "-v", "error", "-select_streams", "a:0", "-count_packets", "-show_entries",
        "stream=nb_read_packets,sample_rate", "-of", "default=nw=1", file.toString()));
    int rate = Integer.parseInt(field(out, "sample_rate"));
    long frames = Long.parseLong(field(out, "nb_read_packets"));
    return frames * (rate >= 32000 ? 1152 : 576) / (double) rate;
  }

  private static String field(String ffprobeOutput, String key) {
    return ffprobeOutput.lines().filter(line -> line.startsWith(key + "=")).findFirst()
        .orElseThrow(() -> new AssertionError("ffprobe printed no " + key + ":\n" + ffprobeOutput))
        .substring(key.length() + 1).strip();
  }
}
