package dev.utter.samples.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** What ffprobe reads in an audio file: codec, rate, channels, container and duration. */
final class FfProbe {
  private FfProbe() {}

  /** {@code bytes} written to a file in {@code dir} named for {@code format}, then {@link #probe(Path)}d. */
  static Map<String, String> probe(Path dir, byte[] bytes, String format) throws IOException, InterruptedException {
    return probe(Files.write(Files.createTempFile(dir, "speech-", "." + format), bytes));
  }

  /**
   * ffprobe's {@code codec_name}, {@code sample_rate}, {@code channels}, {@code format_name} and
   * {@code duration} for {@code file}; a {@code .pcm} file is read as 24 kHz s16le mono. Fails when
   * ffprobe cannot read it.
   */
  static Map<String, String> probe(Path file) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("ffprobe", "-v", "error"));
    if (file.toString().endsWith(".pcm")) {
      command.addAll(List.of("-f", "s16le", "-sample_rate", "24000", "-ch_layout", "mono"));
    }
    command.addAll(List.of("-show_entries", "stream=codec_name,sample_rate,channels:format=format_name,duration",
        "-of", "default=noprint_wrappers=1", file.toString()));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(30, TimeUnit.SECONDS), "ffprobe finishes");
    assertEquals(0, process.exitValue(), out);
    Map<String, String> fields = new LinkedHashMap<>();
    for (String line : out.split("\n")) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        fields.put(line.substring(0, eq), line.substring(eq + 1).strip());
      }
    }
    return fields;
  }
}
