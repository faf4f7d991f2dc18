package dev.utter.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Packs normalized text into chunks that each fit one provider call.
 *
 * <p><b>Packing.</b> Sentences (see {@link SentenceSegmenter}) are packed greedily: a chunk takes
 * the next whole sentence while the result still fits, which gives few chunks that end at sentence
 * ends. A sentence too long for a chunk of its own starts a new chunk and is cut finer, each level
 * packed greedily the same way:
 * <ol>
 *   <li>after clause punctuation: {@code , ; :} followed by whitespace, the dash {@code —}, and the
 *       CJK {@code 、 ， ； ：};</li>
 *   <li>after whitespace, between words;</li>
 *   <li>only for a single word too long for the limit: between grapheme clusters (extended, as
 *       {@code \X} matches them), so a cut never splits a surrogate pair, a base letter from its
 *       accents, or an emoji sequence. Such a word starts a new chunk.</li>
 * </ol>
 * The last piece of a cut sentence may share its chunk with the sentences after it.
 *
 * <p><b>Measure.</b> A chunk is measured as a provider receives it: stripped of surrounding
 * whitespace ({@link String#strip()}). Characters are UTF-16 code units, bytes are UTF-8 bytes, and
 * words are runs of non-whitespace. The whitespace after a piece belongs to the chunk before.
 *
 * <p><b>Guarantees</b>, for any text that is not blank: no chunk is empty or blank; the chunks put
 * back together are the text exactly; and every chunk, stripped, is within every limit, except a
 * chunk that is one grapheme cluster longer than the limit on its own (such as a 4-character emoji
 * under a 2-character limit), which cannot be cut. Blank text has no chunks. Time and memory are
 * linear in the length of the text.
 *
 * <p>Immutable and thread-safe.
 */
public final class TextChunker {
  private static final Pattern GRAPHEME_CLUSTER = Pattern.compile("\\X");

  private final ChunkLimits limits;

  private TextChunker(ChunkLimits limits) {
    this.limits = Objects.requireNonNull(limits, "limits == null");
  }

  /**
   * A chunker for {@code limits}.
   *
   * @param limits the per-call limits; not null
   * @return a chunker
   */
  public static TextChunker of(ChunkLimits limits) {
    return new TextChunker(limits);
  }

  /**
   * The limits every chunk is within.
   *
   * @return the limits given to {@link #of}
   */
  public ChunkLimits limits() {
    return limits;
  }

  /**
   * Whether {@code text}, stripped of surrounding whitespace, is within every limit.
   *
   * @param text any text; not null
   * @return true when one call can take it
   */
  public boolean fits(String text) {
    Objects.requireNonNull(text, "text == null");
    return new Measure(text).fits(0, text.length());
  }

  /**
   * The chunks of {@code normalizedText}, in order; empty when it is blank. The text is expected to
   * come from {@link TextNormalizer#normalize}, though the guarantees above hold for any text.
   *
   * @param normalizedText the text to cut; not null
   * @return the chunks, which put together are the text exactly; a new list
   */
  public List<String> chunk(String normalizedText) {
    Objects.requireNonNull(normalizedText, "normalizedText == null");
    if (normalizedText.isBlank()) {
      return List.of();
    }
    return new Packer(normalizedText).pack();
  }

  /** The finer ways to cut a piece of text, coarsest first. */
  private enum Level {
    SENTENCE, CLAUSE, WORD, GRAPHEME;

    Level finer() {
      return values()[ordinal() + 1];
    }
  }

  /** Measures any range of one text in constant time, from prefix sums of its bytes and word starts. */
  private class Measure {
    final String text;
    /** UTF-8 bytes of {@code text[0, i)}; null when bytes are not limited. */
    private final int[] bytesBefore;
    /** Word starts in {@code text[0, i)}; null when words are not limited. */
    private final int[] wordsBefore;

    Measure(String text) {
      this.text = text;
      int n = text.length();
      bytesBefore = limits.maxUtf8Bytes() > 0 ? new int[n + 1] : null;
      wordsBefore = limits.maxWords() > 0 ? new int[n + 1] : null;
      int bytes = 0;
      int words = 0;
      boolean afterSpace = true;
      for (int i = 0; i < n && (bytesBefore != null || wordsBefore != null); i++) {
        char c = text.charAt(i);
        if (bytesBefore != null) {
          bytes += c < 0x80 ? 1 : utf8Bytes(text, i);
          bytesBefore[i + 1] = bytes;
        }
        if (wordsBefore != null) {
          boolean space = Character.isWhitespace(c);
          if (!space && afterSpace) {
            words++;
          }
          afterSpace = space;
          wordsBefore[i + 1] = words;
        }
      }
    }

    /** Whether {@code text[from, to)}, stripped, is within every limit. */
    final boolean fits(int from, int to) {
      int start = SentenceSegmenter.skipWhitespace(text, from);
      int end = to;
      while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
        end--;
      }
      if (start >= end) {
        return true;
      }
      if (limits.maxChars() > 0 && end - start > limits.maxChars()) {
        return false;
      }
      if (bytesBefore != null && bytesBefore[end] - bytesBefore[start] > limits.maxUtf8Bytes()) {
        return false;
      }
      // start is not whitespace: it begins a word in the range even when it does not in the text.
      return wordsBefore == null
          || wordsBefore[end] - wordsBefore[start] + (isWordStart(start) ? 0 : 1) <= limits.maxWords();
    }

    final boolean isBlank(int from, int to) {
      return SentenceSegmenter.skipWhitespace(text, from) >= to;
    }

    private boolean isWordStart(int i) {
      return !Character.isWhitespace(text.charAt(i)) && (i == 0 || Character.isWhitespace(text.charAt(i - 1)));
    }
  }

  /**
   * One run of greedy packing. The current chunk is {@code text[start, end)}; pieces come in order,
   * so each piece begins at {@code end}.
   */
  private final class Packer extends Measure {
    private final Matcher graphemes;
    private final List<String> chunks = new ArrayList<>();
    private int start;
    private int end;

    Packer(String text) {
      super(text);
      graphemes = GRAPHEME_CLUSTER.matcher(text);
    }

    List<String> pack() {
      while (end < text.length()) {
        add(end, SentenceSegmenter.sentenceEnd(text, end), Level.SENTENCE);
      }
      flush();
      return chunks;
    }

    /** Adds the piece {@code text[from, to)}, where {@code from == end}. */
    private void add(int from, int to, Level level) {
      if (isBlank(from, to) || fits(start, to)) {
        end = to;
        return;
      }
      flush();
      if (fits(start, to) || level == Level.GRAPHEME) {
        end = to; // a grapheme cluster over the limit on its own is a chunk of its own
        return;
      }
      Level finer = level.finer();
      for (int piece = from; piece < to; ) {
        int pieceEnd = pieceEnd(finer, piece, to);
        add(piece, pieceEnd, finer);
        piece = pieceEnd;
      }
    }

    /** Ends the current chunk, unless it is blank: leading whitespace stays for the next one. */
    private void flush() {
      if (!isBlank(start, end)) {
        chunks.add(text.substring(start, end));
        start = end;
      }
    }

    /** The end of the piece at {@code level} that starts at {@code from}, at most {@code to}. */
    private int pieceEnd(Level level, int from, int to) {
      switch (level) {
        case CLAUSE:
          return clauseEnd(from, to);
        case WORD:
          int i = SentenceSegmenter.skipWhitespace(text, from);
          while (i < to && !Character.isWhitespace(text.charAt(i))) {
            i++;
          }
          return Math.min(SentenceSegmenter.skipWhitespace(text, i), to);
        case GRAPHEME:
          graphemes.region(from, to);
          graphemes.lookingAt();
          return graphemes.end();
        default:
          throw new AssertionError(level);
      }
    }

    private int clauseEnd(int from, int to) {
      for (int i = from; i < to; i++) {
        char c = text.charAt(i);
        int after;
        if (isCjkClauseMark(c) || c == '—') {
          after = SentenceSegmenter.skipClosers(text, i + 1);
        } else if (c == ',' || c == ';' || c == ':') {
          after = SentenceSegmenter.skipClosers(text, i + 1);
          if (after >= to || !Character.isWhitespace(text.charAt(after))) {
            continue; // "1,000", "10:30"
          }
        } else {
          continue;
        }
        return Math.min(SentenceSegmenter.skipWhitespace(text, after), to);
      }
      return to;
    }
  }

  private static boolean isCjkClauseMark(char c) {
    return c == '、' || c == '，' || c == '；' || c == '：';
  }

  /** The UTF-8 bytes of the character at {@code i}, counting a surrogate pair at its first half. */
  private static int utf8Bytes(String text, int i) {
    char c = text.charAt(i);
    if (c < 0x80) {
      return 1;
    } else if (c < 0x800) {
      return 2;
    } else if (Character.isHighSurrogate(c)) {
      return i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1)) ? 4 : 1;
    } else if (Character.isLowSurrogate(c)) {
      return i > 0 && Character.isHighSurrogate(text.charAt(i - 1)) ? 0 : 1; // alone, encoded as '?'
    }
    return 3;
  }
}
