package dev.utter.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

  private static int words(String s) {
    return s.isBlank() ? 0 : s.strip().split("\\s+").length;
  }

  @Test
  void packsWholeSentencesGreedily() {
    assertEquals(List.of("One two. Three four. ", "Five six. Seven."),
        chunk("One two. Three four. Five six. Seven.", ChunkLimits.chars(20)));
  }

  @Test
  void textThatFitsIsOneChunk() {
    assertEquals(List.of("Dr. Smith paid $2.50, e.g. Twice."), chunk("Dr. Smith paid $2.50, e.g. Twice.", ChunkLimits.chars(100)));
  }

  @Test
  void doesNotCutAtAbbreviationsOrDecimals() {
    assertEquals(List.of("Dr. Smith arrived. ", "Pi is 3.14 today."),
        chunk("Dr. Smith arrived. Pi is 3.14 today.", ChunkLimits.chars(20)));
  }

  @Test
  void cutsAnOverlongSentenceAtClausesFirst() {
    assertEquals(List.of("Alpha beta gamma, ", "delta epsilon zeta; ", "eta theta — iota: ", "kappa."),
        chunk("Alpha beta gamma, delta epsilon zeta; eta theta — iota: kappa.", ChunkLimits.chars(20)));
  }

  @Test
  void anOverlongSentenceStartsANewChunkAndItsTailJoinsTheNextSentence() {
    assertEquals(List.of("Hi. ", "Alpha beta gamma, ", "delta. Ok."),
        chunk("Hi. Alpha beta gamma, delta. Ok.", ChunkLimits.chars(17)));
  }

  @Test
  void doesNotCutInsideNumbersWithCommasOrColons() {
    assertEquals(List.of("Pay 1,000 at 10:30 ", "today, please."),
        chunk("Pay 1,000 at 10:30 today, please.", ChunkLimits.chars(18)));
  }

  @Test
  void thenAtWordBoundaries() {
    assertEquals(List.of("one two ", "three four ", "five six ", "seven ", "eight"),
        chunk("one two three four five six seven eight", ChunkLimits.chars(10)));
  }

  @Test
  void cutsInsideAWordOnlyWhenTheWordAloneIsTooLong() {
    assertEquals(List.of("a ", "supercal", "ifragili", "stic ", "word"),
        chunk("a supercalifragilistic word", ChunkLimits.chars(8)));
  }

  @Test
  void byteLimitCountsAccentsAsTwoBytes() {
    // "é" is 2 bytes: "Café crème" is 12 bytes (10 characters), "Café crème brûlée." 22 (18).
    assertEquals(List.of("Café crème ", "brûlée."), chunk("Café crème brûlée.", new ChunkLimits(0, 12, 0)));
  }

  @Test
  void byteLimitCountsCjkAsThreeBytesAndEmojiAsFour() {
    // 4 CJK characters or 3 emoji are 12 bytes.
    assertEquals(List.of("東京は大", "きい。", "😀😀😀"), chunk("東京は大きい。😀😀😀", new ChunkLimits(0, 12, 0)));
  }

  @Test
  void everyLimitAppliesAtOnce() {
    String text = "Café crème brûlée. Ünïcödé wörds. 😀😀😀 emoji. 東京は大きい。大阪も大きい。";
    for (String chunk : chunk(text, new ChunkLimits(20, 24, 3))) {
      String spoken = chunk.strip();
      assertTrue(spoken.length() <= 20 && bytes(spoken) <= 24 && words(spoken) <= 3, chunk);
    }
  }

  @Test
  void wordLimitBoundsEveryChunk() {
    assertEquals(List.of("one two three four five ", "six seven eight nine ten ", "eleven twelve. thirteen fourteen."),
        chunk("one two three four five six seven eight nine ten eleven twelve. thirteen fourteen.", new ChunkLimits(0, 0, 5)));
  }

  @Test
  void aWordCutFromCjkTextCountsAsAWord() {
    // The second chunk starts inside the run "好的走" and so holds two words, not one.
    TextChunker chunker = TextChunker.of(new ChunkLimits(3, 0, 1));
    assertEquals(List.of("你好的", "走 ", "吧"), chunker.chunk("你好的走 吧"));
  }

  @Test
  void neverCutsAGraphemeCluster() {
    String text = "👍🏽👍🏽👍🏽 👨‍👩‍👧👨‍👩‍👧 🇯🇵🇯🇵 ééé";
    List<String> chunks = TextChunker.of(new ChunkLimits(0, 18, 0)).chunk(TextNormalizer.normalize("👍🏽👍🏽👍🏽 👨‍👩‍👧👨‍👩‍👧 🇯🇵🇯🇵 e\u0301e\u0301e\u0301"));
    // 👍🏽 is 8 bytes, 👨‍👩‍👧 18 and 🇯🇵 8.
    assertEquals(List.of("👍🏽👍🏽", "👍🏽 ", "👨‍👩‍👧", "👨‍👩‍👧 ", "🇯🇵🇯🇵 ", "ééé"), chunks);
    assertEquals(text, String.join("", chunks));
  }

  @Test
  void aGraphemeClusterOverTheLimitIsAChunkOfItsOwn() {
    assertEquals(List.of("a", "👨‍👩‍👧 ", "b"), TextChunker.of(ChunkLimits.chars(1)).chunk("a👨‍👩‍👧 b"));
  }

  @Test
  void cjkTextWithoutSpacesIsCutAtItsPunctuation() {
    assertEquals(List.of("今天天气很好。", "我们去公园吧！", "好的，", "走吧走吧走吧。"),
        chunk("今天天气很好。我们去公园吧！好的，走吧走吧走吧。", ChunkLimits.chars(8)));
  }

  @Test
  void cjkTextWithoutPunctuationIsCutBetweenCharacters() {
    assertEquals(List.of("一二三四", "五六七八", "九"), chunk("一二三四五六七八九", ChunkLimits.chars(4)));
  }

  @Test
  void trailingSpaceIsNotCounted() {
    // "abc def " is 8 characters, but 7 stripped, as a provider receives it.
    assertEquals(List.of("abc def ", "ghi"), chunk("abc def ghi", ChunkLimits.chars(7)));
  }

  @Test
  void leadingWhitespaceOfUnnormalizedTextStaysWithTheFirstChunk() {
    assertEquals(List.of("  abcdef", "gh "), TextChunker.of(ChunkLimits.chars(6)).chunk("  abcdefgh "));
  }

  @Test
  void blankTextHasNoChunks() {
    assertEquals(List.of(), TextChunker.of(ChunkLimits.chars(10)).chunk(""));
    assertEquals(List.of(), TextChunker.of(ChunkLimits.chars(10)).chunk("   "));
  }

  @Test
  void fitsMeasuresTheStrippedText() {
    TextChunker chunker = TextChunker.of(new ChunkLimits(5, 6, 2));
    assertTrue(chunker.fits(" ab c "));
    assertFalse(chunker.fits("abcdef"));
    assertFalse(chunker.fits("ééé ë")); // 5 characters, 8 bytes
    assertFalse(chunker.fits("a b c"));
  }

  @Property(tries = 400)
  void chunksJoinToTheTextAndFitTheLimits(
      @ForAll("texts") String raw,
      @ForAll @IntRange(min = 1, max = 120) int maxChars,
      @ForAll @IntRange(min = 0, max = 300) int maxBytes,
      @ForAll @IntRange(min = 0, max = 30) int maxWords) {
    String text = TextNormalizer.normalize(raw);
    List<String> chunks = TextChunker.of(new ChunkLimits(maxChars, maxBytes, maxWords)).chunk(text);

    assertEquals(text, String.join("", chunks));
    Set<Integer> clusterBoundaries = clusterBoundaries(text);
    int offset = 0;
    for (String chunk : chunks) {
      assertFalse(chunk.isBlank(), "blank chunk in " + chunks);
      assertFalse(offset > 0 && Character.isWhitespace(chunk.charAt(0)), "space not with the chunk before in " + chunks);
      assertTrue(clusterBoundaries.contains(offset), "cut inside a grapheme cluster at " + offset + " in " + chunks);
      offset += chunk.length();
      String spoken = chunk.strip();
      boolean fits = spoken.length() <= maxChars
          && (maxBytes == 0 || bytes(spoken) <= maxBytes)
          && (maxWords == 0 || words(spoken) <= maxWords);
      assertTrue(fits || isOneCluster(spoken), "\"" + spoken + "\" over " + maxChars + "/" + maxBytes + "/" + maxWords);
    }
  }

  private static final Pattern CLUSTER = Pattern.compile("\\X");

  private static Set<Integer> clusterBoundaries(String text) {
    Set<Integer> boundaries = new HashSet<>();
    Matcher m = CLUSTER.matcher(text);
    while (m.find()) {
      boundaries.add(m.start());
    }
    return boundaries;
  }

  private static boolean isOneCluster(String text) {
    return CLUSTER.matcher(text).matches();
  }

  @Provide
  Arbitrary<String> texts() {
    Arbitrary<String> latin = Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyzéèüößçñ ABCÉ").ofMinLength(1).ofMaxLength(12);
    Arbitrary<String> longWord = Arbitraries.strings().withCharRange('a', 'z').ofMinLength(20).ofMaxLength(60);
    Arbitrary<String> cyrillic = Arbitraries.strings().withChars("абвгдежзийклмнопрстуфхцчшщъыьэюяАБВЁё ").ofMinLength(1).ofMaxLength(12);
    Arbitrary<String> cjk = Arbitraries.strings().withCharRange('一', '龥').ofMinLength(1).ofMaxLength(30);
    Arbitrary<String> kana = Arbitraries.strings().withCharRange('ぁ', 'ゖ').ofMinLength(1).ofMaxLength(10);
    Arbitrary<String> emoji = Arbitraries.of("😀", "👍🏽", "🇯🇵", "e\u0301", "❤️", "👨‍👩‍👧", "🏳️‍🌈");
    Arbitrary<String> numbers = Arbitraries.of("3.14", "$2.50", "1,000", "42", "10:30", "３．１４");
    Arbitrary<String> marks = Arbitraries.of(". ", "! ", "? ", ", ", "; ", ": ", " — ", "—", "。", "！", "？", "；", "，", "、",
        "... ", "… ", "\" ", "» ", "」", " ", "  ", "\n", "\t", "\u00A0", "\u0000");
    Arbitrary<String> abbreviations = Arbitraries.of("Dr. ", "e.g. ", "i.e. ", "Mr. ", "U.S. ", "etc. ", "J. ");
    return Arbitraries.oneOf(latin, longWord, cyrillic, cjk, kana, emoji, numbers, marks, abbreviations)
        .list().ofMinSize(0).ofMaxSize(80)
        .map(parts -> String.join("", parts));
  }
}
