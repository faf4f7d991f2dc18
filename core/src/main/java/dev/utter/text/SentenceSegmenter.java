package dev.utter.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Cuts text into sentences. A sentence ends after {@code . ! ? …} (and any closing quotes or brackets)
 * followed by a space, or right after the CJK marks {@code 。！？；}. A period does not end a sentence
 * after a known abbreviation ("Dr.", "e.g.", "U.S."), after a single initial ("J. Smith"), inside a
 * number ("3.14") or when the next word starts in lower case. The space after a sentence belongs to
 * it, so the sentences put back together are the input exactly. Thread-safe.
 */
public final class SentenceSegmenter {
  private static final Set<String> ABBREVIATIONS = Set.of(
      "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "mt", "vs", "etc", "e.g", "i.e", "cf", "al",
      "u.s", "u.k", "a.m", "p.m", "no", "nos", "fig", "figs", "approx", "inc", "ltd", "co", "corp",
      "dept", "est", "gen", "gov", "col", "capt", "lt", "sgt", "rev", "hon", "vol", "pp", "ed", "eds",
      "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec");

  private SentenceSegmenter() {}

  /** The sentences of {@code text}, in order; their concatenation is {@code text}. */
  public static List<String> split(String text) {
    List<String> sentences = new ArrayList<>();
    int start = 0;
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      int end = -1;
      if (isCjkTerminator(c)) {
        end = skipClosers(text, i + 1);
      } else if (c == '.' || c == '!' || c == '?' || c == '…') {
        int afterMarks = i + 1;
        while (afterMarks < text.length() && isTerminator(text.charAt(afterMarks))) {
          afterMarks++;
        }
        int afterClosers = skipClosers(text, afterMarks);
        if (afterClosers == text.length()
            || (TextNormalizer.isSpace(text.charAt(afterClosers)) && endsSentence(text, i, afterClosers))) {
          end = afterClosers;
        } else {
          i = afterMarks;
          continue;
        }
      }
      if (end < 0) {
        i++;
        continue;
      }
      while (end < text.length() && TextNormalizer.isSpace(text.charAt(end))) {
        end++;
      }
      sentences.add(text.substring(start, end));
      start = end;
      i = end;
    }
    if (start < text.length()) {
      sentences.add(text.substring(start));
    }
    return sentences;
  }

  /** Whether the mark at {@code mark}, followed by a space at {@code space}, ends a sentence. */
  private static boolean endsSentence(String text, int mark, int space) {
    int next = space;
    while (next < text.length() && TextNormalizer.isSpace(text.charAt(next))) {
      next++;
    }
    if (next < text.length() && Character.isLowerCase(text.codePointAt(next))) {
      return false;
    }
    if (text.charAt(mark) != '.') {
      return true;
    }
    String word = wordBefore(text, mark);
    if (word.length() == 1 && Character.isLetter(word.charAt(0))) {
      return false;
    }
    return !ABBREVIATIONS.contains(word.toLowerCase(Locale.ROOT));
  }

  /** The token before {@code mark}: letters and inner periods, as in "e.g" or "U.S". */
  private static String wordBefore(String text, int mark) {
    int from = mark;
    while (from > 0 && (Character.isLetter(text.charAt(from - 1)) || text.charAt(from - 1) == '.')) {
      from--;
    }
    return text.substring(from, mark);
  }

  private static int skipClosers(String text, int from) {
    int i = from;
    while (i < text.length() && isCloser(text.charAt(i))) {
      i++;
    }
    return i;
  }

  private static boolean isTerminator(char c) {
    return c == '.' || c == '!' || c == '?' || c == '…';
  }

  static boolean isCjkTerminator(char c) {
    return c == '。' || c == '！' || c == '？' || c == '；' || c == '．';
  }

  private static boolean isCloser(char c) {
    return c == '"' || c == '\'' || c == ')' || c == ']' || c == '}' || c == '’' || c == '”' || c == '»'
        || c == '」' || c == '』' || c == '）' || c == '】' || c == '》';
  }
}
