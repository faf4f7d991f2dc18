package dev.utter;

import dev.utter.UtterException.Details;

/**
 * The rules the SDK's text fields share: no lone surrogates, no control characters (text and
 * transcripts may hold tabs and line breaks; names may not), something visible besides format and
 * zero-width characters, and lengths in Unicode code points after trimming. Not API.
 */
final class TextRules {
  private TextRules() {}

  /** How a field is checked: its name in messages, its error code, and whether it may span lines. */
  record Field(String label, String code, boolean multiline) {}

  static final Field NAME = new Field("Name", "invalid_name", false);
  static final Field TRANSCRIPT = new Field("Transcript", "invalid_transcript", true);
  static final Field TEXT = new Field("Text", "invalid_text", true);
  static final Field PREVIEW_TEXT = new Field("Preview text", "invalid_text", true);
  static final Field DESCRIPTION = new Field("Voice description", "invalid_description", true);

  /**
   * {@code value} trimmed, once it holds no lone surrogate and no forbidden control character, and is
   * either empty or has a visible character.
   *
   * @throws InvalidRequestException naming {@code field} and the rule broken.
   */
  static String clean(String value, Field field) {
    String text = value == null ? "" : value;
    for (int i = 0; i < text.length(); ) {
      int c = text.codePointAt(i);
      if (Character.isSurrogate((char) c) && Character.charCount(c) == 1) {
        throw invalid(field, field.label() + " contains a lone surrogate: it is not valid Unicode text");
      }
      if (Character.isISOControl(c) && !(field.multiline() && (c == '\t' || c == '\n' || c == '\r'))) {
        throw invalid(field, field.label() + (field.multiline()
            ? " must not contain control characters other than tabs and line breaks"
            : " must not contain control characters such as tabs or line breaks"));
      }
      i += Character.charCount(c);
    }
    String trimmed = text.strip();
    if (!trimmed.isEmpty() && trimmed.codePoints().allMatch(TextRules::invisible)) {
      throw invalid(field, field.label() + " must contain visible characters, not only spaces or "
          + "zero-width and formatting characters");
    }
    return trimmed;
  }

  /** The length of {@code text} in Unicode code points. */
  static int length(String text) {
    return text.codePointCount(0, text.length());
  }

  static InvalidRequestException invalid(Field field, String message) {
    return new InvalidRequestException(message, Details.ofCode(field.code()), null);
  }

  private static boolean invisible(int c) {
    return Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.getType(c) == Character.FORMAT
        || (c >= 0xFE00 && c <= 0xFE0F) || (c >= 0xE0100 && c <= 0xE01EF) || c == 0x034F // variation selectors, CGJ
        || c == 0x115F || c == 0x1160 || c == 0x3164 || c == 0xFFA0; // Hangul fillers: letters that show nothing
  }
}
