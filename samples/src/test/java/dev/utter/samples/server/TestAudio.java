package dev.utter.samples.server;

import dev.utter.audio.PcmAudio;
import dev.utter.audio.Wav;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reference recordings made by the tests: a gliding 150 Hz tone, mono PCM16 at 16 kHz. */
final class TestAudio {
  private static final int RATE = 16_000;

  private TestAudio() {}

  static byte[] wav(double seconds) {
    short[] samples = new short[(int) (seconds * RATE)];
    for (int i = 0; i < samples.length; i++) {
      double t = (double) i / RATE;
      samples[i] = (short) (8000 * Math.sin(2 * Math.PI * (150 + 10 * Math.sin(t)) * t));
    }
    return Wav.write(PcmAudio.of(RATE, samples));
  }

  static Path writeWav(Path dir, String name, double seconds) {
    try {
      return Files.write(dir.resolve(name), wav(seconds));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
