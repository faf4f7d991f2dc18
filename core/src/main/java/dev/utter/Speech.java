package dev.utter;

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
 * made. Immutable. For long texts, {@link Utter#generateToFile} and {@link Utter#stream} keep memory
 * bounded instead.
 */
public final class Speech {
  private final PcmAudio audio;
  private final String providerId;
  private final List<ChunkTiming> chunks;
  private final Duration elapsed;

  public Speech(PcmAudio audio, String providerId, List<ChunkTiming> chunks, Duration elapsed) {
    this.audio = Objects.requireNonNull(audio, "audio == null");
    this.providerId = Objects.requireNonNull(providerId, "providerId == null");
    this.chunks = List.copyOf(chunks);
    this.elapsed = Objects.requireNonNull(elapsed, "elapsed == null");
  }

  public PcmAudio audio() {
    return audio;
  }

  public int sampleRate() {
    return audio.sampleRate();
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

  /** The speech as a complete WAV file (PCM16 mono). */
  public byte[] toWavBytes() {
    return Wav.write(audio);
  }

  /** The speech encoded in {@code format}: a complete WAV file, or raw PCM. */
  public byte[] toBytes(OutputFormat format) {
    Objects.requireNonNull(format, "format == null");
    return format == OutputFormat.WAV ? toWavBytes() : audio.toPcmBytes();
  }

  /** The speech as a WAV file stream. The caller closes it; it holds no resource but memory. */
  public InputStream openStream() {
    return new ByteArrayInputStream(toWavBytes());
  }

  /**
   * Writes the speech to {@code target} as a WAV file. The file appears complete or not at all: it is
   * written beside the target and moved into place.
   *
   * @throws java.io.UncheckedIOException when the file cannot be written.
   */
  public void writeTo(Path target) {
    writeTo(target, OutputFormat.WAV);
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
    return "Speech{" + providerId + ", " + audio + ", " + chunks.size() + " chunks}";
  }
}
