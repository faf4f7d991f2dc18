package dev.utter.benchmarks;

import java.util.Random;

/** Deterministic English prose of a given length, made of varied sentences. */
final class BenchText {
  private static final String[] SUBJECTS = {
    "The old lighthouse keeper", "Our small team", "A curious student", "The morning train",
    "Every careful listener", "The river near the village", "Dr. Rivera", "The new library"};
  private static final String[] VERBS = {
    "watched", "described", "followed", "remembered", "explained", "carried", "painted", "measured"};
  private static final String[] OBJECTS = {
    "the slow turn of the seasons", "a story about distant islands", "the quiet rhythm of the city",
    "three hundred and fourteen paper boats", "the sound of rain on tin roofs", "a map drawn by hand",
    "the long road home, e.g. the one past the mill", "the price of bread, about 3.50 dollars"};
  private static final String[] ENDINGS = {
    ".", ", and nobody said a word.", " before the sun went down.", "; it took all afternoon.",
    " with great care.", "! What a day it was.", " while the kettle boiled.", ", as it always had."};

  private BenchText() {}

  /** Prose of exactly {@code length} characters (the last sentence is cut to fit and closed). */
  static String of(int length) {
    Random random = new Random(5000);
    StringBuilder text = new StringBuilder(length + 200);
    while (text.length() < length) {
      text.append(SUBJECTS[random.nextInt(SUBJECTS.length)]).append(' ')
          .append(VERBS[random.nextInt(VERBS.length)]).append(' ')
          .append(OBJECTS[random.nextInt(OBJECTS.length)])
          .append(ENDINGS[random.nextInt(ENDINGS.length)]).append(' ');
    }
    text.setLength(length - 1);
    if (text.charAt(length - 2) == ' ') {
      text.setCharAt(length - 2, 'o');
    }
    return text.append('.').toString();
  }
}
