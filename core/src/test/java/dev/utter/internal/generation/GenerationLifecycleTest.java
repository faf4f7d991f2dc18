package dev.utter.internal.generation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.utter.GenerationRequest;
import dev.utter.Language;
import dev.utter.Progress;
import dev.utter.Speech;
import dev.utter.SpeechStream;
import dev.utter.Utter;
import dev.utter.Voice;
import dev.utter.audio.PcmAudio;
import dev.utter.audio.Wav;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * How a generation ends whatever happens: progress listeners that block or throw, {@link Error}s thrown
 * by a provider, and the client's threads, which are bounded and end when it is closed.
 */
class GenerationLifecycleTest {
  private static final Voice VOICE = Voice.builder()
      .name("Test")
      .reference(Wav.write(PcmAudio.silence(8000, 8000 * 11)))
      .transcript("The reference transcript.")
      .language(Language.ENGLISH)
      .build();
  private static final String TWELVE_SENTENCES = String.join(" ", Collections.nCopies(12,
      "This sentence is forty characters long."));

  private final List<Utter> clients = new ArrayList<>();
  private final CountDownLatch testOver = new CountDownLatch(1);

  @AfterEach
  void closeClients() {
    testOver.countDown();
    clients.forEach(Utter::close);
  }

  private Utter client(ScriptedProvider provider, int parallelism) {
    Utter utter = Utter.builder().provider(provider).parallelism(parallelism).build();
    clients.add(utter);
    return utter;
  }

  private void awaitTestOver() {
    try {
      testOver.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void listenerSleepingFiveSecondsPerEventDoesNotDelayCancel() throws Exception {
    CountDownLatch laterCallsStarted = new CountDownLatch(2);
    CountDownLatch listening = new CountDownLatch(1);
    ScriptedProvider provider = new ScriptedProvider(40, 1, r -> {
      if (r.chunkIndex() > 0) {
        laterCallsStarted.countDown();
        sleepQuietly(60_000);
      }
    });
    GenerationRequest request = GenerationRequest.builder(VOICE, TWELVE_SENTENCES).onProgress(p -> {
      listening.countDown();
      sleepQuietly(5_000);
    }).build();
    CompletableFuture<Speech> future = client(provider, 3).generateAsync(request);
    assertTrue(listening.await(10, TimeUnit.SECONDS));
    assertTrue(laterCallsStarted.await(10, TimeUnit.SECONDS));

    long start = System.nanoTime();
    assertTrue(future.cancel(true));
    long cancelMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

    assertTrue(cancelMillis <= 100, "cancel took " + cancelMillis + " ms");
    assertEquals(0, provider.running.get());
    assertThrows(CancellationException.class, future::get);
  }

  @Test
  void listenerThatNeverReturnsDoesNotStallTheGeneration() {
    ScriptedProvider provider = new ScriptedProvider(40, 1, r -> {});
    List<Progress> heard = new CopyOnWriteArrayList<>();
    GenerationRequest request = GenerationRequest.builder(VOICE, TWELVE_SENTENCES).onProgress(p -> {
      heard.add(p);
      awaitTestOver();
    }).build();

    Speech speech = client(provider, 3).generate(request);

    assertEquals(12, speech.chunks().size());
    assertTrue(heard.size() <= 1, "only the first event can have reached the stuck listener: " + heard);
  }

  @Test
  void listenerHearsEveryEventInOrderOnOneThreadAtATime() throws Exception {
    ScriptedProvider provider = new ScriptedProvider(40, 1, r -> {});
    List<Progress> heard = new CopyOnWriteArrayList<>();
    Set<String> threads = Collections.synchronizedSet(new java.util.HashSet<>());
    CountDownLatch all = new CountDownLatch(13);
    int[] inside = {0};
    boolean[] overlapped = {false};
    GenerationRequest request = GenerationRequest.builder(VOICE, TWELVE_SENTENCES).onProgress(p -> {
      synchronized (inside) {
        overlapped[0] |= inside[0]++ > 0;
      }
      heard.add(p);
      threads.add(Thread.currentThread().getName());
      synchronized (inside) {
        inside[0]--;
      }
      all.countDown();
    }).build();

    client(provider, 4).generate(request);

    assertTrue(all.await(10, TimeUnit.SECONDS));
    assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12), heard.stream().map(Progress::chunksDone).toList());
    assertFalse(overlapped[0]);
    assertTrue(threads.stream().allMatch(name -> name.startsWith("utter-progress-")), threads.toString());
  }

