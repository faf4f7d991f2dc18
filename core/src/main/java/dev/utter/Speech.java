package dev.utter;

import dev.utter.audio.EncodingWriter;
import dev.utter.audio.PcmAudio;
import dev.utter.audio.Wav;
import dev.utter.internal.io.AtomicFiles;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Generated speech held in memory: mono 16-bit PCM at the provider's sample rate, with how it was
 * made and the {@link OutputFormat} it was asked for. {@link #toBytes()}, {@link #openStream()} and
 * {@link #writeTo(Path)} deliver it in that format (resampled and encoded on each call); {@link #audio()}
 * is the PCM itself. Immutable. For long texts, {@link Utter#generateToFile} and {@link Utter#stream}
 * keep memory bounded instead.
 */
public final class Speech {
  private final PcmAudio audio;
  private final OutputFormat format;
  private final String providerId;
  private final List<ChunkTiming> chunks;
  private final Duration elapsed;

  /** Speech to be delivered as a WAV file at its own sample rate. */
  public Speech(PcmAudio audio, String providerId, List<ChunkTiming> chunks, Duration elapsed) {
    this(audio, OutputFormat.WAV, providerId, chunks, elapsed);
  }

  /** Speech to be delivered in {@code format}. */
  public Speech(PcmAudio audio, OutputFormat format, String providerId, List<ChunkTiming> chunks,
      Duration elapsed) {
    this.audio = Objects.requireNonNull(audio, "audio == null");
    this.format = Objects.requireNonNull(format, "format == null").resolve(audio.sampleRate());
    this.providerId = Objects.requireNonNull(providerId, "providerId == null");
    this.chunks = List.copyOf(chunks);
    this.elapsed = Objects.requireNonNull(elapsed, "elapsed == null");
  }

  /** The speech as PCM at the provider's sample rate. */
  public PcmAudio audio() {
    return audio;
  }

  /** The sample rate of {@link #audio()}; {@link #format()} says the rate delivered. */
  public int sampleRate() {
    return audio.sampleRate();
  }

  /** The format {@link #toBytes()}, {@link #openStream()} and {@link #writeTo(Path)} deliver, its rate settled. */
  public OutputFormat format() {
    return format;
  }

  /** The playing time: samples divided by the sample rate, to the microsecond. */
  public Duration duration() {
    return audio.duration();
  }

  /** The id of the provider that spoke it. */
  public String providerId() {
    return providerId;
  }

  /** One entry per text chunk, in text order. */
  public List<ChunkTiming> chunks() {
    return chunks;
  }

  /** Wall-clock time from the start of the generation to its end. */
  public Duration elapsed() {
    return elapsed;
  }

  /** The speech as a complete WAV file (PCM16 mono) at its own sample rate, whatever {@link #format()}. */
  public byte[] toWavBytes() {
    return Wav.write(audio);
  }

  /**
   * The speech as one complete file or stream of {@link #format()}.
   *
   * @throws ConfigurationException when the format needs {@code dev.utter:utter-codecs} and it is absent.
   */
  public byte[] toBytes() {
    return toBytes(format);
  }

  /**
   * The speech as one complete file or stream of {@code format}, resampled when its rate differs.
   *
   * @throws ConfigurationException when the format needs {@code dev.utter:utter-codecs} and it is absent.
   */
  public byte[] toBytes(OutputFormat format) {
    Objects.requireNonNull(format, "format == null");
    return format.equals(OutputFormat.WAV) ? toWavBytes() : EncodingWriter.encode(audio, format);
  }

  /** The speech in {@link #format()}, as a stream. The caller closes it; it holds no resource but memory. */
  public InputStream openStream() {
    return new ByteArrayInputStream(toBytes());
  }

  /**
   * Writes the speech to {@code target} in {@link #format()}. The file appears complete or not at all: it is
   * written beside the target and moved into place.
   *
   * @throws java.io.UncheckedIOException when the file cannot be written.
   */
  public void writeTo(Path target) {
    writeTo(target, format);
  }

  /**
   * Writes the speech to {@code target} in {@code format}, complete or not at all.
   *
   * @throws java.io.UncheckedIOException when the file cannot be written.
   */
  public void writeTo(Path target, OutputFormat format) {
    byte[] bytes = toBytes(format);
    AtomicFiles.writeStream(target, out -> out.write(bytes));
  }

  @Override
  public String toString() {
    return "Speech{" + providerId + ", " + audio + ", " + format + ", " + chunks.size() + " chunks}";
  }
}
