package dev.utter.text;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Packs normalized text into chunks that each fit one provider call.
 *
 * <p>Whole sentences are packed greedily: a chunk takes the next sentence while it still fits. A
 * sentence too long on its own is cut after clause punctuation ({@code , ; : —} and the CJK
 * {@code 、，；：}), a clause too long at spaces, and only a single word too long for the limit is cut
 * inside, between grapheme clusters (never inside a surrogate pair or a combining sequence).
 *
 * <p>Guarantees: no chunk is empty; the chunks put back together are the input exactly (the space
 * after a piece belongs to the chunk before); every chunk, stripped of surrounding spaces as a
 * provider receives it, is within every limit. Immutable and thread-safe.
 */
public final class TextChunker {
  private final ChunkLimits limits;

  private TextChunker(ChunkLimits limits) {
    this.limits = Objects.requireNonNull(limits, "limits == null");
  }

  public static TextChunker of(ChunkLimits limits) {
    return new TextChunker(limits);
  }

  public ChunkLimits limits() {
    return limits;
  }

  /** Whether {@code text}, stripped, is within every limit. */
  public boolean fits(String text) {
    String spoken = text.strip();
    if (limits.maxChars() > 0 && spoken.length() > limits.maxChars()) {
      return false;
    }
    if (limits.maxUtf8Bytes() > 0 && utf8Length(spoken) > limits.maxUtf8Bytes()) {
      return false;
    }
    return limits.maxWords() == 0 || words(spoken) <= limits.maxWords();
  }

  /**
   * The chunks of {@code normalizedText} (see {@link TextNormalizer}); empty for empty text.
   */
  public List<String> chunk(String normalizedText) {
    Objects.requireNonNull(normalizedText, "normalizedText == null");
    Packer packer = new Packer();
    for (String sentence : SentenceSegmenter.split(normalizedText)) {
      packer.add(sentence, Level.SENTENCE);
    }
    return packer.finish();
  }

  private enum Level {
    SENTENCE, CLAUSE, WORD, GRAPHEME
  }

  /** Greedy packing of pieces into chunks, cutting a piece finer when it does not fit alone. */
  private final class Packer {
    private final List<String> chunks = new ArrayList<>();
    private final StringBuilder current = new StringBuilder();

    void add(String piece, Level level) {
      if (current.length() > 0 && fits(current + piece)) {
        current.append(piece);
        return;
      }
      if (fits(piece)) {
        flush();
        current.append(piece);
        return;
      }
      if (level == Level.GRAPHEME) {
        // One grapheme cluster over the limit: it cannot be cut, so it is a chunk of its own.
        flush();
        current.append(piece);
        return;
      }
      Level finer = Level.values()[level.ordinal() + 1];
      if (finer == Level.GRAPHEME) {
        flush(); // a word cut inside starts a chunk of its own
      }
      for (String part : cut(piece, finer)) {
        add(part, finer);
      }
    }

    List<String> finish() {
      flush();
      return chunks;
    }

    private void flush() {
      if (current.length() > 0) {
        chunks.add(current.toString());
        current.setLength(0);
      }
    }
  }

  /** {@code text} cut into consecutive pieces at {@code level}; the pieces join to {@code text}. */
  private static List<String> cut(String text, Level level) {
    List<String> pieces = new ArrayList<>();
    if (level == Level.GRAPHEME) {
      BreakIterator graphemes = BreakIterator.getCharacterInstance(Locale.ROOT);
      graphemes.setText(text);
      int start = graphemes.first();
      for (int end = graphemes.next(); end != BreakIterator.DONE; start = end, end = graphemes.next()) {
        pieces.add(text.substring(start, end));
      }
      return pieces;
    }
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean boundary = level == Level.CLAUSE
          ? isCjkClauseMark(c) || (isClauseMark(c) && i + 1 < text.length() && text.charAt(i + 1) == ' ')
          : c == ' ';
      if (boundary) {
        int end = i + 1;
        while (end < text.length() && text.charAt(end) == ' ') {
          end++;
        }
        pieces.add(text.substring(start, end));
        start = end;
        i = end - 1;
      }
    }
    if (start < text.length()) {
      pieces.add(text.substring(start));
    }
    return pieces;
  }

  private static boolean isClauseMark(char c) {
    return c == ',' || c == ';' || c == ':' || c == '—' || c == '–';
  }

  private static boolean isCjkClauseMark(char c) {
    return c == '、' || c == '，' || c == '；' || c == '：';
  }

  /** The number of UTF-8 bytes of {@code text}, counted without encoding it. */
  public static int utf8Length(CharSequence text) {
    int bytes = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        bytes += 1;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        bytes += 4;
        i++;
      } else if (Character.isSurrogate(c)) {
        bytes += 1; // a lone surrogate is encoded as '?'
      } else {
        bytes += 3;
      }
    }
    return bytes;
  }

  /** The number of space-separated words in {@code text}. */
  public static int words(String text) {
    int count = 0;
    boolean inWord = false;
    for (int i = 0; i < text.length(); i++) {
      boolean space = text.charAt(i) == ' ';
      if (!space && !inWord) {
        count++;
      }
      inWord = !space;
    }
    return count;
  }
}
