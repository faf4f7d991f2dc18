package dev.utter.benchmarks;

import dev.utter.GenerationRequest;
import dev.utter.Language;
import dev.utter.SpeechFile;
import dev.utter.Utter;
import dev.utter.Voice;
import dev.utter.spi.TtsProvider;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Benchmark 6: the peak growth of live heap while a 5000-character generation is written to a file,
 * against the size of the whole speech as PCM.
 *
 * <p>It runs in a child JVM with the serial collector, where a thread forces a full collection every
 * few milliseconds during the generation and reads the heap left in use: the live objects. The peak of
 * those readings less the reading before the generation is the growth. The mock answers in 50 ms.
 */
final class MemoryBenchmark {
  private MemoryBenchmark() {}

  static Result run() throws IOException, InterruptedException {
    Path out = Files.createTempFile("utter-memory", ".txt");
    List<String> command = new ArrayList<>(List.of(
        Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:+UseSerialGC", "-Xmx512m",
        "-cp", System.getProperty("java.class.path"),
        MemoryBenchmark.class.getName(), out.toString()));
    Process child = new ProcessBuilder(command).inheritIO().start();
    if (child.waitFor() != 0) {
      throw new IOException("memory probe failed with exit code " + child.exitValue());
    }
    String[] figures = Files.readString(out).strip().split(" ");
    Files.delete(out);
    long growth = Long.parseLong(figures[0]);
    long pcm = Long.parseLong(figures[1]);
    return Result.atMost("6. Peak heap growth writing 5000 chars to a file (`generateToFile`)",
        "PCM size of the whole speech: " + mb(pcm), mb(growth), growth / (double) pcm, 0.25);
  }

  private static String mb(long bytes) {
    return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
  }

  /** The child: prints "peakGrowthBytes pcmBytes" to the file named by {@code args[0]}. */
  public static void main(String[] args) throws Exception {
    Voice voice = BenchProviders.referenceVoice();
    Path dir = Files.createTempDirectory("utter-memory");
    try (TtsProvider provider = BenchProviders.mockQwen(50);
        Utter utter = Utter.builder().provider(provider).build()) {
      GenerationRequest request =
          GenerationRequest.builder(voice, BenchText.of(5000)).language(Language.ENGLISH).build();
      utter.generateToFile(request, dir.resolve("warm-up.wav"));
      long before = Long.MAX_VALUE;
      for (int i = 0; i < 3; i++) {
        before = Math.min(before, liveHeap());
      }
      LiveHeapSampler sampler = new LiveHeapSampler();
      sampler.start();
      SpeechFile file = utter.generateToFile(request, dir.resolve("speech.wav"));
      long peak = sampler.stopAndGetPeak();
      long pcmBytes = Files.size(file.path()) - 44;
      Files.writeString(Path.of(args[0]), (peak - before) + " " + pcmBytes);
    } finally {
      try (var files = Files.list(dir)) {
        for (Path p : files.toList()) {
          Files.delete(p);
        }
      }
      Files.delete(dir);
    }
  }

  /** The heap in use right after a full collection: the live objects. */
  static long liveHeap() {
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  /** Reads the live heap every few milliseconds from a thread of its own, keeping the peak. */
  private static final class LiveHeapSampler extends Thread {
    private final AtomicLong peak = new AtomicLong();
    private volatile boolean running = true;

    LiveHeapSampler() {
      super("live-heap-sampler");
      setDaemon(true);
    }

    @Override
    public void run() {
      while (running) {
        peak.accumulateAndGet(liveHeap(), Math::max);
        try {
          Thread.sleep(5);
        } catch (InterruptedException e) {
          return;
        }
      }
    }

    long stopAndGetPeak() throws InterruptedException {
      running = false;
      join();
      return peak.get();
    }
  }
}
