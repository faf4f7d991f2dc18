package dev.utter.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class TextChunkerTest {
  private static List<String> chunk(String text, ChunkLimits limits) {
    return TextChunker.of(limits).chunk(TextNormalizer.normalize(text));
  }

  private static int bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }

  @Test
  void packsWholeSentencesGreedily() {
    List<String> chunks = chunk("One two. Three four. Five six. Seven.", ChunkLimits.chars(20));
    assertEquals(List.of("One two. Three four. ", "Five six. Seven."), chunks);
  }

  @Test
  void cutsAnOverlongSentenceAtClausesFirst() {
    List<String> chunks = chunk("Alpha beta gamma, delta epsilon zeta, eta theta iota.", ChunkLimits.chars(20));
    assertEquals(List.of("Alpha beta gamma, ", "delta epsilon zeta, ", "eta theta iota."), chunks);
  }

  @Test
  void thenAtWordBoundaries() {
    List<String> chunks = chunk("one two three four five six seven eight", ChunkLimits.chars(10));
    assertEquals(List.of("one two ", "three four ", "five six ", "seven ", "eight"), chunks);
  }

  @Test
  void cutsInsideAWordOnlyWhenTheWordAloneIsTooLong() {
    List<String> chunks = chunk("a supercalifragilistic word", ChunkLimits.chars(8));
    assertEquals(List.of("a ", "supercal", "ifragili", "stic ", "word"), chunks);
  }

  @Test
  void byteLimitCountsMultiByteCharacters() {
    String text = "Café crème brûlée. Ünïcödé wörds. 😀😀😀 emoji. 東京は大きい。大阪も大きい。";
    for (String chunk : chunk(text, new ChunkLimits(0, 24, 0))) {
      assertTrue(bytes(chunk.strip()) <= 24, chunk + " is " + bytes(chunk.strip()) + " bytes");
    }
  }

  @Test
  void neverCutsASurrogatePairOrACombiningSequence() {
    String text = "👍🏽👍🏽👍🏽👍🏽👍🏽 e\u0301e\u0301e\u0301";
    for (String chunk : TextChunker.of(new ChunkLimits(0, 9, 0)).chunk(text)) {
      assertFalse(Character.isLowSurrogate(chunk.charAt(0)), "starts inside a pair: " + chunk);
      assertFalse(chunk.charAt(0) == '\u0301', "starts with a combining mark: " + chunk);
    }
  }

  @Test
  void wordLimitBoundsEveryChunk() {
    String text = "one two three four five six seven eight nine ten eleven twelve. thirteen fourteen.";
    for (String chunk : chunk(text, new ChunkLimits(0, 0, 5))) {
      assertTrue(TextChunker.words(chunk.strip()) <= 5, chunk);
    }
  }

  @Test
  void cjkTextWithoutSpacesIsCutAtItsPunctuation() {
    List<String> chunks = chunk("今天天气很好。我们去公园吧！好的，走吧。", ChunkLimits.chars(8));
    assertEquals(List.of("今天天气很好。", "我们去公园吧！", "好的，走吧。"), chunks);
  }

  @Test
  void emptyTextHasNoChunks() {
    assertEquals(List.of(), chunk("   ", ChunkLimits.chars(10)));
  }

  @Test
  void utf8LengthMatchesTheEncoder() {
    String text = "aé東😀\uD800x";
    assertEquals(text.getBytes(StandardCharsets.UTF_8).length, TextChunker.utf8Length(text));
  }

  @Property(tries = 300)
  void chunksJoinToTheTextAndFitTheLimits(
      @ForAll("texts") String raw,
      @ForAll @IntRange(min = 4, max = 120) int maxChars,
      @ForAll @IntRange(min = 8, max = 300) int maxBytes,
      @ForAll @IntRange(min = 0, max = 30) int maxWords) {
    String text = TextNormalizer.normalize(raw);
    ChunkLimits limits = new ChunkLimits(maxChars, maxBytes, maxWords);
    List<String> chunks = TextChunker.of(limits).chunk(text);

    assertEquals(text, String.join("", chunks));
    for (String chunk : chunks) {
      assertFalse(chunk.isBlank(), "blank chunk in " + chunks);
      String spoken = chunk.strip();
      boolean singleGrapheme = spoken.codePointCount(0, spoken.length()) <= 2;
      if (!singleGrapheme) {
        assertTrue(spoken.length() <= maxChars, spoken + " over " + maxChars + " chars");
        assertTrue(bytes(spoken) <= maxBytes, spoken + " over " + maxBytes + " bytes");
        assertTrue(maxWords == 0 || TextChunker.words(spoken) <= maxWords, spoken + " over " + maxWords + " words");
      }
    }
  }

  @Provide
  Arbitrary<String> texts() {
    Arbitrary<String> latin = Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyzéèüößç ABC").ofMinLength(1).ofMaxLength(12);
    Arbitrary<String> cyrillic = Arbitraries.strings().withCharRange('а', 'я').ofMinLength(1).ofMaxLength(10);
    Arbitrary<String> cjk = Arbitraries.strings().withCharRange('一', '龥').ofMinLength(1).ofMaxLength(15);
    Arbitrary<String> emoji = Arbitraries.of("😀", "👍🏽", "🇯🇵", "e\u0301", "❤️");
    Arbitrary<String> numbers = Arbitraries.of("3.14", "$2.50", "1,000", "42");
    Arbitrary<String> marks = Arbitraries.of(". ", "! ", "? ", ", ", "; ", ": ", " — ", "。", "！", "，", "、", "... ", " ", "\n", "\t");
    Arbitrary<String> abbreviations = Arbitraries.of("Dr. ", "e.g. ", "Mr. ", "U.S. ");
    return Arbitraries.oneOf(latin, cyrillic, cjk, emoji, numbers, marks, abbreviations)
        .list().ofMinSize(0).ofMaxSize(80)
        .map(parts -> String.join("", parts));
  }
}
