package dev.utter.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/** Benchmark 5: runs {@link AudioBenchmarks} under JMH and turns the scores into rows. */
final class AudioToolkitBenchmarks {
  private AudioToolkitBenchmarks() {}

  static List<Result> run(Path workDir) throws IOException, InterruptedException, RunnerException {
    Path mp3 = Mp3Fixture.make300SecondMp3(workDir);
    Options options = new OptionsBuilder()
        .include(AudioBenchmarks.class.getName())
        .forks(1)
        .warmupIterations(2)
        .warmupTime(TimeValue.seconds(1))
        .measurementIterations(3)
        .measurementTime(TimeValue.seconds(2))
        .jvmArgsAppend("-Dutter.bench.mp3=" + mp3, "-Xmx1g")
        .build();
    Collection<RunResult> runs = new Runner(options).run();
    Map<String, Double> opsPerSecond = new TreeMap<>();
    for (RunResult run : runs) {
      String method = run.getParams().getBenchmark();
      opsPerSecond.put(method.substring(method.lastIndexOf('.') + 1), run.getPrimaryResult().getScore());
    }

    List<Result> rows = new ArrayList<>();
    double audioMb = AudioBenchmarks.CHUNKS * AudioBenchmarks.CHUNK_SECONDS * AudioBenchmarks.SAMPLE_RATE * 2 / 1e6;
    double stitch = opsPerSecond.get("stitchWithCrossfade") * audioMb;
    double copy = opsPerSecond.get("stitchWithArraycopy") * audioMb;
    rows.add(Result.atLeast("5a. WAV stitching, 20 × 10 s chunks, 30 ms crossfade",
        "`System.arraycopy` of the same bytes: " + mbPerSecond(copy), mbPerSecond(stitch), stitch / copy, 0.5));

    double probeMicros = 1e6 / opsPerSecond.get("probeMp3");
    double ffprobeMicros = Mp3Fixture.ffprobeMicros(mp3);
    rows.add(Result.figureOnly("5b. Duration probe of a 300 s MP3 (in memory)",
        "`ffprobe` process, as the original app did: " + micros(ffprobeMicros), micros(probeMicros),
        ffprobeMicros / probeMicros));

    double chunkChars = opsPerSecond.get("chunkText") * 5000 / 1e6;
    double regexChars = opsPerSecond.get("splitTextWithRegex") * 5000 / 1e6;
    rows.add(Result.figureOnly("5c. Text normalization + chunking, 5000 chars",
        "regex split at sentence ends: " + String.format(java.util.Locale.ROOT, "%.1f M chars/s", regexChars),
        String.format(java.util.Locale.ROOT, "%.1f M chars/s", chunkChars), chunkChars / regexChars));
    Files.deleteIfExists(mp3);
    return rows;
  }

  private static String mbPerSecond(double value) {
    return String.format(java.util.Locale.ROOT, "%.0f MB/s", value);
  }

  private static String micros(double value) {
    return value >= 1000
        ? String.format(java.util.Locale.ROOT, "%.1f ms", value / 1000)
        : String.format(java.util.Locale.ROOT, "%.1f µs", value);
  }

}
