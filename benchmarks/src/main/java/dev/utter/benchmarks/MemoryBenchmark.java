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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Benchmark 6e: how much heap writing a 5000-character generation to a file needs, against the size of
 * the whole speech as PCM.
 *
 * <p>The measure is the smallest heap ({@code -Xmx}, found by bisection to 1 MB, serial collector)
 * in which a child JVM completes the generation, less the smallest heap in which the same child
 * completes everything but the generation: the heap the generation itself needs at its peak. Benchmark 4
 * runs ten such generations at once in a child with {@value #CONCURRENT_HEAP_MB} MB of heap. The mock runs
 * the A10G latency model at {@link BenchProviders#TIME_SCALE}.
 */
final class MemoryBenchmark {
  private static final int MIN_HEAP_MB = 4;
  private static final int MAX_HEAP_MB = 96;
  static final int CONCURRENT = 10;
  static final int CONCURRENT_HEAP_MB = 64;

  private MemoryBenchmark() {}

  /** Benchmark 4: ten concurrent 5000-character generations to files complete in 64 MB of heap. */
  static Result runConcurrent() throws IOException, InterruptedException {
    long start = System.nanoTime();
    boolean completes = completes(CONCURRENT_HEAP_MB, Mode.CONCURRENT);
    String seconds = String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - start) / 1e9);
    return Result.holds("4. " + CONCURRENT + " concurrent 5000-char `generateToFile` calls, `-Xmx"
            + CONCURRENT_HEAP_MB + "m`", "the same child JVM, serial collector",
        (completes ? "all complete" : "did not complete") + " (child JVM ran " + seconds + ")", "completes", completes);
  }

  static Result run() throws Exception {
    int without = smallestHeapMb(Mode.SET_UP_ONLY);
    int with = smallestHeapMb(Mode.GENERATE);
    long pcm = pcmBytes();
    long growth = (with - without) * 1024L * 1024L;
    return Result.atMost("6e. Heap a 5000-char generation to a file needs (`generateToFile`)",
        "PCM size of the whole speech: " + mb(pcm),
        mb(growth) + " (completes in " + with + " MB of heap, " + without + " MB without it)",
        Spread.of(growth / (double) pcm), 0.25);
  }

  /** The smallest -Xmx, in MB, in which the child completes. */
  private static int smallestHeapMb(Mode mode) throws IOException, InterruptedException {
    int low = MIN_HEAP_MB - 1; // fails, or is below what the JVM accepts
    int high = MAX_HEAP_MB; // completes
    if (!completes(high, mode)) {
      throw new IOException("the memory benchmark does not complete even in " + high + " MB");
    }
    while (high - low > 1) {
      int middle = (low + high) / 2;
      if (completes(middle, mode)) {
        high = middle;
      } else {
        low = middle;
      }
    }
    return high;
  }

  private static boolean completes(int heapMb, Mode mode) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(
        Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:+UseSerialGC", "-Xms" + heapMb + "m", "-Xmx" + heapMb + "m",
        "-cp", System.getProperty("java.class.path"),
        MemoryBenchmark.class.getName(), mode.name()));
    Process child = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    return child.waitFor() == 0;
  }

  /** What a child JVM does. */
  enum Mode {
    /** Sets up the voice, the mock and the client, and nothing more. */
    SET_UP_ONLY,
    /** Also writes one generation to a file. */
    GENERATE,
    /** Also writes {@value #CONCURRENT} generations to files at once through the one client. */
    CONCURRENT
  }

  private static long pcmBytes() throws Exception {
    Path dir = Files.createTempDirectory("utter-memory");
    try {
      return run(dir, Mode.GENERATE) - 44;
    } finally {
      deleteAll(dir);
    }
  }

  /** Does what {@code mode} says in {@code dir} and returns the bytes of the files written. */
  private static long run(Path dir, Mode mode) throws Exception {
    Voice voice = BenchProviders.referenceVoice();
    try (TtsProvider provider = BenchProviders.gpuMock();
        Utter utter = Utter.builder().provider(provider).build()) {
      GenerationRequest request =
          GenerationRequest.builder(voice, BenchText.of(5000)).language(Language.ENGLISH).build();
      int files = mode == Mode.SET_UP_ONLY ? 0 : mode == Mode.GENERATE ? 1 : CONCURRENT;
      ExecutorService callers = Executors.newFixedThreadPool(Math.max(1, files));
      try {
        List<Future<SpeechFile>> written = new ArrayList<>();
        for (int i = 0; i < files; i++) {
          Path target = dir.resolve("speech-" + i + ".wav");
          written.add(callers.submit(() -> utter.generateToFile(request, target)));
        }
        long bytes = 0;
        for (Future<SpeechFile> file : written) {
          bytes += Files.size(file.get().path());
        }
        return bytes;
      } finally {
        callers.shutdownNow();
      }
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
   * The child: does what the {@link Mode} named in {@code args[0]} says. Exits 0 when done, 1 on any
   * failure, an OutOfMemoryError included.
   */
  public static void main(String[] args) {
    try {
      Path dir = Files.createTempDirectory("utter-memory");
      try {
        run(dir, Mode.valueOf(args[0]));
      } finally {
        deleteAll(dir);
      }
    } catch (Throwable e) {
      System.exit(1);
    }
    System.exit(0);
  }
}
