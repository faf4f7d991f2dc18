package dev.utter.benchmarks;

/**
 * One row of the results table: a figure measured for the SDK and for its baseline in the same run.
 *
 * @param benchmark what was measured
 * @param baseline what it is compared with, and its figure
 * @param figure the SDK's figure
 * @param ratio the figure as a ratio against the baseline, in the direction the target states
 * @param target the target, e.g. {@code ≥ 5×}
 * @param met whether the ratio meets the target
 */
record Result(String benchmark, String baseline, String figure, double ratio, String target, boolean met) {

  /** A row whose target is a ratio of at least {@code minimum}. */
  static Result atLeast(String benchmark, String baseline, String figure, double ratio, double minimum) {
    return new Result(benchmark, baseline, figure, ratio, "≥ " + format(minimum) + "×", ratio >= minimum);
  }

  /** A row whose target is a ratio of at most {@code maximum}. */
  static Result atMost(String benchmark, String baseline, String figure, double ratio, double maximum) {
    return new Result(benchmark, baseline, figure, ratio, "≤ " + format(maximum) + "×", ratio <= maximum);
  }

  /** A row that reports a figure with no target. */
  static Result figureOnly(String benchmark, String baseline, String figure, double ratio) {
    return new Result(benchmark, baseline, figure, ratio, "—", true);
  }

  static String format(double value) {
    if (value >= 100) {
      return String.format(java.util.Locale.ROOT, "%.0f", value);
    }
    return String.format(java.util.Locale.ROOT, value >= 10 ? "%.1f" : "%.2f", value);
  }

  String markdownRow() {
    String verdict = target.equals("—") ? "" : met ? " ✅" : " ❌";
    return "| " + benchmark + " | " + baseline + " | " + figure + " | " + format(ratio) + "× | " + target + verdict + " |";
  }
}
