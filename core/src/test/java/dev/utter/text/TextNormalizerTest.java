package dev.utter.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.text.Normalizer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
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

  @Test
  void leavesCanonicalTextAsItIs() {
    String text = "Plain text, with 3.14 and a café.";
    assertEquals(text, TextNormalizer.normalize(text));
  }

  @Property(tries = 300)
  void theResultIsCanonicalAndStable(@ForAll("messyTexts") String text) {
    String normalized = TextNormalizer.normalize(text);
    assertTrue(Normalizer.isNormalized(normalized, Normalizer.Form.NFC), normalized);
    assertEquals(normalized.strip(), normalized);
    assertFalse(normalized.contains("  "), normalized);
    normalized.codePoints().forEach(cp -> {
      assertTrue(cp == ' ' || !(Character.isWhitespace(cp) || Character.isSpaceChar(cp)), "whitespace " + cp);
      assertFalse(Character.getType(cp) == Character.CONTROL || Character.getType(cp) == Character.SURROGATE, "control " + cp);
      assertFalse(cp == 0x85 || cp == 0xAD || cp == 0xFEFF || cp == 0x200B || cp == 0x2060, "invisible " + cp);
    });
    assertEquals(normalized, TextNormalizer.normalize(normalized));
  }

  @Provide
  Arbitrary<String> messyTexts() {
    return Arbitraries.oneOf(
            Arbitraries.chars().range((char) 0, (char) 0x2FF),
            Arbitraries.of(' ', ' ', '\n', '\u0085', '\u00A0', '\u00AD', '\u0301', '\u0327', '\u1100', '\u1161',
                '\u11A8', '\u2028', '\u3000', '\uFEFF', '\u200B', '\u200D', '\u2060', '\uD83D', '\uDE00', '\u6771'))
        .list().ofMaxSize(40)
        .map(chars -> chars.stream().map(String::valueOf).reduce("", String::concat));
  }
}
