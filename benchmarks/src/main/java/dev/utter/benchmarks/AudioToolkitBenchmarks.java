package dev.utter.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.util.ListStatistics;

/**
 * Benchmarks 6b–d: run {@link AudioBenchmarks} under JMH and turn the scores into rows. {@link #FORKS}
 * forks of {@link #WARM_UPS} 1 s warm-up and {@link #ITERATIONS} 2 s measured iterations each; a
 * benchmark whose error (99.9 % confidence, over all its iterations) is still over {@link #MAX_ERROR} of
 * its score gets up to {@link #EXTRA_ROUNDS} more rounds of forks, its iterations pooled; a row whose
 * error stays larger says so. The forks run C2 only, with compilation in the foreground, a
 * fixed heap and the serial collector: with tiered compilation the forks of one benchmark landed in
 * one of two speeds (the MP3 probe at 1300 or 3100 operations per second), and a concurrent collector
 * competes with the benchmark for the second core.
 */
final class AudioToolkitBenchmarks {
  /** The largest error, as a share of its score, that a row may have to count as a figure. */
  static final double MAX_ERROR = 0.10;
  static final int FORKS = 3;
  static final int WARM_UPS = 5;
  static final int ITERATIONS = 10;
  /** How many more rounds of {@link #FORKS} forks a benchmark whose error is still over {@link #MAX_ERROR} gets. */
  static final int EXTRA_ROUNDS = 4;
  /** What the closing line of the table says about these rows. */
  static final String SETUP = "JMH, " + FORKS + " forks × " + ITERATIONS + " iterations of 2 s after " + WARM_UPS
      + " s of warm-up (C2 only, serial collector), up to " + EXTRA_ROUNDS * FORKS + " more forks for a row still over "
      + Math.round(MAX_ERROR * 100) + " % error";

  private AudioToolkitBenchmarks() {}

  private static Options options(Path mp3, String include) {
    return new OptionsBuilder()
        .include(include)
        .forks(FORKS)
        .warmupIterations(WARM_UPS)
        .warmupTime(TimeValue.seconds(1))
        .measurementIterations(ITERATIONS)
        .measurementTime(TimeValue.seconds(2))
        .jvmArgsAppend("-Dutter.bench.mp3=" + mp3, "-Xms1g", "-Xmx1g", "-XX:+UseSerialGC", "-XX:-TieredCompilation",
            "-Xbatch")
        .build();
  }

  /** Adds the measured iterations of each benchmark in {@code runs} to its statistics. */
  private static void collect(Collection<RunResult> runs, Map<String, ListStatistics> iterations) {
    for (RunResult run : runs) {
      String method = run.getParams().getBenchmark();
      ListStatistics statistics = iterations.computeIfAbsent(method.substring(method.lastIndexOf('.') + 1),
          m -> new ListStatistics());
      for (BenchmarkResult fork : run.getBenchmarkResults()) {
        for (IterationResult iteration : fork.getIterationResults()) {
          statistics.addValue(iteration.getPrimaryResult().getScore());
        }
      }
    }
  }

  /** A JMH score in operations per second and its error either side. */
  private record Score(double value, double error) {
    /** The mean of the iterations and its error at 99.9 % confidence, as JMH reports a score. */
    static Score of(ListStatistics iterations) {
      return new Score(iterations.getMean(), iterations.getMeanErrorAt(0.999));
    }

    double relativeError() {
      return error / value;
    }

    /** {@code this / other}, and the range their error bars allow. */
    Spread over(Score other) {
      return new Spread(value / other.value, Math.max(0, value - error) / (other.value + other.error),
          (value + error) / Math.max(Double.MIN_VALUE, other.value - other.error));
    }
  }

