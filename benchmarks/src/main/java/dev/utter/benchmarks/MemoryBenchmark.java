package dev.utter.benchmarks;

import dev.utter.GenerationRequest;
import dev.utter.Language;
import dev.utter.SpeechFile;
import dev.utter.Utter;
import dev.utter.Voice;
import dev.utter.spi.TtsProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Benchmark 6: how much heap writing a 5000-character generation to a file needs, against the size of
 * the whole speech as PCM.
 *
 * <p>The measure is the smallest heap ({@code -Xmx}, found by bisection to 1 MB, serial collector)
 * in which a child JVM completes the generation, less the smallest heap in which the same child
 * completes everything but the generation: the heap the generation itself needs at its peak. The
 * mock answers in 50 ms.
 */
final class MemoryBenchmark {
  private static final int MIN_HEAP_MB = 4;
  private static final int MAX_HEAP_MB = 96;

  private MemoryBenchmark() {}

  static Result run() throws IOException, InterruptedException {
    int without = smallestHeapMb(false);
    int with = smallestHeapMb(true);
    long pcm = pcmBytes();
    long growth = (with - without) * 1024L * 1024L;
    return Result.atMost("6. Heap a 5000-char generation to a file needs (`generateToFile`)",
        "PCM size of the whole speech: " + mb(pcm),
        mb(growth) + " (completes in " + with + " MB of heap, " + without + " MB without it)",
        growth / (double) pcm, 0.25);
  }

  /** The smallest -Xmx, in MB, in which the child completes. */
  private static int smallestHeapMb(boolean generate) throws IOException, InterruptedException {
    int low = MIN_HEAP_MB - 1; // fails, or is below what the JVM accepts
    int high = MAX_HEAP_MB; // completes
    if (!completes(high, generate)) {
      throw new IOException("the memory benchmark does not complete even in " + high + " MB");
    }
    while (high - low > 1) {
      int middle = (low + high) / 2;
      if (completes(middle, generate)) {
        high = middle;
      } else {
        low = middle;
      }
    }
    return high;
  }

  private static boolean completes(int heapMb, boolean generate) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(
        Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:+UseSerialGC", "-Xms" + heapMb + "m", "-Xmx" + heapMb + "m",
        "-cp", System.getProperty("java.class.path"),
        MemoryBenchmark.class.getName(), generate ? "generate" : "set-up-only"));
    Process child = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    return child.waitFor() == 0;
  }

  private static long pcmBytes() throws IOException {
    Path dir = Files.createTempDirectory("utter-memory");
    try {
      return run(dir, true).path().toFile().length() - 44;
    } finally {
      deleteAll(dir);
    }
  }

  /** Sets up the voice, the mock and the client and, when {@code generate}, writes the generation to a file. */
  private static SpeechFile run(Path dir, boolean generate) throws IOException {
    Voice voice = BenchProviders.referenceVoice();
    try (TtsProvider provider = BenchProviders.mockQwen(50);
        Utter utter = Utter.builder().provider(provider).build()) {
      GenerationRequest request =
          GenerationRequest.builder(voice, BenchText.of(5000)).language(Language.ENGLISH).build();
      return generate ? utter.generateToFile(request, dir.resolve("speech.wav")) : null;
    }
  }

  private static void deleteAll(Path dir) throws IOException {
    try (var files = Files.list(dir)) {
      for (Path p : files.toList()) {
        Files.delete(p);
      }
    }
    Files.delete(dir);
  }

  private static String mb(long bytes) {
    return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
  }

  /**
   * The child: sets up the voice, the mock and the client, and with {@code generate} also writes the
   * generation to a file. Exits 0 when done; an OutOfMemoryError exits non-zero.
   */
  public static void main(String[] args) throws Exception {
    Path dir = Files.createTempDirectory("utter-memory");
    try {
      run(dir, args[0].equals("generate"));
    } finally {
      deleteAll(dir);
    }
    System.exit(0);
  }
}
