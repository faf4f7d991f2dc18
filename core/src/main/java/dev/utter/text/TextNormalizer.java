package dev.utter.text;

import java.text.Normalizer;

/**
 * Puts user text into the one canonical form that the chunker measures and providers receive:
 * Unicode NFC, control characters removed, every run of whitespace (including no-break and
 * ideographic spaces and line breaks) collapsed to one ASCII space, and no space at either end.
 * Thread-safe and idempotent.
 */
public final class TextNormalizer {
  private TextNormalizer() {}

  /** The canonical form of {@code text}. */
  public static String normalize(String text) {
    String nfc = Normalizer.normalize(text, Normalizer.Form.NFC);
    StringBuilder out = new StringBuilder(nfc.length());
    boolean pendingSpace = false;
    for (int i = 0; i < nfc.length(); ) {
      int cp = nfc.codePointAt(i);
      i += Character.charCount(cp);
      if (isSpace(cp)) {
        pendingSpace = out.length() > 0;
      } else if (Character.getType(cp) != Character.CONTROL) {
        if (pendingSpace) {
          out.append(' ');
          pendingSpace = false;
        }
        out.appendCodePoint(cp);
      }
    }
    return out.toString();
  }

  /** Whether {@code cp} is whitespace of any kind, including no-break spaces. */
  static boolean isSpace(int cp) {
    return Character.isWhitespace(cp) || Character.isSpaceChar(cp);
  }
}
