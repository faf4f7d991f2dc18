package dev.utter.audio;

import java.io.IOException;

/**
 * Encodes mono 16-bit PCM into one {@link dev.utter.OutputFormat}, piece by piece, onto the stream it was
 * opened on (see {@link AudioEncoderProvider#open}). The samples given are already at the format's sample
 * rate. The bytes written, from the first {@link #encode} to {@link #finish()}, are one complete file or
 * stream of the format. Not thread-safe: one instance per output. The encoder never closes its stream.
 */
public interface AudioEncoder {
  /** Encodes {@code length} samples from {@code samples[offset]}, writing whatever bytes are ready. */
  void encode(short[] samples, int offset, int length) throws IOException;

  /**
   * Writes out everything that can be written now without ending the stream (whole frames or pages), so
   * that a listener reading the bytes so far hears all the audio encoded but the codec's own look-ahead.
   * Then flushes the stream.
   */
  void flush() throws IOException;

  /** Encodes what is left, ends the stream (last frame, last page, trailer) and flushes it. Once only. */
  void finish() throws IOException;

  /**
   * After {@link #finish()}: bytes that should replace the start of the output when the output can be
   * rewritten (a file, a buffer), because only now are the sizes they declare known, such as a WAV header
   * whose streamed form declared an open-ended length. Empty when the format needs nothing rewritten.
   */
  default byte[] finalHeader() {
    return new byte[0];
  }
}
