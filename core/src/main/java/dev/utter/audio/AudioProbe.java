package dev.utter.audio;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * Recognises WAV, MP3 and M4A by content, not by name, and reads their duration without decoding
 * and without ffmpeg. Corrupt or truncated input gives an {@link AudioFormatException}: never a hang,
 * an unbounded allocation or a made-up number. Thread-safe.
 */
public final class AudioProbe {
  private static final int HEAD_BYTES = 12;

  private AudioProbe() {}

  /**
   * The container of {@code bytes}, judged from their first bytes, or empty when it is none the SDK knows.
   *
   * @param bytes the start of a file, or all of it; not null
   * @return WAV, MP3 or M4A, or empty
   */
  public static Optional<AudioFormat> sniff(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes == null");
    if (WavParser.matches(bytes)) {
      return Optional.of(AudioFormat.WAV);
    }
    if (Mp4Parser.matches(bytes)) {
      return Optional.of(AudioFormat.M4A);
    }
    if (bytes.length >= 4 && Mp3Parser.matches(bytes)) {
      return Optional.of(AudioFormat.MP3);
    }
    return Optional.empty();
  }

  /**
   * Format, duration, sample rate and channels of the audio file {@code bytes}.
   *
   * @param bytes the whole file; not null, not changed
   * @return what the probe learned
   * @throws AudioFormatException when the bytes are not audio the SDK can read.
   */
  public static AudioInfo probe(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes == null");
    return probe(ByteSource.of(bytes));
  }

  /**
   * Format, duration, sample rate and channels of the audio file at {@code file}, reading only the
   * parts of it that hold them: WAV and M4A headers (skipping over the audio) and MP3 frame headers.
   * The duration is what the data present supports, whatever a header claims.
   *
   * @param file the file to read; not kept open
   * @return what the probe learned
   * @throws AudioFormatException when the file is not audio the SDK can read.
   * @throws UncheckedIOException when the file cannot be read.
   */
  public static AudioInfo probe(Path file) {
    Objects.requireNonNull(file, "file == null");
    try (SeekableByteChannel channel = Files.newByteChannel(file)) {
      return probe(ByteSource.of(channel));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
  }

  /**
   * Format, duration, sample rate and channels of the audio file that {@code in} delivers from its
   * current position, such as an upload as it arrives. Holds at most 64 KiB of it whatever its size:
   * the rest is skipped or read through. Reads to the end: for WAV and M4A to measure audio data that
   * may be cut short, for MP3 to count the frames present. Leaves {@code in} open: the caller closes it.
   *
   * @param in the stream to read to its end; not closed
   * @return what the probe learned
   * @throws AudioFormatException when the bytes are not audio the SDK can read.
   * @throws UncheckedIOException when the stream cannot be read.
   */
  public static AudioInfo probe(InputStream in) {
    Objects.requireNonNull(in, "in == null");
    return probe(ByteSource.of(in));
  }

  private static AudioInfo probe(ByteSource source) {
    byte[] head = new byte[HEAD_BYTES];
    int n = source.readAll(0, head, HEAD_BYTES);
    AudioFormat format = sniff(Arrays.copyOf(head, n))
        .orElseThrow(() -> new AudioFormatException("Unrecognised audio: expected WAV, MP3 or M4A"));
    return switch (format) {
      case WAV -> {
        WavParser.Layout layout = WavParser.parse(source);
        yield new AudioInfo(AudioFormat.WAV, layout.durationSeconds(), layout.sampleRate(), layout.channels());
      }
      case MP3 -> Mp3Parser.probe(source);
      case M4A -> Mp4Parser.probe(source);
    };
  }
}
