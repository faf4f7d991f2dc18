package dev.utter.provider.echo.internal;

import dev.utter.InvalidRequestException;
import dev.utter.UtterException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * The text rules of Echo-TTS, mirrored so that a chunk the service would refuse is caught before it is
 * sent. Echo-TTS reads text as raw UTF-8 bytes and keeps at most 768 of them, one of which is its start
 * token; the service normalizes text as Echo-TTS does and answers 422 {@code text_too_long} when the
 * normalized text is over {@value #MAX_TEXT_BYTES} bytes (the model itself would cut it silently).
 *
 * <p>Normalization, as the service applies it before Echo-TTS's tokenizer: runs of whitespace become
 * one space and the ends are trimmed; {@code …} becomes {@code ...}, curly quotes ({@code ’ “ ”})
 * become straight ones, {@code :}, {@code ;} and {@code —} become commas; and {@code "[S1] "} is put in
 * front unless the text starts with {@code [} or {@code (} or already names a speaker ({@code S1} or
 * {@code S2}). None of these steps lengthens the text except the tag, so a text of at most
 * {@link #MAX_RAW_BYTES} UTF-8 bytes always fits.
 */
public final class EchoText {
  /** The most UTF-8 bytes Echo-TTS reads from one normalized text. */
  public static final int MAX_TEXT_BYTES = 767;
  /** The speaker tag Echo-TTS puts in front of untagged text. */
  public static final String SPEAKER_PREFIX = "[S1] ";
  /** The most UTF-8 bytes of raw text that fit whatever normalization adds. */
  public static final int MAX_RAW_BYTES = MAX_TEXT_BYTES - SPEAKER_PREFIX.length();

  private static final Pattern WHITESPACE = Pattern.compile("\\s+", Pattern.UNICODE_CHARACTER_CLASS);

  private EchoText() {}

  /**
   * {@code text} as Echo-TTS's tokenizer sees it: whitespace collapsed, typographic punctuation
   * simplified, {@link #SPEAKER_PREFIX} added unless the text is already tagged.
   *
   * @param text the text to speak
   * @return the normalized text
   * @throws NullPointerException when {@code text} is null
   */
  public static String normalize(String text) {
    String out = WHITESPACE.matcher(text).replaceAll(" ").strip()
        .replace("…", "...")
        .replace('’', '\'')
        .replace('”', '"')
        .replace('“', '"')
        .replace(':', ',')
        .replace(';', ',')
        .replace('—', ',');
    if (out.startsWith("[") || out.startsWith("(") || out.contains("S1") || out.contains("S2")) {
      return out;
    }
    return SPEAKER_PREFIX + out;
  }

  /**
   * The UTF-8 byte length of {@code text} after {@link #normalize}.
   *
   * @param text the text to speak
   * @return the byte count the service's limit applies to
   * @throws NullPointerException when {@code text} is null
   */
  public static int normalizedBytes(String text) {
    return normalize(text).getBytes(StandardCharsets.UTF_8).length;
  }

  /**
   * Refuses a text the service would refuse, before any request is sent.
   *
   * @param text the text to speak
   * @throws NullPointerException when {@code text} is null
   * @throws InvalidRequestException (code {@code text_too_long}) with the service's wording when
   *     {@code text} is over {@value #MAX_TEXT_BYTES} UTF-8 bytes after normalization.
   */
  public static void checkLength(String text) {
    int bytes = normalizedBytes(text);
    if (bytes > MAX_TEXT_BYTES) {
      throw new InvalidRequestException("Text is " + bytes + " bytes after normalization; Echo-TTS accepts at most "
          + MAX_TEXT_BYTES + " UTF-8 bytes per call", UtterException.Details.ofCode("text_too_long"), null);
    }
  }
}
