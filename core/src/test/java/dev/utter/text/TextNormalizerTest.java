package dev.utter.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TextNormalizerTest {
  @Test
  void collapsesEveryKindOfWhitespaceToOneSpace() {
    assertEquals("a b c d e", TextNormalizer.normalize("  a \t b\n\nc\u00A0d\u3000\u2003e \r\n"));
  }

  @Test
  void removesControlCharacters() {
    assertEquals("abc", TextNormalizer.normalize("a\u0000b\u0007\u001Bc\u007F"));
  }

  @Test
  void composesToNfc() {
    assertEquals("caf\u00E9", TextNormalizer.normalize("cafe\u0301"));
  }

  @Test
  void keepsEmojiAndCjkIntact() {
    assertEquals("你好 👋🏽 世界", TextNormalizer.normalize("你好\n👋🏽   世界"));
  }

  @Test
  void isIdempotent() {
    String once = TextNormalizer.normalize(" Hello,\tworld!\n\u0301 ");
    assertEquals(once, TextNormalizer.normalize(once));
  }

  @Test
  void blankTextBecomesEmpty() {
    assertEquals("", TextNormalizer.normalize(" \n\t\u0000 "));
  }
}