  @Test
  void listenerThatThrowsDoesNotFailTheGenerationAndIsLoggedOnceAtWarn() throws Exception {
    ScriptedProvider provider = new ScriptedProvider(40, 1, r -> {});
    CountDownLatch all = new CountDownLatch(13);
    GenerationRequest request = GenerationRequest.builder(VOICE, TWELVE_SENTENCES).onProgress(p -> {
      all.countDown();
      throw new IllegalStateException("listener bug");
    }).build();

    String log = capturingStderr(() -> {
      Speech speech = client(provider, 3).generate(request);
      assertEquals(12, speech.chunks().size());
      try {
        assertTrue(all.await(10, TimeUnit.SECONDS)); // events run one by one: the first one's log is out
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
      return null;
    });

    List<String> warnings = log.lines().filter(line -> line.contains("WARN") && line.contains("Progress")).toList();
    assertEquals(1, warnings.size(), log);
    assertTrue(warnings.get(0).contains(
        "WARN dev.utter.internal.generation.ProgressEvents - Progress listener threw; the generation goes on "
            + "without it (Progress[chunksDone=0, chunksTotal=12"), log);
    assertTrue(log.contains("java.lang.IllegalStateException: listener bug"), log);
  }

  static Stream<Supplier<Error>> errors() {
    return Stream.of(() -> new OutOfMemoryError("Java heap space (test)"),
        () -> new StackOverflowError("deep (test)"),
        () -> new AssertionError("provider assertion (test)"));
  }

  /** A provider whose chunk 3 throws {@code error} while the chunks around it are still in flight. */
  private static ScriptedProvider throwingAtChunkThree(Supplier<Error> error, CountDownLatch othersStarted) {
    return new ScriptedProvider(40, 1, r -> {
      if (r.chunkIndex() == 3) {
        awaitQuietly(othersStarted);
        throw error.get();
      }
      if (r.chunkIndex() < 3) {
        othersStarted.countDown();
        sleepQuietly(60_000);
      }
    });
  }

  @ParameterizedTest
  @MethodSource("errors")
  void errorInAProviderCallCompletesTheFutureWithItAndStopsTheOtherCalls(Supplier<Error> error) throws Exception {
    CountDownLatch othersStarted = new CountDownLatch(3);
    ScriptedProvider provider = throwingAtChunkThree(error, othersStarted);

    CompletableFuture<Speech> future = client(provider, 4).generateAsync(
        GenerationRequest.builder(VOICE, TWELVE_SENTENCES).build());

    ExecutionException e = assertThrows(ExecutionException.class, () -> future.get(10, TimeUnit.SECONDS));
    assertEquals(error.get().getClass(), e.getCause().getClass());
    assertFalse(future.isCancelled());
    assertEquals(3, provider.interrupted.get(), "the three calls in flight were stopped");
    awaitNoCallRunning(provider);
  }

  @ParameterizedTest
  @MethodSource("errors")
  void errorInAProviderCallIsThrownBySyncStreamAndFileDoors(Supplier<Error> error, @TempDir Path dir) {
    Class<? extends Error> type = error.get().getClass();
    assertThrows(type, () -> client(throwingAtChunkThree(error, new CountDownLatch(3)), 4)
        .generate(GenerationRequest.builder(VOICE, TWELVE_SENTENCES).build()));
    Path target = dir.resolve("out.wav");
    assertThrows(type, () -> client(throwingAtChunkThree(error, new CountDownLatch(3)), 4)
        .generateToFile(GenerationRequest.builder(VOICE, TWELVE_SENTENCES).build(), target));
    assertFalse(Files.exists(target));
    try (SpeechStream stream = client(throwingAtChunkThree(error, new CountDownLatch(3)), 4)
        .stream(GenerationRequest.builder(VOICE, TWELVE_SENTENCES).build())) {
      assertThrows(type, () -> stream.forEach(chunk -> { }));
    }
  }

  @Test
  void errorWhileJoiningEndsTheRunWithItAndStopsTheCalls() throws Exception {
    CountDownLatch othersStarted = new CountDownLatch(2);
    ScriptedProvider provider = new ScriptedProvider(40, 1, r -> {
      if (r.chunkIndex() > 0) {
        othersStarted.countDown();
        sleepQuietly(60_000);
      }
    });
    ExecutorService calls = Executors.newFixedThreadPool(3);
    try {
      Generation generation = new Generation(provider, GenerationRequest.builder(VOICE, TWELVE_SENTENCES).build(),
          calls, Runnable::run, new Generation.Scheduling(3, 300, 0, Double.POSITIVE_INFINITY),
          new Generation.Joining(Duration.ofMillis(30), Duration.ZERO));
      OutOfMemoryError oom = new OutOfMemoryError("while joining (test)");

      OutOfMemoryError thrown = assertThrows(OutOfMemoryError.class, () -> generation.run((index, total, text, audio) -> {
        awaitQuietly(othersStarted);
        throw oom;
      }));

      assertSame(oom, thrown);
      assertEquals(0, provider.running.get(), "no call may run once the run has ended");
      assertEquals(provider.calls.size() - 1, provider.interrupted.get(), "every call but the first was stopped");
    } finally {
      calls.shutdownNow();
    }
  }

  @Test
  void fourThousandEmojiAreSpokenWithoutSplittingAPair() {
    String emoji = "\uD83D\uDE00";
    List<String> sent = new CopyOnWriteArrayList<>();
    ScriptedProvider provider = new ScriptedProvider(40, 1, r -> sent.add(r.text()));

    client(provider, 4).generate(GenerationRequest.builder(VOICE, emoji.repeat(4000)).build());

    assertTrue(sent.size() > 1, "chunks: " + sent.size());
    assertEquals(4000, sent.stream().mapToLong(t -> t.codePoints().filter(c -> c == 0x1F600).count()).sum());
    assertTrue(sent.stream().allMatch(t -> t.codePoints().noneMatch(c -> c >= 0xD800 && c <= 0xDFFF)), "a pair was split");
  }

  @Test
  void closingTheClientEndsItsThreads() throws Exception {
    ScriptedProvider provider = new ScriptedProvider(40, 1, r -> {});
    Set<Thread> before = clientThreads();
    Utter utter = Utter.builder().provider(provider).parallelism(4).maxThreads(3).build();
    CountDownLatch heard = new CountDownLatch(13);
    Speech speech = utter.generateAsync(GenerationRequest.builder(VOICE, TWELVE_SENTENCES)
        .onProgress(p -> heard.countDown()).build()).get(10, TimeUnit.SECONDS);
    assertEquals(12, speech.chunks().size());
    assertTrue(heard.await(10, TimeUnit.SECONDS));
    Set<Thread> started = clientThreads();
    started.removeAll(before);
    assertTrue(started.stream().filter(t -> t.getName().startsWith("utter-call-")).count() <= 3,
        "at most maxThreads call threads: " + started);
    assertFalse(started.isEmpty());

    utter.close();

    for (Thread thread : started) {
      thread.join(10_000);
      assertFalse(thread.isAlive(), thread.getName() + " still alive after close");
    }
  }

  @Test
  void maxThreadsBoundsTheProviderCallsOfAllGenerations() throws Exception {
    ScriptedProvider provider = new ScriptedProvider(40, 1, r -> sleepQuietly(20));
    Utter utter = Utter.builder().provider(provider).parallelism(4).maxThreads(2).build();
    clients.add(utter);
    List<CompletableFuture<Speech>> futures = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      futures.add(utter.generateAsync(GenerationRequest.builder(VOICE, TWELVE_SENTENCES).build()));
    }
    for (CompletableFuture<Speech> future : futures) {
      assertEquals(12, future.get(30, TimeUnit.SECONDS).chunks().size());
    }
    assertTrue(provider.maxRunning.get() <= 2, "calls at once: " + provider.maxRunning.get());
  }

  private static Set<Thread> clientThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().matches("utter-(call|generation|progress)-\\d+"))
        .collect(Collectors.toSet());
  }

  private static void awaitNoCallRunning(ScriptedProvider provider) throws InterruptedException {
    for (int i = 0; i < 1000 && provider.running.get() > 0; i++) {
      Thread.sleep(10);
    }
    assertEquals(0, provider.running.get());
  }

  private static String capturingStderr(Supplier<Void> action) {
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      action.get();
    } finally {
      System.setErr(original);
    }
    return captured.toString(StandardCharsets.UTF_8);
  }

  private static void sleepQuietly(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
