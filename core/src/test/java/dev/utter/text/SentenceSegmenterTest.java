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
  void doesNotSplitAfterAbbreviations() {
    assertEquals(List.of("Dr. Smith met Mr. Jones at noon. ", "They talked."),
        SentenceSegmenter.split("Dr. Smith met Mr. Jones at noon. They talked."));
    assertEquals(List.of("Bring fruit, e.g. apples, i.e. something sweet. ", "Then go."),
        SentenceSegmenter.split("Bring fruit, e.g. apples, i.e. something sweet. Then go."));
    assertEquals(List.of("The U.S. Army marched. ", "Done."), SentenceSegmenter.split("The U.S. Army marched. Done."));
  }

  @Test
  void doesNotSplitDecimalsOrInitials() {
    assertEquals(List.of("Pi is 3.14 and bread costs $2.50 today. ", "J. R. R. Tolkien wrote it."),
        SentenceSegmenter.split("Pi is 3.14 and bread costs $2.50 today. J. R. R. Tolkien wrote it."));
  }

  @Test
  void keepsClosingQuotesAndEllipsesWithTheirSentence() {
    assertEquals(List.of("\"Stop!\" ", "She waited... ", "(Then she left.) ", "End."),
        SentenceSegmenter.split("\"Stop!\" She waited... (Then she left.) End."));
  }

  @Test
  void splitsAtCjkPunctuationWithoutSpaces() {
    assertEquals(List.of("你好。", "今天天气很好！", "是吗？", "好；", "走吧"),
        SentenceSegmenter.split("你好。今天天气很好！是吗？好；走吧"));
  }

  @Test
  void aLowerCaseContinuationIsNotANewSentence() {
    assertEquals(List.of("He said no. and left."), SentenceSegmenter.split("He said no. and left."));
  }

  @Test
  void concatenationGivesBackTheText() {
    String text = "Mr. A. Smith paid 3.50 dollars... Really? Yes! 「はい。」 Ok.";
    assertEquals(text, String.join("", SentenceSegmenter.split(text)));
  }
}
