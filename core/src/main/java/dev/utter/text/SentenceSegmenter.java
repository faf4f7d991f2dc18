package dev.utter.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Cuts text into sentences, for the {@link TextChunker} and for anyone who wants sentences.
 *
 * <p>A sentence ends:
 * <ul>
 *   <li>after a run of {@code . ! ? …} (so "..." and "?!" stay whole), with any closing quotes or
 *       brackets after it, when whitespace or the end of the text follows;</li>
 *   <li>right after the CJK marks {@code 。 ！ ？ ；} and the halfwidth {@code ｡} (and any closing
 *       quotes or brackets), whatever follows, as CJK text has no spaces; the fullwidth {@code ．}
 *       too, except between digits.</li>
 * </ul>
 * A period followed by whitespace still does not end a sentence after a title or a reference
 * abbreviation ("Dr.", "Mr.", "e.g.", "i.e.", "U.S.", "No.", "Fig."), after a single letter initial
 * ("J. R. R. Tolkien"), or when the next word starts in lower case ("He said no. and left.").
 * Abbreviations that often close a sentence ("etc.", "a.m.", "Inc.") end one when the next word
 * does not start in lower case. A period with no whitespace after it, as in "3.14", "$2.50" or
 * "example.com", never ends a sentence.
 *
 * <p>The whitespace after a sentence belongs to it, so the sentences put back together are the input
 * exactly. Time is linear in the length of the text. Stateless and thread-safe.
 */
public final class SentenceSegmenter {
  /**
   * Abbreviations followed by what they qualify: a period after them never ends a sentence. Others,
   * such as "etc.", "a.m." or "Inc.", end one like any word does.
   */
  private static final Set<String> NON_FINAL_ABBREVIATIONS = Set.of(
      "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "mt", "ft", "vs", "e.g", "i.e", "cf", "viz",
      "u.s", "u.k", "u.n", "no", "nos", "fig", "figs", "eq", "approx", "dept", "gen", "gov", "col",
      "capt", "lt", "sgt", "rev", "hon", "vol", "pp", "ed", "eds", "ch", "sec", "art", "op", "jan",
      "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec");
  /** The longest abbreviation, to bound the look-back. */
  private static final int LONGEST_ABBREVIATION = 6;

  private SentenceSegmenter() {}

  /**
   * The sentences of {@code text}, in order, none empty; their concatenation is {@code text}.
   *
   * @param text any text; not null
   * @return the sentences; empty for empty text
   */
  public static List<String> split(String text) {
    Objects.requireNonNull(text, "text == null");
    List<String> sentences = new ArrayList<>();
    for (int start = 0; start < text.length(); ) {
      int end = sentenceEnd(text, start);
      sentences.add(text.substring(start, end));
      start = end;
    }
    return sentences;
  }

  /**
   * The end (exclusive) of the sentence that starts at {@code from}, whitespace after it included;
   * greater than {@code from} when {@code from < text.length()}.
   */
  static int sentenceEnd(String text, int from) {
    int n = text.length();
    int i = from;
    while (i < n) {
      char c = text.charAt(i);
      if (isCjkTerminator(text, i)) {
        return skipWhitespace(text, skipClosers(text, skipTerminators(text, i + 1)));
      }
      if (isTerminator(c)) {
        int afterMarks = skipTerminators(text, i + 1);
        int afterClosers = skipClosers(text, afterMarks);
        if (afterClosers == n) {
          return n;
        }
        if (Character.isWhitespace(text.charAt(afterClosers)) && endsSentence(text, i, afterMarks, afterClosers)) {
          return skipWhitespace(text, afterClosers);
        }
        i = afterMarks;
      } else {
        i++;
      }
    }
    return n;
  }

  /**
   * Whether the marks {@code [mark, afterMarks)}, followed by whitespace at {@code space}, end a
   * sentence.
   */
  private static boolean endsSentence(String text, int mark, int afterMarks, int space) {
    int next = skipWhitespace(text, space);
    if (next < text.length() && Character.isLowerCase(text.codePointAt(next))) {
      return false;
    }
    if (afterMarks - mark > 1 || text.charAt(mark) != '.') {
      return true;
    }
    int wordStart = mark;
    while (wordStart > 0 && mark - wordStart <= LONGEST_ABBREVIATION
        && (Character.isLetter(text.charAt(wordStart - 1)) || text.charAt(wordStart - 1) == '.')) {
      wordStart--;
    }
    if (wordStart > 0 && Character.isLetterOrDigit(text.charAt(wordStart - 1))) {
      return true; // a longer word than any abbreviation
    }
    if (mark - wordStart == 1 && Character.isUpperCase(text.charAt(wordStart))) {
      return false; // an initial
    }
    return !NON_FINAL_ABBREVIATIONS.contains(text.substring(wordStart, mark).toLowerCase(Locale.ROOT));
  }

  private static boolean isTerminator(char c) {
    return c == '.' || c == '!' || c == '?' || c == '…';
  }

  private static boolean isCjkTerminator(String text, int i) {
    char c = text.charAt(i);
    if (c == '．') {
      return !(i > 0 && Character.isDigit(text.charAt(i - 1))
          && i + 1 < text.length() && Character.isDigit(text.charAt(i + 1)));
    }
    return c == '。' || c == '！' || c == '？' || c == '；' || c == '｡';
  }

  private static int skipTerminators(String text, int from) {
    int i = from;
    while (i < text.length() && (isTerminator(text.charAt(i)) || isCjkTerminator(text, i))) {
      i++;
    }
    return i;
  }

  /** The first index at or after {@code from} that is not a closing quote or bracket. */
  static int skipClosers(String text, int from) {
    int i = from;
    while (i < text.length() && isCloser(text.charAt(i))) {
      i++;
    }
    return i;
  }

  /** The first index at or after {@code from} that is not whitespace (as {@link String#strip()} sees it). */
  static int skipWhitespace(String text, int from) {
    int i = from;
    while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
      i++;
    }
    return i;
  }

  private static boolean isCloser(char c) {
    switch (c) {
      case '"': case '\'': case ')': case ']': case '}': case '’': case '”': case '»': case '›':
      case '」': case '』': case '）': case '】': case '》': case '〉': case '〕': case '］': case '｝':
        return true;
      default:
        return false;
    }
  }
}
