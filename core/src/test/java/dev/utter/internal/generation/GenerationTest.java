package dev.utter.internal.generation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.utter.GenerationRequest;
import dev.utter.Language;
import dev.utter.Progress;
import dev.utter.ProviderUnavailableException;
import dev.utter.Speech;
import dev.utter.SpeechChunk;
import dev.utter.SpeechFile;
import dev.utter.SpeechStream;
import dev.utter.Utter;
import dev.utter.Voice;
import dev.utter.audio.AudioJoiner;
import dev.utter.audio.PcmAudio;
import dev.utter.audio.Wav;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerationTest {
  private static final Voice VOICE = Voice.builder()
      .name("Test")
      .reference(Wav.write(PcmAudio.silence(8000, 8000 * 11)))
      .transcript("The reference transcript.")
      .language(Language.ENGLISH)
      .build();

  /** Twelve sentences of 40 characters: with a 50-character limit, one chunk each. */
  private static final String TWELVE_SENTENCES = String.join(" ", java.util.Collections.nCopies(12,
      "This sentence is forty characters long."));

  private final List<Utter> clients = new ArrayList<>();

  @AfterEach
  void closeClients() {
    clients.forEach(Utter::close);
  }

  private Utter client(ScriptedProvider provider, int parallelism) {
    Utter utter = Utter.builder().provider(provider).parallelism(parallelism).build();
    clients.add(utter);
    return utter;
  }

  private static GenerationRequest request(String text) {
    return GenerationRequest.builder(VOICE, text).build();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancellationException("interrupted");
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancellationException("interrupted");
    }
  }

  @Test
  void deliversChunksInTextOrderWhenLaterChunksFinishFirst() {
    ScriptedProvider provider = new ScriptedProvider(40, 1, r -> sleep(5L * (12 - r.chunkIndex())));

    List<Integer> order = new ArrayList<>();
    try (SpeechStream stream = client(provider, 4).stream(request(TWELVE_SENTENCES))) {
      for (SpeechChunk chunk : stream) {
        order.add(chunk.index());
        assertEquals("This sentence is forty characters long.", chunk.text());
      }
    }

    assertEquals(java.util.stream.IntStream.range(0, 12).boxed().toList(), order);
  }

  @Test
  void runsAtMostParallelismCallsAtOnce() {
    ScriptedProvider provider = new ScriptedProvider(40, 1, r -> sleep(20));

    client(provider, 3).generate(request(TWELVE_SENTENCES));

    assertEquals(12, provider.calls.size());
    assertTrue(provider.maxRunning.get() <= 3, "max concurrent calls " + provider.maxRunning.get());
    assertTrue(provider.maxRunning.get() >= 2, "calls should overlap, max was " + provider.maxRunning.get());
  }

  @Test
  void theFirstChunkIsSentWhileLaterOnesAreHeldUp() {
    CountDownLatch gate = new CountDownLatch(1);
    ScriptedProvider provider = new ScriptedProvider(40, 1, r -> {
      if (r.chunkIndex() >= 1) {
        awaitQuietly(gate); // every later call holds its permit until the gate opens
      }
    });

    try (SpeechStream stream = client(provider, 2).stream(request(TWELVE_SENTENCES))) {
      Iterator<SpeechChunk> chunks = stream.iterator();
      CompletableFuture<SpeechChunk> first = CompletableFuture.supplyAsync(chunks::next);
      assertEquals(0, first.orTimeout(10, TimeUnit.SECONDS).join().index(),
          "chunk 0 must not wait behind later chunks holding every permit");
      gate.countDown();
      chunks.forEachRemaining(chunk -> { });
    }
    assertEquals(12, provider.calls.size());
  }

  @Test
  void sendsBatchesOfTheProvidersBatchSize() {
    ScriptedProvider provider = new ScriptedProvider(40, 5, r -> {});

    client(provider, 2).generate(request(TWELVE_SENTENCES));

    List<List<Integer>> calls = provider.calls.stream()
        .sorted(java.util.Comparator.comparing(c -> c.get(0))).toList();
    assertEquals(List.of(List.of(0, 1, 2, 3, 4), List.of(5, 6, 7, 8, 9), List.of(10, 11)), calls);
  }

  @Test
  void joinedDurationIsTheSumOfChunksMinusCrossfades() {
    ScriptedProvider provider = new ScriptedProvider(40, 1, r -> {});
    Utter utter = Utter.builder().provider(provider).crossfade(Duration.ofMillis(30)).build();
    clients.add(utter);

    Speech speech = utter.generate(request(TWELVE_SENTENCES));

    int chunkSamples = ScriptedProvider.toneFor("This sentence is forty characters long.").length();
    int crossfade = AudioJoiner.samples(ScriptedProvider.SAMPLE_RATE, Duration.ofMillis(30));
    assertEquals(12 * chunkSamples - 11 * crossfade, speech.audio().length());
    assertEquals(12, speech.chunks().size());
  }

  @Test
  void failedChunkFailsTheRequestWithItsIndexAndType() {
    ScriptedProvider provider = new ScriptedProvider(40, 1, r -> {
      if (r.chunkIndex() == 5) {
        throw new ProviderUnavailableException("Service unavailable");
      }
    });

    ProviderUnavailableException e = assertThrows(ProviderUnavailableException.class,
        () -> client(provider, 2).generate(request(TWELVE_SENTENCES)));

    assertEquals(5, e.chunkIndex().orElseThrow());
    assertEquals("Chunk 6 of 12 failed: Service unavailable", e.getMessage());
  }

  @Test
  void cancellingTheFutureStopsEveryProviderCall() throws Exception {
    CountDownLatch twoStarted = new CountDownLatch(2);
    ScriptedProvider provider = new ScriptedProvider(40, 1, r -> {
      twoStarted.countDown();
      sleep(60_000);
    });
    CompletableFuture<Speech> future = client(provider, 2).generateAsync(request(TWELVE_SENTENCES));
    assertTrue(twoStarted.await(10, TimeUnit.SECONDS));

    assertTrue(future.cancel(true));
    int callsAtCancel = provider.calls.size();

    assertEquals(0, provider.running.get(), "no call may still run once cancel returns");
    assertEquals(2, provider.interrupted.get());
    assertThrows(CancellationException.class, future::get);
    Thread.sleep(200); // give a wrongly scheduled call the chance to show up
    assertEquals(callsAtCancel, provider.calls.size());
    assertEquals(2, callsAtCancel);
  }

  @Test
  void streamDeliversTheFirstChunkBeforeTheLastIsSynthesized() {
    CountDownLatch releaseLast = new CountDownLatch(1);
    ScriptedProvider provider = new ScriptedProvider(40, 1, r -> {
      if (r.chunkIndex() == 11) {
        awaitQuietly(releaseLast);
      }
    });

    try (SpeechStream stream = client(provider, 4).stream(request(TWELVE_SENTENCES))) {
      Iterator<SpeechChunk> chunks = stream.iterator();
      SpeechChunk first = chunks.next();
      assertEquals(0, first.index());
      assertEquals(1, releaseLast.getCount(), "the last chunk is still being synthesized");
      releaseLast.countDown();
      int count = 1;
      while (chunks.hasNext()) {
        chunks.next();
        count++;
      }
      assertEquals(12, count);
    }
  }

  @Test
  void unconsumedStreamKeepsOnlyAWindowOfWorkAhead() throws Exception {
    ScriptedProvider provider = new ScriptedProvider(40, 1, r -> {});
    String long48 = String.join(" ", java.util.Collections.nCopies(48, "This sentence is forty characters long."));

    try (SpeechStream stream = client(provider, 2).stream(request(long48))) {
      Thread.sleep(300); // the stream is never read: the scheduler must stall, not run ahead
      assertTrue(provider.calls.size() <= 2 + 2 + 2 * 2,
          "calls made without a consumer: " + provider.calls.size());
      assertEquals(48, stream.chunkCount());
    }
  }

  @Test
  void fileTargetIsNotLeftHalfWrittenWhenAChunkFails(@TempDir Path dir) throws IOException {
    ScriptedProvider provider = new ScriptedProvider(40, 1, r -> {
      if (r.chunkIndex() == 9) {
        throw new ProviderUnavailableException("down");
      }
    });
    Path target = dir.resolve("speech.wav");

    assertThrows(ProviderUnavailableException.class,
        () -> client(provider, 2).generateToFile(request(TWELVE_SENTENCES), target));

    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(), files.toList());
    }
  }

  @Test
  void fileOutputIsAValidWavOfTheWholeSpeech(@TempDir Path dir) throws IOException {
    ScriptedProvider provider = new ScriptedProvider(40, 1, r -> {});
    Utter utter = client(provider, 2);

    SpeechFile file = utter.generateToFile(request(TWELVE_SENTENCES), dir.resolve("speech.wav"));
    Speech inMemory = utter.generate(request(TWELVE_SENTENCES));

    PcmAudio written = Wav.read(Files.readAllBytes(file.path()));
    assertEquals(inMemory.audio(), written);
    assertEquals(inMemory.duration(), file.duration());
  }

  @Test
  void fileOutputHonoursTheRawPcmFormat(@TempDir Path dir) throws IOException {
    Utter utter = client(new ScriptedProvider(40, 1, r -> {}), 2);
    GenerationRequest raw = GenerationRequest.builder(VOICE, TWELVE_SENTENCES)
        .outputFormat(dev.utter.OutputFormat.PCM_S16LE).build();

    SpeechFile file = utter.generateToFile(raw, dir.resolve("speech.pcm"));
    Speech inMemory = utter.generate(request(TWELVE_SENTENCES));

    assertArrayEquals(inMemory.toBytes(dev.utter.OutputFormat.PCM_S16LE), Files.readAllBytes(file.path()));
    assertEquals(inMemory.duration(), file.duration());
  }

  @Test
  void chunksStayWithinTheSpeechOneCallCanMake() {
    ScriptedProvider provider = new ScriptedProvider(
        ScriptedProvider.baseCapabilities().maxUtf8BytesPerCall(10_000).maxAudioSecondsPerCall(3.5).build(), r -> {});

    client(provider, 2).generate(request(TWELVE_SENTENCES));

    // 3.5 s at 14 characters a second, less a 10 % margin: 44 characters, one 39-character sentence a call.
    assertEquals(12, provider.calls.size());
  }

  @Test
  void progressCountsEveryChunkUpToTheTotal() throws InterruptedException {
    ScriptedProvider provider = new ScriptedProvider(40, 1, r -> {});
    List<Progress> events = new CopyOnWriteArrayList<>();
    CountDownLatch all = new CountDownLatch(13);

    client(provider, 3).generate(GenerationRequest.builder(VOICE, TWELVE_SENTENCES).onProgress(p -> {
      events.add(p);
      all.countDown();
    }).build());

    assertTrue(all.await(10, TimeUnit.SECONDS), "progress is delivered on the client's progress thread");

    assertEquals(13, events.size());
    for (int i = 0; i < events.size(); i++) {
      assertEquals(i, events.get(i).chunksDone());
      assertEquals(12, events.get(i).chunksTotal());
    }
    assertTrue(events.get(12).isComplete());
    assertEquals(12 * 0.39, events.get(12).audioSeconds(), 1e-9);
  }

  @Test
  void asyncFailureCompletesTheFutureExceptionally() {
    ScriptedProvider provider = new ScriptedProvider(40, 1, r -> {
      throw new ProviderUnavailableException("down");
    });

    ExecutionException e = assertThrows(ExecutionException.class,
        () -> client(provider, 2).generateAsync(request(TWELVE_SENTENCES)).get(10, TimeUnit.SECONDS));

    assertInstanceOf(ProviderUnavailableException.class, e.getCause());
  }

  @Test
  void closingAStreamEarlyCancelsTheRest() {
    ScriptedProvider provider = new ScriptedProvider(40, 1, r -> sleep(r.chunkIndex() == 0 ? 0 : 60_000));

    SpeechStream stream = client(provider, 2).stream(request(TWELVE_SENTENCES));
    assertEquals(0, stream.iterator().next().index());
    stream.close();

    assertEquals(0, provider.running.get());
    assertFalse(provider.calls.size() > 1 + 2 * 2, "calls: " + provider.calls.size());
  }
}
