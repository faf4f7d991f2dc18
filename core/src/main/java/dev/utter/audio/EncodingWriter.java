package dev.utter.audio;

import dev.utter.OutputFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * Writes speech that arrives at one sample rate as an {@link OutputFormat}, piece by piece: resamples to
 * the format's rate when it differs (with a {@link Resampler}), then encodes (with an {@link AudioEncoder}).
 * The bytes written up to {@link #finish()} are one complete file or stream of the format; after each
 * {@link #flush()} they hold every sample written so far but the resampler's and codec's look-ahead.
 * Memory stays bounded however much is written. Never closes its stream. Not thread-safe.
 */
public final class EncodingWriter {
  private final OutputFormat format;
  private final int sourceRate;
  private final Resampler resampler;
  private final AudioEncoder encoder;
  private long samplesEncoded;
  private boolean finished;

  private EncodingWriter(OutputFormat format, int sourceRate, AudioEncoder encoder) {
    this.format = format;
    this.sourceRate = sourceRate;
    int targetRate = format.sampleRate().getAsInt();
    this.resampler = targetRate == sourceRate ? null : Resampler.of(sourceRate, targetRate);
    this.encoder = encoder;
  }

  /**
   * A writer of {@code format} onto {@code out}, for audio at {@code sourceRate}. May write a header at once.
   *
   * @throws dev.utter.ConfigurationException when the format needs {@code utter-codecs} and it is absent.
   */
  public static EncodingWriter open(OutputFormat format, int sourceRate, OutputStream out) throws IOException {
    Objects.requireNonNull(format, "format == null");
    OutputFormat resolved = format.resolve(sourceRate);
    return new EncodingWriter(resolved, sourceRate, AudioEncoders.open(resolved, sourceRate, out));
  }

  /**
   * {@code audio} as one complete file or stream of {@code format}, in memory.
   *
   * @throws dev.utter.ConfigurationException when the format needs {@code utter-codecs} and it is absent.
   */
  public static byte[] encode(PcmAudio audio, OutputFormat format) {
    Objects.requireNonNull(audio, "audio == null");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(audio.length() * 2 + 64);
    try {
      EncodingWriter writer = open(format, audio.sampleRate(), bytes);
      writer.write(audio);
      writer.finish();
      byte[] out = bytes.toByteArray();
      byte[] header = writer.finalHeader();
      System.arraycopy(header, 0, out, 0, header.length);
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
    }
  }

  /** The format written, its sample rate settled. */
  public OutputFormat format() {
    return format;
  }

  /** The sample rate of the encoded audio. */
  public int sampleRate() {
    return format.sampleRate().getAsInt();
  }

  /** Samples handed to the encoder so far, at {@link #sampleRate()}. */
  public long samplesEncoded() {
    return samplesEncoded;
  }

  /**
   * Resamples and encodes {@code audio}.
   *
   * @throws IllegalArgumentException when its sample rate is not the source rate.
   */
  public void write(PcmAudio audio) throws IOException {
    Objects.requireNonNull(audio, "audio == null");
    if (finished) {
      throw new IllegalStateException("EncodingWriter finished");
    }
    if (audio.sampleRate() != sourceRate) {
      throw new IllegalArgumentException(
          "audio sample rate " + audio.sampleRate() + " Hz differs from " + sourceRate + " Hz");
    }
    short[] samples = audio.array();
    if (resampler == null) {
      encode(samples);
    } else {
      encode(resampler.process(samples, 0, samples.length));
    }
  }

  /** Pushes out every whole frame or page encoded so far, then flushes the stream. */
  public void flush() throws IOException {
    encoder.flush();
  }

  /** Writes the rest and ends the file or stream. Once only. */
  public void finish() throws IOException {
    if (finished) {
      throw new IllegalStateException("EncodingWriter finished");
    }
    finished = true;
    if (resampler != null) {
      encode(resampler.finish());
    }
    encoder.finish();
  }

  /** See {@link AudioEncoder#finalHeader()}: what to write over the start of a rewritable output. */
  public byte[] finalHeader() {
    return encoder.finalHeader();
  }

  private void encode(short[] samples) throws IOException {
    if (samples.length > 0) {
      encoder.encode(samples, 0, samples.length);
      samplesEncoded += samples.length;
    }
  }
}
