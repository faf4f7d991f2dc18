package dev.utter.benchmarks;

import java.util.Locale;

/**
 * One row of the results table: a figure measured for the SDK and for its baseline in the same run, and
 * their ratio over the repetitions of the run. A target counts as met only if it holds at the median.
 *
 * @param benchmark what was measured
 * @param baseline what it is compared with, and its figure
 * @param figure the SDK's figure
 * @param ratio the figure as a ratio against the baseline, in the direction the target states: median
 *     and range over the repetitions, or the range the JMH error bars allow
 * @param target the target, e.g. {@code ≥ 6×}
 * @param met whether the median ratio meets the target
 */
record Result(String benchmark, String baseline, String figure, Spread ratio, String target, boolean met) {

  /** A row whose target is a ratio of at least {@code minimum}. */
  static Result atLeast(String benchmark, String baseline, String figure, Spread ratio, double minimum) {
    return new Result(benchmark, baseline, figure, ratio, "≥ " + format(minimum) + "×", ratio.median() >= minimum);
  }

  /** A row whose target is a ratio of at most {@code maximum}. */
  static Result atMost(String benchmark, String baseline, String figure, Spread ratio, double maximum) {
    return new Result(benchmark, baseline, figure, ratio, "≤ " + format(maximum) + "×", ratio.median() <= maximum);
  }

  /** A row that reports a figure with no target. */
  static Result figureOnly(String benchmark, String baseline, String figure, Spread ratio) {
    return new Result(benchmark, baseline, figure, ratio, "—", true);
  }

  /** A row whose target is a condition, with no ratio. */
  static Result holds(String benchmark, String baseline, String figure, String target, boolean met) {
    return new Result(benchmark, baseline, figure, null, target, met);
  }

  static String format(double value) {
    if (value >= 100) {
      return String.format(Locale.ROOT, "%.0f", value);
    }
    return String.format(Locale.ROOT, value >= 10 ? "%.1f" : "%.2f", value);
  }

  String markdownRow() {
    String verdict = target.equals("—") ? "" : met ? " ✅" : " ❌";
    String ratioCell = ratio == null ? "—"
        : ratio.min() == ratio.max() ? format(ratio.median()) + "× (one measurement)"
        : format(ratio.median()) + "× (" + format(ratio.min()) + "–" + format(ratio.max()) + ")";
    return "| " + benchmark + " | " + baseline + " | " + figure + " | " + ratioCell + " | " + target + verdict + " |";
  }
}
