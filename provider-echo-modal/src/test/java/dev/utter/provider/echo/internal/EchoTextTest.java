package dev.utter.provider.echo.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.utter.InvalidRequestException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EchoTextTest {

  @Test
  void prefixesTheSpeakerTag() {
    assertEquals("[S1] Hello there.", EchoText.normalize("Hello there."));
  }

  @Test
  void turnsColonsSemicolonsAndEmDashesIntoCommas() {
    assertEquals("[S1] One, two, three , four", EchoText.normalize("One: two; three — four"));
    assertEquals("[S1] a,b", EchoText.normalize("a—b"));
  }

  @Test
  void straightensQuotesEllipsesAndLineBreaks() {
    assertEquals("[S1] It's \"done\"... really", EchoText.normalize("It’s “done”… really"));
  }

  @Test
  void collapsesWhitespaceAndTrims() {
    assertEquals("[S1] one two three", EchoText.normalize("  one\n\ttwo \u00a0 three "));
  }

  @Test
  void keepsTextThatAlreadyNamesASpeakerOrOpensWithABracket() {
    assertEquals("[S2] Hi.", EchoText.normalize("[S2] Hi."));
    assertEquals("(laughs) Hi.", EchoText.normalize("(laughs) Hi."));
    assertEquals("Form S1 was filed.", EchoText.normalize("Form S1 was filed."));
  }

  @Test
  void countsTheTagInTheByteLength() {
    assertEquals(5 + 5, EchoText.normalizedBytes("Hello"));
  }

  @Test
  void countsMultiByteCharactersByTheirUtf8Length() {
    assertEquals(5 + 6, EchoText.normalizedBytes("café!")); // é is 2 bytes
    assertEquals(5 + 4, EchoText.normalizedBytes("😀")); // emoji: 4 bytes, 2 UTF-16 units
    assertEquals(5 + 9, EchoText.normalizedBytes("日本語")); // CJK: 3 bytes each
  }

  @Test
  void normalizationShrinksEmDashesAndCurlyQuotes() {
    String text = "—’”";
    assertEquals(9, text.getBytes(StandardCharsets.UTF_8).length);
    assertEquals(5 + 1 + 1 + 1, EchoText.normalizedBytes(text));
  }

  @Test
  void acceptsExactlyTheLimit() {
    String text = "a".repeat(EchoText.MAX_RAW_BYTES);
    assertEquals(767, EchoText.normalizedBytes(text));
    EchoText.checkLength(text);
  }

  @Test
  void rejectsOneByteOverTheLimitWithTheServiceWording() {
    InvalidRequestException e = assertThrows(InvalidRequestException.class,
        () -> EchoText.checkLength("a".repeat(EchoText.MAX_RAW_BYTES + 1)));
    assertEquals("Text is 768 bytes after normalization; Echo-TTS accepts at most 767 UTF-8 bytes per call",
        e.getMessage());
    assertEquals("text_too_long", e.code().orElseThrow());
  }

  @Test
  void rejectsMultiByteTextThatFitsInCharactersButNotInBytes() {
    String accents = "é".repeat(400); // 400 chars, 800 bytes
    String emoji = "😀".repeat(200); // 400 UTF-16 units, 800 bytes
    String cjk = "語".repeat(255); // 255 chars, 765 bytes: over once tagged
    for (String text : new String[] {accents, emoji, cjk}) {
      InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> EchoText.checkLength(text));
      assertTrue(e.getMessage().startsWith("Text is "), e.getMessage());
    }
    EchoText.checkLength("語".repeat(254)); // 762 + 5 bytes
  }
}