  static List<Result> run(Path workDir) throws IOException, InterruptedException, RunnerException {
    Path mp3 = Mp3Fixture.make300SecondMp3(workDir);
    Map<String, ListStatistics> iterations = new TreeMap<>();
    collect(new Runner(options(mp3, AudioBenchmarks.class.getName() + "\\.")).run(), iterations);
    for (int round = 0; round < EXTRA_ROUNDS; round++) {
      List<String> noisy = iterations.entrySet().stream()
          .filter(e -> Score.of(e.getValue()).relativeError() > MAX_ERROR).map(Map.Entry::getKey).toList();
      if (noisy.isEmpty()) {
        break;
      }
      collect(new Runner(options(mp3, AudioBenchmarks.class.getName() + "\\.(" + String.join("|", noisy) + ")$")).run(),
          iterations);
    }
    Map<String, Score> scores = new TreeMap<>();
    iterations.forEach((method, statistics) -> scores.put(method, Score.of(statistics)));

    List<Result> rows = new ArrayList<>();
    double audioMb = AudioBenchmarks.CHUNKS * AudioBenchmarks.CHUNK_SECONDS * AudioBenchmarks.SAMPLE_RATE * 2 / 1e6;
    Score stitch = scores.get("stitchWithCrossfade");
    Score copy = scores.get("stitchWithArraycopy");
    rows.add(Result.atLeast("6b. WAV stitching, 20 × 10 s chunks, 30 ms crossfade",
        "`System.arraycopy` of the same bytes: " + perSecond(copy, audioMb, "MB/s"),
        perSecond(stitch, audioMb, "MB/s"), stitch.over(copy), 0.5));

    Score probe = scores.get("probeMp3");
    Spread ffprobeMicros = Mp3Fixture.ffprobeMicros(mp3);
    double probeMicros = 1e6 / probe.value();
    Spread probeSpeedup = new Spread(ffprobeMicros.median() / probeMicros,
        ffprobeMicros.min() * (probe.value() - probe.error()) / 1e6,
        ffprobeMicros.max() * (probe.value() + probe.error()) / 1e6);
    rows.add(Result.figureOnly("6c. Duration probe of a 300 s MP3 (in memory)",
        "`ffprobe` process, as the original app did: " + micros(ffprobeMicros.median()) + " ("
            + micros(ffprobeMicros.min()) + "–" + micros(ffprobeMicros.max()) + ")",
        micros(probeMicros) + errorNote(probe), probeSpeedup));

    Score chunk = scores.get("chunkText");
    Score regex = scores.get("splitTextWithRegex");
    rows.add(Result.figureOnly("6d. Text normalization + chunking, 5000 chars",
        "regex split at sentence ends: " + perSecond(regex, 5000 / 1e6, "M chars/s"),
        perSecond(chunk, 5000 / 1e6, "M chars/s"), chunk.over(regex)));
    Files.deleteIfExists(mp3);
    return rows;
  }

  /** The largest relative error of the JMH rows just run, for the closing note. */
  static String errorSummary(List<Result> rows) {
    return rows.stream().map(r -> r.baseline() + r.figure()).filter(f -> f.contains("⚠")).findAny()
        .map(f -> "some JMH rows have an error over " + Math.round(MAX_ERROR * 100) + " % of their score (⚠)")
        .orElse("every JMH row's error is under " + Math.round(MAX_ERROR * 100) + " % of its score");
  }

  /** The score times {@code unitsPerOp}, with its error in percent. */
  private static String perSecond(Score score, double unitsPerOp, String unit) {
    return String.format(Locale.ROOT, unit.startsWith("M ") ? "%.1f %s" : "%.0f %s", score.value() * unitsPerOp, unit)
        + errorNote(score);
  }

  private static String errorNote(Score score) {
    String note = String.format(Locale.ROOT, " ± %.1f %%", score.relativeError() * 100);
    return score.relativeError() > MAX_ERROR ? note + " ⚠" : note;
  }

  private static String micros(double value) {
    return value >= 1000
        ? String.format(Locale.ROOT, "%.1f ms", value / 1000)
        : String.format(Locale.ROOT, "%.1f µs", value);
  }
}
