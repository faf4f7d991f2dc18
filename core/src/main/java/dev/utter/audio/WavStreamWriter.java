package dev.utter.audio;

import dev.utter.OutputFormat;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Writes a PCM16 mono WAV file piece by piece, holding nothing but a small buffer.
 *
 * <p>{@link #toFile} writes a placeholder header and fixes the sizes in {@link #close()}. {@link #toStream}
 * cannot seek back, so its header declares the largest size a WAV file can have; players and
 * {@code ffprobe} read such a stream to its end. The caller closes the writer; closing a stream writer
 * closes its stream. Not thread-safe.
 */
public final class WavStreamWriter implements Closeable {
  private final OutputStream out;
  private final RandomAccessFile file;
  private final int sampleRate;
  private final SampleEncoder encoder;
  private long samplesWritten;
  private boolean closed;

  private WavStreamWriter(OutputStream out, RandomAccessFile file, int sampleRate) throws IOException {
    this.out = out;
    this.file = file;
    this.sampleRate = sampleRate;
    this.encoder = SampleEncoder.open(OutputFormat.WAV.resolve(sampleRate), out);
  }

  /** A writer that creates or truncates {@code path}. */
  public static WavStreamWriter toFile(Path path, int sampleRate) throws IOException {
    Objects.requireNonNull(path, "path == null");
    Wav.checkSampleRate(sampleRate);
    RandomAccessFile file = new RandomAccessFile(path.toFile(), "rw");
    try {
      file.setLength(0);
      OutputStream out = new BufferedOutputStream(new java.io.FileOutputStream(file.getFD()), 64 * 1024);
      return new WavStreamWriter(out, file, sampleRate);
    } catch (IOException | RuntimeException e) {
      file.close();
      throw e;
    }
  }

  /** A writer onto {@code out}, whose header declares an open-ended length. */
  public static WavStreamWriter toStream(OutputStream out, int sampleRate) throws IOException {
    Objects.requireNonNull(out, "out == null");
    Wav.checkSampleRate(sampleRate);
    return new WavStreamWriter(out, null, sampleRate);
  }

  /** Appends {@code audio}. @throws IllegalArgumentException when its sample rate differs. */
  public void write(PcmAudio audio) throws IOException {
    Objects.requireNonNull(audio, "audio == null");
    if (closed) {
      throw new IOException("closed");
    }
    if (audio.sampleRate() != sampleRate) {
      throw new IllegalArgumentException(
          "audio sample rate " + audio.sampleRate() + " Hz differs from " + sampleRate + " Hz");
    }
    encoder.encode(audio.array(), 0, audio.length());
    samplesWritten += audio.length();
  }

  public int sampleRate() {
    return sampleRate;
  }

  public long samplesWritten() {
    return samplesWritten;
  }

  /** Flushes, fixes the header of a file, and closes. Idempotent. */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      encoder.finish();
      if (file != null) {
        file.seek(0);
        file.write(encoder.finalHeader());
      }
    } finally {
      if (file != null) {
        file.close();
      } else {
        out.close();
      }
    }
  }
}
