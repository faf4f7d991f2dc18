package dev.utter;

import dev.utter.audio.AudioFormat;
import dev.utter.audio.AudioInfo;
import dev.utter.UtterException.Details;
import dev.utter.audio.AudioFormatException;
import dev.utter.audio.AudioProbe;
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
import java.util.function.Supplier;

/**
 * A voice's reference recording: WAV, MP3 or M4A recognised by content, 10 to 300 seconds, at most
 * 50 MB. Its duration is the one its bytes support: a header that claims more audio than the file
 * holds is not believed, and a file the SDK cannot read is refused when the reference is made, not
 * at the first generation. Immutable; the bytes are copied in and out.
 */
public final class ReferenceAudio {
  /** The largest reference file, in bytes (50 MiB). */
  public static final long MAX_BYTES = 50L * 1024 * 1024;
  /** The shortest reference, in seconds. */
  public static final double MIN_SECONDS = 10;
  /** The longest reference, in seconds. */
  public static final double MAX_SECONDS = 300;

  /** The code of the error for a reference that is not WAV, MP3 or M4A the SDK can read. */
  public static final String UNREADABLE = "unreadable_audio";

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
   * @param bytes the whole file; copied, so later changes to the array do not show
   * @return checked reference audio
   * @throws InvalidRequestException when the bytes are over 50 MB (code {@code file_too_large}), not
   *     WAV, MP3 or M4A the SDK can read (code {@link #UNREADABLE}, the message says what is wrong),
   *     or not 10 to 300 s long by what their data holds ({@code audio_too_short}, {@code audio_too_long}).
   */
  public static ReferenceAudio of(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes == null");
    checkSize(bytes.length);
    byte[] copy = bytes.clone();
    return new ReferenceAudio(copy, checked(() -> AudioProbe.probe(copy), MIN_SECONDS));
  }

  /**
   * Reference audio from a voice-design preview: the checks of {@link #of(byte[])}, except that the
   * minimum length is {@value DesignedVoice#MIN_PREVIEW_SECONDS} s instead of 10 s, because a designed
   * preview is clean speech with an exact transcript. Use it to rebuild a {@link DesignedVoice#voice()}
   * from its stored preview.
   *
   * @param bytes the whole preview file; copied, so later changes to the array do not show
   * @return checked reference audio
   * @throws InvalidRequestException when the bytes are over 50 MB (code {@code file_too_large}), not
   *     WAV, MP3 or M4A the SDK can read (code {@link #UNREADABLE}), or not 3 to 300 s long
   *     ({@code audio_too_short}, {@code audio_too_long}).
   */
  public static ReferenceAudio ofDesignedPreview(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes == null");
    checkSize(bytes.length);
    byte[] copy = bytes.clone();
    return new ReferenceAudio(copy, checked(() -> AudioProbe.probe(copy), DesignedVoice.MIN_PREVIEW_SECONDS));
  }

  /**
   * Reference audio read from a file.
   *
   * @param file the recording to read; read once now and not kept open
   * @return checked reference audio
   * @throws InvalidRequestException when the file is over 50 MB or not acceptable reference audio.
   * @throws UncheckedIOException when the file cannot be read.
   */
  public static ReferenceAudio read(Path file) {
    Objects.requireNonNull(file, "file == null");
    try {
      checkSize(Files.size(file));
      byte[] bytes = Files.readAllBytes(file);
      return new ReferenceAudio(bytes, checked(() -> AudioProbe.probe(bytes), MIN_SECONDS));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read reference audio " + file, e);
    }
  }

  /**
   * Checks the file at {@code file} as {@link #read(Path)} would, reading only the parts the probe
   * needs and keeping none of it: for a caller that stores an upload before it makes a voice of it.
   *
   * @return what the probe learned: format, duration, sample rate and channels.
   * @throws InvalidRequestException as {@link #read(Path)} does.
   * @throws UncheckedIOException when the file cannot be read.
   * @param file the recording to check; not kept open
   */
  public static AudioInfo check(Path file) {
    Objects.requireNonNull(file, "file == null");
    try {
      checkSize(Files.size(file));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read reference audio " + file, e);
    }
    return checked(() -> AudioProbe.probe(file), MIN_SECONDS);
  }

  /**
   * @param bytes the file size in bytes
   * @throws InvalidRequestException (code {@code file_too_large}) when {@code bytes} is over {@link
   *     #MAX_BYTES}.
   */
  public static void checkSize(long bytes) {
    if (bytes > MAX_BYTES) {
      throw new InvalidRequestException("Reference audio too large: " + bytes + " bytes. Max: 50MB",
          Details.ofCode("file_too_large"), null);
    }
  }

  /**
   * @param seconds the playing time the audio's data holds
   * @throws InvalidRequestException (code {@code audio_too_short} or {@code audio_too_long}) unless
   *     {@code seconds} is between {@link #MIN_SECONDS} and {@link #MAX_SECONDS}.
   */
  public static void checkDuration(double seconds) {
    checkDuration(seconds, MIN_SECONDS);
  }

  private static void checkDuration(double seconds, double minSeconds) {
    if (seconds < minSeconds) {
      throw new InvalidRequestException("Audio too short. Min: " + (int) minSeconds + "s",
          Details.ofCode("audio_too_short"), null);
    }
    if (seconds > MAX_SECONDS) {
      throw new InvalidRequestException("Audio too long. Max: 300s", Details.ofCode("audio_too_long"), null);
    }
  }

  /**
   * What {@code probe} learns, once it has recognised the audio and its duration is between
   * {@code minSeconds} and {@link #MAX_SECONDS}.
   */
  private static AudioInfo checked(Supplier<AudioInfo> probe, double minSeconds) {
    AudioInfo info;
    try {
      info = probe.get();
    } catch (AudioFormatException e) {
      throw new InvalidRequestException("Reference audio the SDK cannot read: " + e.getMessage(),
          Details.ofCode(UNREADABLE), e);
    }
    checkDuration(info.durationSeconds(), minSeconds);
    return info;
  }

  /**
   * The container the bytes were recognised as, by content rather than by name.
   *
   * @return WAV, MP3 or M4A
   */
  public AudioFormat format() {
    return info.format();
  }

  /**
   * What the probe learned when the reference was made.
   *
   * @return format, duration, sample rate and channels
   */
  public AudioInfo info() {
    return info;
  }

  /**
   * The playing time the audio's data supports, 10 to 300 seconds.
   *
   * @return never null
   */
  public Duration duration() {
    return info.duration();
  }

  /**
   * The size of the file in bytes.
   *
   * @return at most {@link #MAX_BYTES}
   */
  public int size() {
    return bytes.length;
  }

  /**
   * A copy of the file's bytes.
   *
   * @return a new array on each call
   */
  public byte[] bytes() {
    return bytes.clone();
  }

  /**
   * The file's bytes as a stream; nothing to close.
   *
   * @return a new stream over the bytes, positioned at the start
   */
  public InputStream openStream() {
    return new ByteArrayInputStream(bytes);
  }

  /**
   * The SHA-256 of the file's bytes, lower-case hex: a stable identity for caches.
   *
   * @return 64 hex digits, cached after the first call
   */
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
