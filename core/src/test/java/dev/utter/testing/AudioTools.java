package dev.utter.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

import dev.utter.audio.PcmAudio;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The command-line tools that check encoded output from outside the SDK ({@code ffprobe}, {@code ffmpeg},
 * {@code sox}), and the signal measurements the checks compare with. A missing tool fails the test unless
 * {@code UTTER_SKIP_ENCODER_TESTS=true}, which skips it instead.
 */
public final class AudioTools {
  private AudioTools() {}

  /** What ffprobe says of a file's first audio stream. */
  public record Probe(String codec, int sampleRate, int channels, double durationSeconds) {}

  /**
   * Runs a tool and returns its standard output; fails the test when it is missing, fails, hangs or (with
   * {@code -v error}, as every call here passes) reports any error.
   */
  public static byte[] run(String... command) throws IOException, InterruptedException {
    return run(line -> false, command);
  }

  /** As {@link #run(String...)}, tolerating the standard-error lines {@code tolerated} accepts. */
  public static byte[] run(Predicate<String> tolerated, String... command) throws IOException, InterruptedException {
    Path errors = Files.createTempFile("utter-tool", ".err");
    try {
      Process process;
      try {
        process = new ProcessBuilder(List.of(command)).redirectError(errors.toFile()).start();
      } catch (IOException e) {
        if ("true".equals(System.getenv("UTTER_SKIP_ENCODER_TESTS"))) {
          abort(command[0] + " is not installed and UTTER_SKIP_ENCODER_TESTS=true");
        }
        return fail(command[0] + " is required (apt-get install ffmpeg sox) or set UTTER_SKIP_ENCODER_TESTS=true", e);
      }
      byte[] out = process.getInputStream().readAllBytes();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return fail(String.join(" ", command) + " did not end");
      }
      String stderr = Files.readString(errors).lines().filter(tolerated.negate())
          .collect(Collectors.joining("\n")).strip();
      if (process.exitValue() != 0 || !stderr.isEmpty()) {
        return fail(String.join(" ", command) + " exited with " + process.exitValue() + ": " + stderr);
      }
      return out;
    } finally {
      Files.deleteIfExists(errors);
    }
  }

  /** ffprobe's codec, rate, channels and duration of {@code file}. */
  public static Probe probe(Path file) throws IOException, InterruptedException {
    String out = new String(run("ffprobe", "-v", "error", "-select_streams", "a:0", "-show_entries",
        "stream=codec_name,sample_rate,channels:format=duration", "-of", "default=noprint_wrappers=1",
        file.toString()), StandardCharsets.UTF_8);
    Map<String, String> fields = new HashMap<>();
    out.lines().map(l -> l.split("=", 2)).filter(kv -> kv.length == 2).forEach(kv -> fields.put(kv[0], kv[1]));
    return new Probe(fields.get("codec_name"), Integer.parseInt(fields.get("sample_rate")),
        Integer.parseInt(fields.get("channels")), Double.parseDouble(fields.get("duration")));
  }

  /**
   * Decodes {@code file} with ffmpeg into mono 16-bit PCM at {@code sampleRate}, failing on any decoding
   * error ({@code -xerror}).
   */
  public static PcmAudio decode(Path file, int sampleRate) throws IOException, InterruptedException {
    return pcm(sampleRate, run("ffmpeg", "-v", "error", "-xerror", "-i", file.toString(), "-f", "s16le", "-ac", "1",
        "-ar", Integer.toString(sampleRate), "-"));
  }

  /**
   * Decodes a streamed WAV file, whose header declares an open-ended length: ffmpeg then flags the short
   * last read as a "corrupt input packet", which is tolerated; any other error fails.
   */
  public static PcmAudio decodeStreamedWav(Path file, int sampleRate) throws IOException, InterruptedException {
    return pcm(sampleRate, run(line -> line.endsWith("corrupt input packet in stream 0"), "ffmpeg", "-v", "error",
        "-i", file.toString(), "-f", "s16le", "-ac", "1", "-ar", Integer.toString(sampleRate), "-"));
  }

  /** Raw s16le bytes as audio. */
  public static PcmAudio pcm(int sampleRate, byte[] raw) {
    short[] samples = new short[raw.length / 2];
    ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(samples);
    return PcmAudio.of(sampleRate, samples);
  }

  /**
   * The signal-to-noise ratio in dB of {@code actual} against {@code reference}, over the samples both
   * have, after shifting {@code actual} by the lag (within ±{@code maxLag} samples) that aligns them best.
   */
  public static double snrDb(PcmAudio reference, PcmAudio actual, int maxLag) {
    int n = Math.min(reference.length(), actual.length());
    double best = Double.NEGATIVE_INFINITY;
    for (int lag = -maxLag; lag <= maxLag; lag++) {
      double signal = 0;
      double noise = 0;
      for (int i = Math.max(0, -lag); i < n && i + lag < actual.length(); i++) {
        double r = reference.sampleAt(i);
        double e = actual.sampleAt(i + lag) - r;
        signal += r * r;
        noise += e * e;
      }
      best = Math.max(best, 10 * Math.log10(signal / Math.max(noise, 1e-9)));
    }
    return best;
  }
}
