package dev.utter.samples.server.api;

import dev.utter.InvalidRequestException;
import dev.utter.ReferenceAudio;
import dev.utter.UtterException.Details;
import dev.utter.audio.AudioFormat;
import dev.utter.audio.AudioInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The web app's own rules for a reference upload, in the original app's words: the file name's
 * extension, the size of the upload (which also bounds Jetty's multipart parsing), and the message
 * for a file that is not audio. The SDK's rules for the audio itself ({@link ReferenceAudio}) apply
 * after these. Only the limits are public, for the server's multipart set-up.
 */
public final class UploadRules {
  private UploadRules() {}

  /** The largest upload, as the original app's {@code MAX_FILE_SIZE_MB}; the SDK's limit too. */
  public static final long MAX_UPLOAD_BYTES = ReferenceAudio.MAX_BYTES;
  /** The room a clone form's other fields may take next to its file. */
  public static final long MAX_FORM_BYTES = MAX_UPLOAD_BYTES + 1024 * 1024;
  static final String ALLOWED_EXTENSIONS = ".wav, .mp3, .m4a";

  /** @throws InvalidRequestException when {@code fileName} does not end in .wav, .mp3 or .m4a. */
  static void fileName(String fileName) {
    String lower = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
    for (AudioFormat format : AudioFormat.values()) {
      if (lower.endsWith(format.extension())) {
        return;
      }
    }
    throw invalidFileType("");
  }

  /** @throws InvalidRequestException "File too large. Max: 50MB" when {@code bytes} is over the limit. */
  static void size(long bytes) {
    if (bytes > MAX_UPLOAD_BYTES) {
      throw new InvalidRequestException("File too large. Max: 50MB", Details.ofCode("file_too_large"), null);
    }
  }

  /**
   * The stored upload at {@code file}, checked as a voice's reference ({@link ReferenceAudio#check}),
   * with a file the SDK cannot read reported in the original app's words plus what is wrong with it.
   */
  static AudioInfo reference(Path file) {
    return readable(() -> ReferenceAudio.check(file));
  }

  /**
   * The stored upload at {@code file}, checked as a designed voice's preview
   * ({@link ReferenceAudio#ofDesignedPreview}: 3 s suffice), a file the SDK cannot read reported as
   * {@link #reference} reports it.
   */
  static AudioInfo designedPreview(Path file) {
    return readable(() -> {
      try {
        return ReferenceAudio.ofDesignedPreview(Files.readAllBytes(file)).info();
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read the upload", e);
      }
    });
  }

  private static AudioInfo readable(Supplier<AudioInfo> check) {
    try {
      return check.get();
    } catch (InvalidRequestException e) {
      if (e.code().filter(ReferenceAudio.UNREADABLE::equals).isPresent()) {
        throw invalidFileType(" (" + e.getCause().getMessage() + ")");
      }
      throw e;
    }
  }

  private static InvalidRequestException invalidFileType(String why) {
    return new InvalidRequestException("Invalid file type. Allowed: " + ALLOWED_EXTENSIONS + why,
        Details.ofCode("invalid_file_type"), null);
  }
}
