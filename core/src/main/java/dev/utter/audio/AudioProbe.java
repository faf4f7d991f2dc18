package dev.utter.audio;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Recognises WAV, MP3 and M4A by content, not by name, and reads their duration without decoding
 * and without ffmpeg. Corrupt or truncated input gives an {@link AudioFormatException}: never a hang,
 * an unbounded allocation or a made-up number. Thread-safe.
 */
public final class AudioProbe {
  private static final int HEAD_BYTES = 12;

  private AudioProbe() {}

  /** The container of {@code bytes}, judged from their first bytes, or empty when it is none the SDK knows. */
  public static Optional<AudioFormat> sniff(byte[] bytes) {
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
   * @throws AudioFormatException when the bytes are not audio the SDK can read.
   */
  public static AudioInfo probe(byte[] bytes) {
    return probe(ByteSource.of(bytes));
  }

  /**
   * Format, duration, sample rate and channels of the audio file at {@code file}, reading only the
   * parts of it that hold them (for MP3 without a Xing header, the frame headers).
   *
   * @throws AudioFormatException when the file is not audio the SDK can read.
   * @throws UncheckedIOException when the file cannot be read.
   */
  public static AudioInfo probe(Path file) {
    try (SeekableByteChannel channel = Files.newByteChannel(file)) {
      return probe(ByteSource.of(channel));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
  }

  private static AudioInfo probe(ByteSource source) {
    byte[] head = new byte[(int) Math.min(HEAD_BYTES, source.size())];
    int n = head.length == 0 ? 0 : source.read(0, head, 0, head.length);
    if (n < head.length) {
      throw new AudioFormatException("Unrecognised audio: expected WAV, MP3 or M4A");
    }
    AudioFormat format = sniff(head)
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
