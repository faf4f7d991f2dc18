package dev.utter.benchmarks;

import java.util.Arrays;
import java.util.Locale;

/**
 * The median and range of repeated measurements of one figure.
 *
 * @param median the middle value (the mean of the two middle ones for an even count)
 * @param min the smallest value
 * @param max the largest value
 */
record Spread(double median, double min, double max) {

  /** The spread of {@code values}; at least one is required. */
  static Spread of(double... values) {
    if (values.length == 0) {
      throw new IllegalArgumentException("no values");
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    return new Spread(median, sorted[0], sorted[n - 1]);
  }

  /** The spread of the ratios {@code numerators[i] / denominators[i]}, pair by pair. */
  static Spread ofRatios(double[] numerators, double[] denominators) {
    double[] ratios = new double[numerators.length];
    for (int i = 0; i < ratios.length; i++) {
      ratios[i] = numerators[i] / denominators[i];
    }
    return of(ratios);
  }

  /** Milliseconds from nanoseconds, e.g. {@code 812 ms (790–845)}, or {@code 1.25 ms (1.20–1.31)} under 10 ms. */
  static String millis(Spread nanos) {
    String number = nanos.median < 10e6 ? "%.2f" : "%.0f";
    return String.format(Locale.ROOT, number + " ms (" + number + "–" + number + ")",
        nanos.median / 1e6, nanos.min / 1e6, nanos.max / 1e6);
  }
}
