package dev.utter.text;

import java.text.Normalizer;
import java.util.Objects;

/**
 * Puts user text into the one canonical form that the chunker measures and providers receive.
 *
 * <p>The canonical form:
 * <ul>
 *   <li>has no control characters (C0, DEL, C1), no unpaired surrogates and none of the invisible
 *       characters that carry nothing to speak: byte order mark, zero-width space, word joiner and
 *       soft hyphen (joiners inside emoji sequences and bidirectional marks are kept);</li>
 *   <li>has every run of whitespace (tabs, line breaks, no-break and ideographic spaces, ...)
 *       collapsed to one ASCII space, and no space at either end;</li>
 *   <li>is in Unicode NFC, composed after the removals so that a mark separated from its base by a
 *       removed character still composes with it.</li>
 * </ul>
 *
 * <p>So the only whitespace in normalized text is a single {@code ' '} between two non-space
 * characters. Normalizing is idempotent. Stateless and thread-safe.
 */
public final class TextNormalizer {
  private TextNormalizer() {}

  /**
   * The canonical form of {@code text}; empty when {@code text} has nothing but whitespace and controls.
   *
   * @param text any text; not null
   * @return the canonical form, possibly {@code text} itself
   */
  public static String normalize(String text) {
    Objects.requireNonNull(text, "text == null");
    if (isCanonicalBelowU0300(text)) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    boolean pendingSpace = false;
    char maxChar = 0;
    for (int i = 0; i < text.length(); ) {
      char c = text.charAt(i);
      if (c > ' ' && c < 0x7F) { // printable ASCII, the common case
        if (pendingSpace) {
          out.append(' ');
          pendingSpace = false;
        }
        out.append(c);
        i++;
        continue;
      }
      maxChar = (char) Math.max(maxChar, c);
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      if (isSpace(cp)) {
        pendingSpace = out.length() > 0;
      } else if (!isRemoved(cp)) {
        if (pendingSpace) {
          out.append(' ');
          pendingSpace = false;
        }
        out.appendCodePoint(cp);
      }
    }
    // Text below U+0300 is always in NFC: nothing there decomposes or combines.
    return maxChar < 0x300 || Normalizer.isNormalized(out, Normalizer.Form.NFC)
        ? out.toString()
        : Normalizer.normalize(out, Normalizer.Form.NFC);
  }

  /**
   * Whether {@code text} is already canonical and has nothing from U+0300 up: the fast path for most
   * Latin text. Below U+0300, text is always in NFC, and the only whitespace and removed characters
   * are the controls, U+0085, U+00A0 and U+00AD.
   */
  private static boolean isCanonicalBelowU0300(String text) {
    boolean afterSpace = true; // so that a leading space fails
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == ' ') {
        if (afterSpace) {
          return false;
        }
        afterSpace = true;
      } else if (c < ' ' || (c >= 0x7F && c <= 0xA0) || c == 0xAD || c >= 0x300) {
        return false;
      } else {
        afterSpace = false;
      }
    }
    return !afterSpace || text.isEmpty();
  }

  /** Whitespace of any kind: what {@link Character#isWhitespace} and {@link Character#isSpaceChar} accept, and NEL. */
  private static boolean isSpace(int cp) {
    return Character.isWhitespace(cp) || Character.isSpaceChar(cp) || cp == 0x0085;
  }

  private static boolean isRemoved(int cp) {
    switch (Character.getType(cp)) {
      case Character.CONTROL:
      case Character.SURROGATE: // only unpaired ones reach here: pairs come as one code point
        return true;
      default:
        return cp == 0xFEFF // byte order mark, zero-width no-break space
            || cp == 0x200B // zero-width space
            || cp == 0x2060 // word joiner
            || cp == 0x00AD; // soft hyphen
    }
  }
}
