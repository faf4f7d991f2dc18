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
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Benchmarks 6b–d: run {@link AudioBenchmarks} under JMH and turn the scores into rows. Three forks of
 * four 1 s warm-up and eight 2 s measured iterations each, so that on a shared 2-core machine the error
 * (99.9 % confidence) stays under {@link #MAX_ERROR} of the score; a row whose error is larger says so.
 */
final class AudioToolkitBenchmarks {
  /** The largest error, as a share of its score, that a row may have to count as a figure. */
  static final double MAX_ERROR = 0.10;

  private AudioToolkitBenchmarks() {}

  /** A JMH score in operations per second and its error either side. */
  private record Score(double value, double error) {
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
    Options options = new OptionsBuilder()
        .include(AudioBenchmarks.class.getName())
        .forks(3)
        .warmupIterations(4)
        .warmupTime(TimeValue.seconds(1))
        .measurementIterations(8)
        .measurementTime(TimeValue.seconds(2))
        .jvmArgsAppend("-Dutter.bench.mp3=" + mp3, "-Xmx1g")
        .build();
    Collection<RunResult> runs = new Runner(options).run();
    Map<String, Score> scores = new TreeMap<>();
    for (RunResult run : runs) {
      String method = run.getParams().getBenchmark();
      scores.put(method.substring(method.lastIndexOf('.') + 1),
          new Score(run.getPrimaryResult().getScore(), run.getPrimaryResult().getScoreError()));
    }

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
