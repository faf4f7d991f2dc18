package dev.utter.internal.generation;

import dev.utter.OutputFormat;
import dev.utter.Speech;
import dev.utter.SpeechFile;
import dev.utter.audio.PcmAudio;
import dev.utter.audio.WavStreamWriter;
import dev.utter.internal.io.AtomicFiles;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** The ways a {@link Generation} is consumed whole: into memory, or into a file. */
public final class Outputs {
  private Outputs() {}

  /** Runs {@code generation} and keeps all of its audio in memory. */
  public static Speech toSpeech(Generation generation, String providerId) {
    short[][] buffer = {new short[0]};
    int[] length = {0};
    generation.run((index, total, text, audio) -> {
      if (length[0] + audio.length() > buffer[0].length) {
        buffer[0] = Arrays.copyOf(buffer[0], Math.max(length[0] + audio.length(), buffer[0].length * 2));
      }
      audio.copySamples(buffer[0], length[0]);
      length[0] += audio.length();
    });
    PcmAudio audio = PcmAudio.of(generation.sampleRate(), Arrays.copyOf(buffer[0], length[0]));
    return new Speech(audio, providerId, generation.timings(), generation.elapsed());
  }

  /**
   * Runs {@code generation} straight into a file in {@code format}, holding only the scheduler's window
   * in memory. The file appears complete or not at all.
   */
  public static SpeechFile toFile(Generation generation, String providerId, Path target, OutputFormat format) {
    long samples = AtomicFiles.write(target, temp -> format == OutputFormat.WAV ? writeWav(generation, temp)
        : writePcm(generation, temp));
    double seconds = samples / (double) generation.sampleRate();
    return new SpeechFile(target, generation.sampleRate(),
        java.time.Duration.ofNanos(Math.round(seconds * 1_000_000.0) * 1_000L), providerId,
        generation.timings(), generation.elapsed());
  }

  private static long writeWav(Generation generation, Path file) throws IOException {
    try (WavStreamWriter writer = WavStreamWriter.toFile(file, generation.sampleRate())) {
      generation.run((index, total, text, audio) -> writer.write(audio));
      return writer.samplesWritten();
    }
  }

  private static long writePcm(Generation generation, Path file) throws IOException {
    long[] samples = {0};
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 64 * 1024)) {
      generation.run((index, total, text, audio) -> {
        out.write(audio.toPcmBytes());
        samples[0] += audio.length();
      });
    }
    return samples[0];
  }
}
