package dev.utter.benchmarks;

import dev.utter.Voice;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs every benchmark in one JVM run (benchmarks 4, 6e and the JMH ones fork their own) and writes the
 * results as a Markdown table to {@code benchmarks/target/results.md} (or the path in {@code args[0]}),
 * printing it too.
 */
public final class RunAll {
  private RunAll() {}

  public static void main(String[] args) throws Exception {
    Path output = Path.of(args.length > 0 ? args[0] : "benchmarks/target/results.md");
    Path work = Files.createTempDirectory("utter-bench");
    Instant start = Instant.now();
    double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    Voice voice = BenchProviders.referenceVoice();

    List<Result> results = new ArrayList<>();
    results.addAll(LongTextBenchmark.run(voice));
    results.add(CallOverheadBenchmark.run(voice));
    results.add(MemoryBenchmark.runConcurrent());
    results.add(ReferenceBytesBenchmark.run());
    List<Result> jmh = AudioToolkitBenchmarks.run(work);
    results.addAll(jmh);
    results.add(MemoryBenchmark.run());
    results.addAll(EncodingBenchmark.run(work));

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
        .append(" times faster than the GPU). Rows 6b–d: JMH, 3 forks × 8 iterations of 2 s after 4 s of warm-up; ")
        .append(AudioToolkitBenchmarks.errorSummary(jmh)).append(" (99.9 % confidence); their ranges are what the ")
        .append("error bars allow. Target 5 (the web app under load) is not in this table.\n");
    Files.createDirectories(output.toAbsolutePath().getParent());
    Files.writeString(output, table);
    System.out.println();
    System.out.println(table);
    Files.delete(work);
  }
}
