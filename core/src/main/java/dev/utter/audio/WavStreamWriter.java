package dev.utter.audio;

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
  private final byte[] buffer = new byte[16 * 1024];
  private long samplesWritten;
  private boolean closed;

  private WavStreamWriter(OutputStream out, RandomAccessFile file, int sampleRate) {
    this.out = out;
    this.file = file;
    this.sampleRate = sampleRate;
  }

  /** A writer that creates or truncates {@code path}. */
  public static WavStreamWriter toFile(Path path, int sampleRate) throws IOException {
    Objects.requireNonNull(path, "path == null");
    Wav.checkSampleRate(sampleRate);
    RandomAccessFile file = new RandomAccessFile(path.toFile(), "rw");
    try {
      file.setLength(0);
      OutputStream out = new BufferedOutputStream(new java.io.FileOutputStream(file.getFD()), 64 * 1024);
      out.write(Wav.header(sampleRate, 0));
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
    out.write(Wav.header(sampleRate, 0xFFFFFFFFL - 36));
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
    short[] samples = audio.array();
    for (int from = 0; from < samples.length; from += buffer.length / 2) {
      int count = Math.min(buffer.length / 2, samples.length - from);
      for (int i = 0; i < count; i++) {
        buffer[2 * i] = (byte) samples[from + i];
        buffer[2 * i + 1] = (byte) (samples[from + i] >> 8);
      }
      out.write(buffer, 0, 2 * count);
    }
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
      out.flush();
      if (file != null) {
        file.seek(0);
        file.write(Wav.header(sampleRate, samplesWritten * 2));
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
