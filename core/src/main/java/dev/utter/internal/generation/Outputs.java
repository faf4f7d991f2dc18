package dev.utter.internal.generation;

import dev.utter.OutputFormat;
import dev.utter.Speech;
import dev.utter.SpeechFile;
import dev.utter.audio.EncodingWriter;
import dev.utter.audio.PcmAudio;
import dev.utter.internal.io.AtomicFiles;
import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

/** The ways a {@link Generation} is consumed whole: into memory, or into a file. */
public final class Outputs {
  private Outputs() {}

  /** Runs {@code generation} and keeps all of its audio in memory, to be delivered in {@code format}. */
  public static Speech toSpeech(Generation generation, String providerId, OutputFormat format) {
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
    return new Speech(audio, format, providerId, generation.timings(), generation.elapsed());
  }

  /**
   * Runs {@code generation} straight into a file in {@code format}, resampling and encoding chunk by
   * chunk, holding only the scheduler's window in memory. The file appears complete or not at all.
   */
  public static SpeechFile toFile(Generation generation, String providerId, Path target, OutputFormat format) {
    EncodingWriter writer = AtomicFiles.write(target, temp -> writeFile(generation, temp, format));
    long nanos = Math.round(writer.samplesEncoded() * 1_000_000.0 / writer.sampleRate()) * 1_000L;
    return new SpeechFile(target, writer.format(), writer.sampleRate(), Duration.ofNanos(nanos), providerId,
        generation.timings(), generation.elapsed());
  }

  private static EncodingWriter writeFile(Generation generation, Path file, OutputFormat format)
      throws IOException {
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      OutputStream out = new BufferedOutputStream(new FileOutputStream(raf.getFD()), 64 * 1024);
      EncodingWriter writer = EncodingWriter.open(format, generation.sampleRate(), out);
      generation.run((index, total, text, audio) -> writer.write(audio));
      writer.finish();
      out.flush();
      byte[] header = writer.finalHeader();
      if (header.length > 0) {
        raf.seek(0);
        raf.write(header);
      }
      return writer;
    }
  }
}
