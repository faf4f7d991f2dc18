package dev.utter.provider.mock.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SpeechSignalTest {
  private static final int RATE = 24_000;

  @Test
  void sentenceEndPausesTwoCharactersLongerThanAComma() {
    int period = SpeechSignal.of("one two. three", RATE, 150, 1).length;
    int comma = SpeechSignal.of("one two, three", RATE, 150, 1).length;
    double extraChars = (period - comma) * SpeechSignal.CHARS_PER_SECOND / RATE;
    assertEquals(SpeechSignal.SENTENCE_PAUSE_CHARS - SpeechSignal.CLAUSE_PAUSE_CHARS, extraChars, 0.01);
  }

  @Test
  void pausesAreQuietAndSyllablesLoud() {
    // "aaa" is voiced for 3 characters, then "." pauses for 4.
    short[] samples = SpeechSignal.of("aaa.", RATE, 150, 1);
    int voicedEnd = (int) Math.round(3 * RATE / SpeechSignal.CHARS_PER_SECOND);
    assertTrue(peak(samples, 0, voicedEnd) > 3000, "syllable too quiet");
    assertTrue(peak(samples, voicedEnd, samples.length) < 100, "pause not quiet");
  }

  @Test
  void sineIsWithinOneBillionthOfTheJdksOverAFullTurn() {
    for (int i = 0; i < 100_000; i++) {
      double x = 2 * Math.PI * i / 100_000;
      assertEquals(StrictMath.sin(x), SpeechSignal.sin(x), 1e-9, "x = " + x);
    }
  }

  private static int peak(short[] samples, int from, int to) {
    int peak = 0;
    for (int i = from; i < to; i++) {
      peak = Math.max(peak, Math.abs(samples[i]));
    }
    return peak;
  }
}
