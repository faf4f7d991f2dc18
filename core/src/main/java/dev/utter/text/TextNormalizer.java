package dev.utter.text;

import java.text.Normalizer;

/** Puts user text into the one canonical form the chunker and providers see. */
public final class TextNormalizer {
  private TextNormalizer() {}

  /** Unicode NFC, control characters removed, runs of whitespace collapsed to one space, trimmed. */
  public static String normalize(String text) {
    String nfc = Normalizer.normalize(text, Normalizer.Form.NFC);
    return nfc.replaceAll("\\p{Cntrl}", " ").replaceAll("\\s+", " ").strip();
  }
}
