package dev.utter;

import dev.utter.audio.AudioFormat;
import dev.utter.audio.AudioInfo;
import dev.utter.validation.Validation;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A voice's reference recording: WAV, MP3 or M4A recognised by content, 10 to 300 seconds, at most
 * 50 MB. Immutable; the bytes are copied in and out.
 */
public final class ReferenceAudio {
  private final byte[] bytes;
  private final AudioInfo info;
  private volatile String sha256;

  private ReferenceAudio(byte[] bytes, AudioInfo info) {
    this.bytes = bytes;
    this.info = info;
  }

  /**
   * Reference audio from the bytes of a file.
   *
   * @throws InvalidRequestException when the bytes are not acceptable reference audio.
   */
  public static ReferenceAudio of(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes == null");
    byte[] copy = bytes.clone();
    return new ReferenceAudio(copy, Validation.referenceAudio(copy));
  }

  /**
   * Reference audio from a voice-design preview: the checks of {@link #of(byte[])}, except that the
   * minimum length is {@value DesignedVoice#MIN_PREVIEW_SECONDS} s instead of 10 s, because a designed
   * preview is clean speech with an exact transcript. Use it to rebuild a {@link DesignedVoice#voice()}
   * from its stored preview.
   *
   * @throws InvalidRequestException when the bytes are over 50 MB, not WAV/MP3/M4A, or not 3 to 300 s long.
   */
  public static ReferenceAudio ofDesignedPreview(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes == null");
    byte[] copy = bytes.clone();
    return new ReferenceAudio(copy, DesignedVoice.checkPreview(copy));
  }

  /**
   * Reference audio read from a file.
   *
   * @throws InvalidRequestException when the file is over 50 MB or not acceptable reference audio.
   * @throws UncheckedIOException when the file cannot be read.
   */
  public static ReferenceAudio read(Path file) {
    Objects.requireNonNull(file, "file == null");
    try {
      Validation.referenceSize(Files.size(file));
      byte[] bytes = Files.readAllBytes(file);
      return new ReferenceAudio(bytes, Validation.referenceAudio(bytes));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read reference audio " + file, e);
    }
  }

  public AudioFormat format() {
    return info.format();
  }

  public AudioInfo info() {
    return info;
  }

  public Duration duration() {
    return info.duration();
  }

  /** The size of the file in bytes. */
  public int size() {
    return bytes.length;
  }

  /** A copy of the file's bytes. */
  public byte[] bytes() {
    return bytes.clone();
  }

  /** The file's bytes as a stream; nothing to close. */
  public InputStream openStream() {
    return new ByteArrayInputStream(bytes);
  }

  /** The SHA-256 of the file's bytes, lower-case hex: a stable identity for caches. */
  public String sha256() {
    String hash = sha256;
    if (hash == null) {
      try {
        hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
      } catch (NoSuchAlgorithmException e) {
        throw new AssertionError("SHA-256 is required of every JVM", e);
      }
      sha256 = hash;
    }
    return hash;
  }

  @Override
  public String toString() {
    return "ReferenceAudio{" + info.format() + ", " + bytes.length + " bytes, "
        + String.format(java.util.Locale.ROOT, "%.3f", info.durationSeconds()) + " s}";
  }
}
