package dev.utter.validation;

import dev.utter.InvalidRequestException;
import dev.utter.Language;
import dev.utter.UtterException.Details;
import dev.utter.Voice;
import dev.utter.audio.AudioFormat;
import dev.utter.audio.AudioFormatException;
import dev.utter.audio.AudioInfo;
import dev.utter.audio.AudioProbe;
import dev.utter.spi.ProviderCapabilities;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Every input rule of the SDK and the utter app, in one place, with the original app's wording. Each
 * check throws an {@link InvalidRequestException} whose {@code code} names the rule.
 */
public final class Validation {
  private Validation() {}

  public static final int MAX_NAME_CHARS = 100;
  public static final int MIN_TRANSCRIPT_CHARS = 10;
  public static final int MAX_TEXT_CHARS = 5000;
  public static final double MIN_REFERENCE_SECONDS = 10;
  public static final double MAX_REFERENCE_SECONDS = 300;
  public static final int MAX_FILE_SIZE_MB = 50;
  public static final long MAX_REFERENCE_BYTES = MAX_FILE_SIZE_MB * 1024L * 1024L;
  public static final String ALLOWED_EXTENSIONS = ".wav, .mp3, .m4a";

  /** The voice name, trimmed. @throws InvalidRequestException unless it has 1 to 100 characters. */
  public static String name(String name) {
    String trimmed = name == null ? "" : name.strip();
    if (trimmed.isEmpty() || trimmed.length() > MAX_NAME_CHARS) {
      throw invalid("Name must be 1-100 characters", "invalid_name");
    }
    return trimmed;
  }

  /** The transcript, trimmed. @throws InvalidRequestException unless it has at least 10 characters. */
  public static String transcript(String transcript) {
    String trimmed = transcript == null ? "" : transcript.strip();
    if (trimmed.length() < MIN_TRANSCRIPT_CHARS) {
      throw invalid("Transcript must be at least 10 characters", "invalid_transcript");
    }
    return trimmed;
  }

  /** @throws InvalidRequestException when a provider that needs a transcript gets a voice without one. */
  public static void transcriptPresent(String transcript) {
    if (transcript == null) {
      throw invalid("Voice is missing reference transcript. Please re-create the voice with a transcript.",
          "missing_transcript");
    }
  }

  /**
   * The checks every provider's request must pass before any call: the provider speaks
   * {@code language} and, when it needs one, {@code voice} has a transcript.
   *
   * @throws InvalidRequestException naming the supported languages, or asking for a transcript.
   */
  public static void servable(Voice voice, Language language, ProviderCapabilities capabilities) {
    supportedLanguage(language, capabilities.languages());
    if (capabilities.requiresTranscript()) {
      transcriptPresent(voice.transcript().orElse(null));
    }
  }

  /** @throws InvalidRequestException naming the supported languages, when {@code language} is not one. */
  public static void supportedLanguage(Language language, Set<Language> supported) {
    if (!supported.contains(language)) {
      throw invalid("Unsupported language: " + language.wireName() + ". Supported: "
          + supported.stream().sorted().map(Language::wireName).collect(Collectors.joining(", ")),
          "unsupported_language");
    }
  }

  /** The text to speak, trimmed. @throws InvalidRequestException unless it has 1 to 5000 characters. */
  public static String text(String text) {
    String trimmed = text == null ? "" : text.strip();
    if (trimmed.isEmpty() || trimmed.length() > MAX_TEXT_CHARS) {
      throw invalid("Text must be 1-5000 characters", "invalid_text");
    }
    return trimmed;
  }

  /** @throws InvalidRequestException when a reference file is over 50 MB. */
  public static void referenceSize(long bytes) {
    if (bytes > MAX_REFERENCE_BYTES) {
      throw invalid("File too large. Max: " + MAX_FILE_SIZE_MB + "MB", "file_too_large");
    }
  }

  /** @throws InvalidRequestException when a file name's extension is not .wav, .mp3 or .m4a. */
  public static void referenceFileName(String fileName) {
    String lower = fileName == null ? "" : fileName.toLowerCase(java.util.Locale.ROOT);
    for (AudioFormat format : AudioFormat.values()) {
      if (lower.endsWith(format.extension())) {
        return;
      }
    }
    throw invalidFileType();
  }

  /**
   * Recognises reference audio by content and checks its length.
   *
   * @throws InvalidRequestException when the bytes are over 50 MB, not WAV/MP3/M4A, or not 10 to 300 s long.
   */
  public static AudioInfo referenceAudio(byte[] bytes) {
    referenceSize(bytes.length);
    return recognised(() -> AudioProbe.probe(bytes));
  }

  /**
   * Recognises the reference audio file {@code file} by content, reading only what the probe needs,
   * and checks its size and length.
   *
   * @throws InvalidRequestException when the file is over 50 MB, not WAV/MP3/M4A, or not 10 to 300 s long.
   * @throws java.io.UncheckedIOException when the file cannot be read.
   */
  public static AudioInfo referenceAudio(Path file) {
    try {
      referenceSize(Files.size(file));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
    return recognised(() -> AudioProbe.probe(file));
  }

  private static AudioInfo recognised(Supplier<AudioInfo> probe) {
    AudioInfo info;
    try {
      info = probe.get();
    } catch (AudioFormatException e) {
      throw new InvalidRequestException("Invalid file type. Allowed: " + ALLOWED_EXTENSIONS
          + " (" + e.getMessage() + ")", Details.ofCode("invalid_file_type"), e);
    }
    referenceDuration(info.durationSeconds());
    return info;
  }

  /** @throws InvalidRequestException unless {@code seconds} is between 10 and 300. */
  public static void referenceDuration(double seconds) {
    if (seconds < MIN_REFERENCE_SECONDS) {
      throw invalid("Audio too short. Min: 10s", "audio_too_short");
    }
    if (seconds > MAX_REFERENCE_SECONDS) {
      throw invalid("Audio too long. Max: 300s", "audio_too_long");
    }
  }

  private static InvalidRequestException invalidFileType() {
    return invalid("Invalid file type. Allowed: " + ALLOWED_EXTENSIONS, "invalid_file_type");
  }

  private static InvalidRequestException invalid(String message, String code) {
    return new InvalidRequestException(message, Details.ofCode(code), null);
  }
}
