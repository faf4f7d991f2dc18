package dev.utter.benchmarks;

import dev.utter.audio.PcmAudio;
import dev.utter.audio.Wav;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Makes the 300 s MP3 the probe benchmark reads, with Debian's {@code lame}, and times {@code ffprobe} on it. */
final class Mp3Fixture {
  private Mp3Fixture() {}

  static Path make300SecondMp3(Path dir) throws IOException, InterruptedException {
    int rate = 24_000;
    short[] samples = new short[rate * 300];
    for (int i = 0; i < samples.length; i++) {
      samples[i] = (short) (5000 * Math.sin(2 * Math.PI * 200 * i / rate) * (0.6 + 0.4 * Math.sin(i / 4000.0)));
    }
    Path wav = dir.resolve("probe-300s.wav");
    Path mp3 = dir.resolve("probe-300s.mp3");
    Files.write(wav, Wav.write(PcmAudio.of(rate, samples)));
    run(List.of("lame", "--quiet", "-V", "4", wav.toString(), mp3.toString()));
    Files.delete(wav);
    return mp3;
  }

  /** The wall times of five {@code ffprobe} runs reading the duration, in microseconds. */
  static Spread ffprobeMicros(Path mp3) throws IOException, InterruptedException {
    double[] micros = new double[LongTextBenchmark.ROUNDS];
    for (int i = 0; i < micros.length; i++) {
      long start = System.nanoTime();
      run(List.of("ffprobe", "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", mp3.toString()));
      micros[i] = (System.nanoTime() - start) / 1000.0;
    }
    return Spread.of(micros);
  }

  private static void run(List<String> command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    if (process.waitFor() != 0) {
      throw new IOException(String.join(" ", command) + " failed with exit code " + process.exitValue()
          + " (install it: apt-get install -y lame ffmpeg)");
    }
  }
}
