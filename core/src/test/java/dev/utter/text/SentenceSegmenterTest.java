package dev.utter.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SentenceSegmenterTest {
  @Test
  void splitsAtSentenceEndsKeepingTheSpaceWithTheSentenceBefore() {
    assertEquals(List.of("One. ", "Two! ", "Three?"), SentenceSegmenter.split("One. Two! Three?"));
  }

  @Test
  void doesNotSplitAfterTitles() {
    assertEquals(List.of("Dr. Smith met Mr. Jones and Mrs. Lee at noon. ", "They talked."),
        SentenceSegmenter.split("Dr. Smith met Mr. Jones and Mrs. Lee at noon. They talked."));
  }

  @Test
  void doesNotSplitAfterEgOrIe() {
    assertEquals(List.of("Bring fruit, e.g. Apples, i.e. Something sweet. ", "Then go."),
        SentenceSegmenter.split("Bring fruit, e.g. Apples, i.e. Something sweet. Then go."));
  }

  @Test
  void doesNotSplitInsideUS() {
    assertEquals(List.of("The U.S. Army marched. ", "Done."), SentenceSegmenter.split("The U.S. Army marched. Done."));
  }

  @Test
  void etcEndsASentenceWhenACapitalFollows() {
    assertEquals(List.of("Apples, pears, etc. ", "Then we left, etc. and so on."),
        SentenceSegmenter.split("Apples, pears, etc. Then we left, etc. and so on."));
  }

  @Test
  void doesNotSplitDecimalsOrPrices() {
    assertEquals(List.of("Pi is 3.14 and bread costs $2.50 today. ", "Fine."),
        SentenceSegmenter.split("Pi is 3.14 and bread costs $2.50 today. Fine."));
  }

  @Test
  void doesNotSplitAfterInitials() {
    assertEquals(List.of("J. R. R. Tolkien wrote it. ", "Yes."), SentenceSegmenter.split("J. R. R. Tolkien wrote it. Yes."));
  }

  @Test
  void keepsAnEllipsisWithItsSentence() {
    assertEquals(List.of("She waited... ", "Then she left… ", "Gone."),
        SentenceSegmenter.split("She waited... Then she left… Gone."));
  }

  @Test
  void anEllipsisBeforeLowerCaseDoesNotEndTheSentence() {
    assertEquals(List.of("Wait... what?"), SentenceSegmenter.split("Wait... what?"));
  }

  @Test
  void keepsClosingQuotesAndBracketsWithTheirSentence() {
    assertEquals(List.of("\"Stop!\" ", "He said \"Go.\" ", "(Then she left.) ", "«Fin.» ", "End?!"),
        SentenceSegmenter.split("\"Stop!\" He said \"Go.\" (Then she left.) «Fin.» End?!"));
  }

  @Test
  void aQuoteFollowedByLowerCaseContinuesTheSentence() {
    assertEquals(List.of("\"Where?\" she asked."), SentenceSegmenter.split("\"Where?\" she asked."));
  }

  @Test
  void splitsAtCjkPunctuationWithoutSpaces() {
    assertEquals(List.of("你好。", "今天天气很好！", "是吗？！", "好；", "「走吧。」", "はい｡", "终"),
        SentenceSegmenter.split("你好。今天天气很好！是吗？！好；「走吧。」はい｡终"));
  }

  @Test
  void aFullwidthStopBetweenDigitsIsADecimalPoint() {
    assertEquals(List.of("３．１４です．", "はい"), SentenceSegmenter.split("３．１４です．はい"));
  }

  @Test
  void aLowerCaseContinuationIsNotANewSentence() {
    assertEquals(List.of("He said no. and left."), SentenceSegmenter.split("He said no. and left."));
  }

  @Test
  void aPeriodWithoutSpaceAfterItIsNotAnEnd() {
    assertEquals(List.of("See example.com now. ", "Ok"), SentenceSegmenter.split("See example.com now. Ok"));
  }

  @Test
  void concatenationGivesBackTheText() {
    String text = "  Mr. A. Smith paid 3.50 dollars... Really? Yes! 「はい。」 Ok.  ";
    assertEquals(text, String.join("", SentenceSegmenter.split(text)));
  }

  @Test
  void emptyTextHasNoSentences() {
    assertEquals(List.of(), SentenceSegmenter.split(""));
  }
}
