package dev.utter.benchmarks;

import dev.utter.Voice;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs every benchmark in one JVM run (benchmark 6 and the JMH ones fork their own) and writes the
 * results as a Markdown table to {@code benchmarks/target/results.md} (or the path in {@code args[0]}),
 * printing it too.
 */
public final class RunAll {
  private RunAll() {}

  public static void main(String[] args) throws Exception {
    Path output = Path.of(args.length > 0 ? args[0] : "benchmarks/target/results.md");
    Path work = Files.createTempDirectory("utter-bench");
    Instant start = Instant.now();
    Voice voice = BenchProviders.referenceVoice();

    List<Result> results = new ArrayList<>();
    results.addAll(LongTextBenchmark.run(voice));
    results.add(CallOverheadBenchmark.run(voice));
    results.add(ReferenceBytesBenchmark.run());
    results.addAll(AudioToolkitBenchmarks.run(work));
    results.add(MemoryBenchmark.run());
    results.addAll(EncodingBenchmark.run(work));

    StringBuilder table = new StringBuilder()
        .append("| benchmark | baseline | figure | ratio | target |\n")
        .append("| --- | --- | --- | --- | --- |\n");
    results.forEach(r -> table.append(r.markdownRow()).append('\n'));
    table.append("\n").append(Runtime.getRuntime().availableProcessors()).append(" cores, ")
        .append(System.getProperty("java.vm.name")).append(' ').append(System.getProperty("java.version"))
        .append(", all figures from this one run of ")
        .append(Duration.between(start, Instant.now()).toSeconds()).append(" s.\n");
    Files.createDirectories(output.toAbsolutePath().getParent());
    Files.writeString(output, table);
    System.out.println();
    System.out.println(table);
    Files.delete(work);
  }
}
