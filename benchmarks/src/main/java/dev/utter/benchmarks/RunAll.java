package dev.utter.benchmarks;

import dev.utter.Voice;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Runs every benchmark in one JVM run (benchmarks 4, 6e and the JMH ones fork their own) and writes the
 * results as a Markdown table to {@code benchmarks/target/results.md} (or the path in {@code args[0]}),
 * printing it too. Further arguments pick groups of rows to run alone, by the number their rows start
 * with: {@code 1} (rows 1, 2 and 2b, one benchmark), {@code 3}, {@code 4}, {@code 6} (6a–6e) or {@code 7};
 * e.g. {@code bash scripts/bench.sh 3} measures the per-call overhead only.
 */
public final class RunAll {
  /** The groups of rows that can be run alone. */
  private static final List<String> GROUPS = List.of("1", "3", "4", "6", "7");

  private RunAll() {}

  public static void main(String[] args) throws Exception {
    Path output = Path.of(args.length > 0 ? args[0] : "benchmarks/target/results.md");
    Set<String> groups = Set.of(Arrays.copyOfRange(args, Math.min(1, args.length), args.length));
    for (String group : groups) {
      if (!GROUPS.contains(group)) {
        throw new IllegalArgumentException("No row group " + group + "; the groups are " + GROUPS);
      }
    }
    Predicate<String> selected = group -> groups.isEmpty() || groups.contains(group);
    Path work = Files.createTempDirectory("utter-bench");
    Instant start = Instant.now();
    double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    Voice voice = BenchProviders.referenceVoice();

    List<Result> results = new ArrayList<>();
    if (selected.test("1")) {
      results.addAll(LongTextBenchmark.run(voice));
    }
    if (selected.test("3")) {
      results.add(CallOverheadBenchmark.run(voice));
    }
    if (selected.test("4")) {
      results.add(MemoryBenchmark.runConcurrent());
    }
    List<Result> jmh = List.of();
    if (selected.test("6")) {
      results.add(ReferenceBytesBenchmark.run());
      jmh = AudioToolkitBenchmarks.run(work);
      results.addAll(jmh);
      results.add(MemoryBenchmark.run());
    }
    if (selected.test("7")) {
      results.addAll(EncodingBenchmark.run(work));
    }

    StringBuilder table = new StringBuilder()
        .append("| benchmark | baseline | figure | ratio: median (min–max) | target |\n")
        .append("| --- | --- | --- | --- | --- |\n");
    results.forEach(r -> table.append(r.markdownRow()).append('\n'));
    double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    table.append("\n").append(Runtime.getRuntime().availableProcessors()).append(" cores (load average ")
        .append(String.format(Locale.ROOT, "%.1f before, %.1f after", loadBefore, loadAfter)).append("), ")
        .append(System.getProperty("java.vm.name")).append(' ').append(System.getProperty("java.version"))
        .append(", all figures from this one run of ")
        .append(Duration.between(start, Instant.now()).toSeconds()).append(" s. Rows 1–3 and the `ffprobe` baseline: ")
        .append(LongTextBenchmark.ROUNDS).append(" repetitions, median (min–max); a target is met only if it holds ")
        .append("at the median. Rows 1, 2, 4 and 6e: the mock answers silence and runs the A10G latency model ")
        .append(BenchProviders.TIME_SCALE).append(" times its costs (about ").append(Math.round(1 / BenchProviders.TIME_SCALE))
        .append(" times faster than the GPU). Rows 6b–d: ").append(AudioToolkitBenchmarks.SETUP).append("; ")
        .append(jmh.isEmpty() ? "not run this time" : AudioToolkitBenchmarks.errorSummary(jmh)).append(" (99.9 % confidence); their ranges are what the ")
        .append("error bars allow. Target 5 (the web app under load) is not in this table.\n");
    Files.createDirectories(output.toAbsolutePath().getParent());
    Files.writeString(output, table);
    System.out.println();
    System.out.println(table);
    Files.delete(work);
  }
}
