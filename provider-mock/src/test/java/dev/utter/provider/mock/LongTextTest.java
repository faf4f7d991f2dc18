package dev.utter.provider.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.utter.ChunkTiming;
import dev.utter.GenerationRequest;
import dev.utter.Language;
import dev.utter.ProviderUnavailableException;
import dev.utter.Speech;
import dev.utter.SpeechChunk;
import dev.utter.SpeechFile;
import dev.utter.SpeechStream;
import dev.utter.Utter;
import dev.utter.Voice;
import dev.utter.audio.AudioFormat;
import dev.utter.audio.AudioJoiner;
import dev.utter.audio.AudioProbe;
import dev.utter.audio.PcmAudio;
import dev.utter.audio.Wav;
import dev.utter.testing.TestAudio;
import dev.utter.text.TextNormalizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 5000-character text through the client and the mock provider at 200 ms (± 40 ms) per call: the
 * behaviour of long generations, asserted on what the provider saw, never on wall-clock speed.
 */
class LongTextTest {
  private static final Voice VOICE = TestAudio.voice(TestAudio.TRANSCRIPT);
  private static final String TEXT = prose(5000);

  private final List<AutoCloseable> open = new ArrayList<>();

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable c : open) {
      c.close();
    }
  }

  /** Deterministic English prose of exactly {@code length} characters. */
  static String prose(int length) {
    String[] words = {"river", "lantern", "quiet", "morning", "carried", "distant", "harbor", "music",
        "softly", "children", "remembered", "window", "garden", "evening", "Dr.", "Smith", "3.14", "e.g."};
    Random random = new Random(42);
    StringBuilder text = new StringBuilder();
    while (text.length() < length) {
      int n = 6 + random.nextInt(14);
      for (int i = 0; i < n; i++) {
        String word = words[random.nextInt(words.length)];
        text.append(i == 0 ? Character.toUpperCase(word.charAt(0)) + word.substring(1) : word);
        text.append(i == n - 1 ? (random.nextBoolean() ? ". " : "? ") : random.nextInt(5) == 0 ? ", " : " ");
      }
    }
    text.setLength(length - 1);
    return text.append('.').toString();
  }

  private MockTtsProvider.Builder mock() {
    return MockTtsProvider.builder().capabilities(MockPresets.QWEN)
        .latency(Duration.ofMillis(200), Duration.ofMillis(40));
  }

  private Utter client(MockTtsProvider provider) {
    Utter utter = Utter.builder().provider(provider).build();
    open.add(utter);
    open.add(provider);
    return utter;
  }

  private static GenerationRequest request() {
    return GenerationRequest.builder(VOICE, TEXT).language(Language.ENGLISH).build();
  }

  @Test
  void streamDeliversEveryChunkInTextOrder() {
    MockTtsProvider provider = mock().build();
    List<String> texts = new ArrayList<>();
    int expected = 0;
    try (SpeechStream stream = client(provider).stream(request())) {
      for (SpeechChunk chunk : stream) {
        assertEquals(expected++, chunk.index());
        texts.add(chunk.text());
      }
      assertEquals(stream.chunkCount(), expected);
    }
    assertTrue(expected > 10, "a 5000-character text makes many chunks: " + expected);
    assertEquals(TextNormalizer.normalize(TEXT), String.join(" ", texts));
  }

  @Test
  void firstChunkArrivesBeforeTheLastIsSynthesized() {
    MockTtsProvider provider = mock().build();
    try (SpeechStream stream = client(provider).stream(request())) {
      Iterator<SpeechChunk> chunks = stream.iterator();
      SpeechChunk first = chunks.next();
      int last = stream.chunkCount() - 1;

      assertEquals(0, first.index());
      assertFalse(provider.recorder().calls().stream().anyMatch(c -> c.chunkIndexes().contains(last)),
          "the last chunk was already synthesized when the first arrived");
      chunks.forEachRemaining(chunk -> { });
    }
  }

  @Test
  void cancellingStopsEveryProviderCall() throws Exception {
    MockTtsProvider provider = mock().build();
    CompletableFuture<Speech> future = client(provider).generateAsync(request());
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (provider.recorder().callCount() == 0 && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }

    future.cancel(true);
    Instant cancelled = Instant.now();
    int callsAtCancel = provider.recorder().callCount();
    Thread.sleep(3 * 240); // longer than any call: a call started after cancel would be recorded by now

    assertThrows(CancellationException.class, future::join);
    assertEquals(callsAtCancel, provider.recorder().callCount(), "a provider call ran after cancel");
    for (CallRecorder.Call call : provider.recorder().calls()) {
      assertFalse(call.end().isAfter(cancelled), "a call was still running when cancel returned: " + call);
    }
  }

  @Test
  void aFailingChunkFailsTheRequestWithItsIndexAndType() {
    MockTtsProvider provider = mock()
        .failFirst(1, () -> new ProviderUnavailableException("Service unavailable after retries"))
        .build();

    ProviderUnavailableException e =
        assertThrows(ProviderUnavailableException.class, () -> client(provider).generate(request()));

    assertTrue(e.chunkIndex().isPresent());
    assertTrue(e.getMessage().matches("Chunk \\d+ of \\d+ failed: Service unavailable after retries"), e.getMessage());
  }

  @Test
  void fileOutputIsOneWavOfTheChunksMinusCrossfades(@TempDir Path dir) throws IOException {
    MockTtsProvider provider = mock().build();
    SpeechFile file = client(provider).generateToFile(request(), dir.resolve("long.wav"));

    byte[] bytes = Files.readAllBytes(file.path());
    PcmAudio audio = Wav.read(bytes);
    int crossfade = AudioJoiner.samples(24_000, Duration.ofMillis(30));
    long chunkSamples = 0;
    for (ChunkTiming chunk : file.chunks()) {
      chunkSamples += Math.round(chunk.audioSeconds() * 24_000);
    }
    assertEquals(AudioFormat.WAV, AudioProbe.probe(bytes).format());
    assertEquals(24_000, audio.sampleRate());
    assertEquals(chunkSamples - (long) (file.chunks().size() - 1) * crossfade, audio.length());
    assertEquals(audio.duration(), file.duration());
    try (var files = Files.list(dir)) {
      assertEquals(List.of(file.path()), files.toList(), "no temporary file left behind");
    }
  }
}
