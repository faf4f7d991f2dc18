package dev.utter.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TextNormalizerTest {
  @Test
  void collapsesEveryKindOfWhitespaceToOneSpace() {
    assertEquals("a b c d e f g", TextNormalizer.normalize("  a \t b\n\nc\u00A0d\u3000\u2003e\u2028f\u0085g \r\n"));
  }

  @Test
  void removesControlCharacters() {
    assertEquals("abc", TextNormalizer.normalize("a\u0000b\u0007\u001Bc\u007F\u009F"));
  }

  @Test
  void removesInvisibleCharactersThatCarryNothingToSpeak() {
    assertEquals("cooperate now", TextNormalizer.normalize("\uFEFFco\u00ADoper\u200Bate\u2060 now"));
  }

  @Test
  void removesUnpairedSurrogates() {
    assertEquals("ab😀", TextNormalizer.normalize("a\uD800b\uDC00😀"));
  }

  @Test
  void composesToNfc() {
    assertEquals("caf\u00E9 \uD55C", TextNormalizer.normalize("cafe\u0301 \u1112\u1161\u11AB"));
  }

  @Test
  void composesAMarkWithItsBaseAcrossARemovedControl() {
    assertEquals("\u00E9", TextNormalizer.normalize("e\u0000\u0301"));
  }

  @Test
  void keepsEmojiSequencesAndCjkIntact() {
    assertEquals("你好 👋🏽 👨‍👩‍👧 🇯🇵 世界", TextNormalizer.normalize("你好\n👋🏽   👨‍👩‍👧\t🇯🇵 世界"));
  }

  @Test
  void isIdempotent() {
    String once = TextNormalizer.normalize(" Hello,\tworld!\n\u0301 e\u0007\u0301\u00A0x ");
    assertEquals(once, TextNormalizer.normalize(once));
  }

  @Test
  void blankTextBecomesEmpty() {
    assertEquals("", TextNormalizer.normalize(" \n\t\u0000\uFEFF "));
  }

  @Test
  void rejectsNull() {
    assertThrows(NullPointerException.class, () -> TextNormalizer.normalize(null));
  }
}
