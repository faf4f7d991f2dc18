package dev.utter.provider.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.utter.GenerationFailedException;
import dev.utter.InvalidRequestException;
import dev.utter.Language;
import dev.utter.ProviderUnavailableException;
import dev.utter.RateLimitedException;
import dev.utter.Voice;
import dev.utter.audio.PcmAudio;
import dev.utter.audio.Wav;
import dev.utter.spi.SynthesisRequest;
import dev.utter.testing.TestAudio;
import dev.utter.testing.FakeTime;
import dev.utter.spi.Sleeper;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class MockTtsProviderTest {
  private static final Voice VOICE = TestAudio.voice(TestAudio.TRANSCRIPT);
  private static final String TEXT = "Hello there, how are you today?";
  private static final String GOLDEN_SHA256 =
      "28698952a426440535e402a61f8b497e7dd4c026c74660d38c59d801402d78a5";

  private final List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());
  private final Sleeper recordingSleeper = sleeps::add;

  @Test
  void sameVoiceTextAndSeedGiveIdenticalSamples() {
    PcmAudio first = MockTtsProvider.builder().build().synthesize(request(TEXT, 7));
    PcmAudio second = MockTtsProvider.builder().build().synthesize(request(TEXT, 7));
    assertEquals(first, second);
  }

  @Test
  void differentSeedGivesDifferentSamples() {
    MockTtsProvider provider = MockTtsProvider.builder().build();
    PcmAudio seven = provider.synthesize(request(TEXT, 7));
    PcmAudio eight = provider.synthesize(request(TEXT, 8));
    assertEquals(seven.length(), eight.length());
    assertNotEquals(seven, eight);
  }

  @Test
  void differentVoicesSpeakDifferently() {
    Voice low = Voice.builder().name("Low").reference(TestAudio.speechLikeWav(11, 24_000, 100))
        .transcript(TestAudio.TRANSCRIPT).build();
    MockTtsProvider provider = MockTtsProvider.builder().build();
    assertNotEquals(provider.synthesize(request(TEXT, 1)),
        provider.synthesize(new SynthesisRequest(low, TEXT, Language.AUTO, OptionalLong.of(1), null, 0)));
  }

  @Test
  void durationFollowsTheTextAtFourteenCharactersASecond() {
    String text = "the quick brown fox jumps over the lazy dog and keeps running across the wide green field "
        + "until the sun goes down behind the old hill";
    PcmAudio audio = MockTtsProvider.builder().build().synthesize(request(text, 0));
    assertEquals(24_000, audio.sampleRate());
    assertEquals(text.length() / 14.0, audio.durationSeconds(), 0.01);
  }

  @Test
  void samplesAreTheSameOnEveryJvm() throws Exception {
    // Pinned: a change here breaks every user test that compares mock audio with a stored copy.
    PcmAudio audio = MockTtsProvider.builder().build().synthesize(request(TEXT, 42));
    byte[] digest = MessageDigest.getInstance("SHA-256").digest(Wav.write(audio));
    assertEquals(GOLDEN_SHA256, HexFormat.of().formatHex(digest));
  }

  @Test
  void echoPresetCutsAudioAtItsSequenceLength() {
    String longWords = "abcdefghij ".repeat(69).strip(); // 689 characters: 49 s at 14 a second
    PcmAudio audio = MockTtsProvider.builder().capabilities(MockPresets.ECHO).build()
        .synthesize(request(longWords, 0));
    assertEquals((int) (29.7 * 44_100), audio.length());
  }

  @Test
  void echoPresetSpeaksAt44100Hz() {
    PcmAudio audio = MockTtsProvider.builder().capabilities(MockPresets.ECHO).build()
        .synthesize(request(TEXT, 0));
    assertEquals(44_100, audio.sampleRate());
  }

  @Test
  void latencyIsSleptOncePerCall() {
    MockTtsProvider provider = MockTtsProvider.builder()
        .latency(Duration.ofMillis(500), Duration.ZERO)
        .sleeper(recordingSleeper)
        .build();
    provider.synthesize(request(TEXT, 0));
    provider.synthesize(request(TEXT, 0));
    assertEquals(List.of(Duration.ofMillis(500), Duration.ofMillis(500)), sleeps);
  }

  @Test
  void jitterStaysWithinItsBoundsAndVaries() {
    MockTtsProvider provider = MockTtsProvider.builder()
        .latency(Duration.ofMillis(500), Duration.ofMillis(100))
        .sleeper(recordingSleeper)
        .build();
    for (int i = 0; i < 20; i++) {
      provider.synthesize(request(TEXT, 0));
    }
    assertEquals(20, sleeps.size());
    for (Duration sleep : sleeps) {
      assertTrue(sleep.toMillis() >= 400 && sleep.toMillis() <= 600, "sleep " + sleep);
    }
    assertTrue(sleeps.stream().distinct().count() > 10, "jitter does not vary: " + sleeps);
  }

  @Test
  void jitterIsTheSameFromRunToRun() {
    List<Duration> other = new ArrayList<>();
    for (Sleeper sleeper : List.of(recordingSleeper, (Sleeper) other::add)) {
      MockTtsProvider provider = MockTtsProvider.builder()
          .latency(Duration.ofMillis(500), Duration.ofMillis(100))
          .sleeper(sleeper)
          .build();
      for (int i = 0; i < 5; i++) {
        provider.synthesize(request(TEXT, 0));
      }
    }
    assertEquals(sleeps, other);
  }

  @Test
  void coldStartDelaysOnlyTheFirstCall() {
    MockTtsProvider provider = MockTtsProvider.builder()
        .latency(Duration.ofMillis(100), Duration.ZERO)
        .coldStart(Duration.ofSeconds(2))
        .sleeper(recordingSleeper)
        .build();
    provider.synthesize(request(TEXT, 0));
    provider.synthesize(request(TEXT, 0));
    provider.synthesize(request(TEXT, 0));
    assertEquals(List.of(Duration.ofMillis(2100), Duration.ofMillis(100), Duration.ofMillis(100)), sleeps);
  }

  @Test
  void recordedCallsLastTheirLatencyOnAnInjectedClock() {
    FakeTime time = new FakeTime();
    MockTtsProvider provider = MockTtsProvider.builder()
        .latency(Duration.ofMillis(250), Duration.ZERO)
        .coldStart(Duration.ofSeconds(3))
        .clock(time)
        .sleeper(time)
        .build();
    Instant begin = time.instant();
    provider.synthesize(request(TEXT, 0));
    provider.synthesize(request(TEXT, 0));

    List<CallRecorder.Call> calls = provider.recorder().calls();
    assertEquals(begin, calls.get(0).start());
    assertEquals(Duration.ofMillis(3250), calls.get(0).duration());
    assertEquals(calls.get(0).end(), calls.get(1).start());
    assertEquals(Duration.ofMillis(250), calls.get(1).duration());
  }

  @Test
  void failFirstFailsThatManyCallsThenSucceeds() {
    MockTtsProvider provider = MockTtsProvider.builder()
        .failFirst(2, () -> new ProviderUnavailableException("warming up"))
        .build();
    assertThrows(ProviderUnavailableException.class, () -> provider.synthesize(request(TEXT, 0)));
    assertThrows(ProviderUnavailableException.class, () -> provider.synthesize(request(TEXT, 0)));
    assertTrue(provider.synthesize(request(TEXT, 0)).length() > 0);
    assertEquals(3, provider.recorder().callCount());
  }

  @Test
  void failureRateFailsAboutThatShareOfCallsTheSameWayForTheSameSeed() {
    List<Boolean> first = outcomes(0.3, 11);
    List<Boolean> second = outcomes(0.3, 11);
    assertEquals(first, second);
    long failures = first.stream().filter(failed -> failed).count();
    assertTrue(failures >= 10 && failures <= 50, failures + " failures out of 100");
    assertNotEquals(first, outcomes(0.3, 12));
  }

  private static List<Boolean> outcomes(double rate, long seed) {
    MockTtsProvider provider = MockTtsProvider.builder()
        .failureRate(rate, seed, () -> new RateLimitedException("slow down", null,
            dev.utter.UtterException.Details.NONE, null))
        .build();
    List<Boolean> failed = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      try {
        provider.synthesize(request("Hi there.", 0));
        failed.add(false);
      } catch (RateLimitedException e) {
        failed.add(true);
      }
    }
    return failed;
  }

  @Test
  void interruptEndsASleepingCallWithCancellationAndKeepsTheFlag() throws Exception {
    CountDownLatch sleeping = new CountDownLatch(1);
    MockTtsProvider provider = MockTtsProvider.builder()
        .latency(Duration.ofMinutes(5), Duration.ZERO)
        .sleeper(duration -> {
          sleeping.countDown();
          Sleeper.SYSTEM.sleep(duration);
        })
        .build();
    AtomicBoolean flagKept = new AtomicBoolean();
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<PcmAudio> call = pool.submit(() -> {
        try {
          return provider.synthesize(request(TEXT, 0));
        } finally {
          flagKept.set(Thread.currentThread().isInterrupted());
        }
      });
      assertTrue(sleeping.await(10, TimeUnit.SECONDS));
      long start = System.nanoTime();
      call.cancel(true);
      pool.shutdown();
      assertTrue(pool.awaitTermination(5, TimeUnit.SECONDS), "call did not end after interrupt");
      assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5));
    } finally {
      pool.shutdownNow();
    }
    assertTrue(flagKept.get(), "interrupt flag lost");
    CallRecorder.Call recorded = provider.recorder().calls().get(0);
    assertTrue(recorded.interrupted());
  }

  @Test
  void interruptedThreadIsCancelledAtTheStartOfACall() {
    MockTtsProvider provider = MockTtsProvider.builder().build();
    Thread.currentThread().interrupt();
    try {
      assertThrows(CancellationException.class, () -> provider.synthesize(request(TEXT, 0)));
      assertTrue(Thread.currentThread().isInterrupted());
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void recorderHoldsEachCallsChunksTextsAndTimes() {
    MockTtsProvider provider = MockTtsProvider.builder().build();
    provider.synthesize(new SynthesisRequest(VOICE, "First chunk.", Language.AUTO, OptionalLong.empty(), null, 4));
    provider.synthesizeBatch(List.of(
        new SynthesisRequest(VOICE, "Second chunk.", Language.AUTO, OptionalLong.empty(), null, 5),
        new SynthesisRequest(VOICE, "Third chunk.", Language.AUTO, OptionalLong.empty(), null, 6)));

    List<CallRecorder.Call> calls = provider.recorder().calls();
    assertEquals(2, calls.size());
    assertEquals(List.of(4), calls.get(0).chunkIndexes());
    assertEquals(List.of("First chunk."), calls.get(0).texts());
    assertEquals(1, calls.get(0).batchSize());
    assertEquals(List.of(5, 6), calls.get(1).chunkIndexes());
    assertEquals(List.of("Second chunk.", "Third chunk."), calls.get(1).texts());
    assertEquals(2, calls.get(1).batchSize());
    for (CallRecorder.Call call : calls) {
      assertFalse(call.end().isBefore(call.start()));
      assertFalse(call.interrupted());
    }
    provider.recorder().reset();
    assertEquals(0, provider.recorder().callCount());
  }

  @Test
  void aBatchIsOneCallWithOneLatency() {
    MockTtsProvider provider = MockTtsProvider.builder()
        .latency(Duration.ofMillis(300), Duration.ZERO)
        .sleeper(recordingSleeper)
        .build();
    List<PcmAudio> audio = provider.synthesizeBatch(List.of(request("One.", 0), request("Two two.", 0),
        request("Three three three.", 0)));
    assertEquals(3, audio.size());
    assertTrue(audio.get(0).length() < audio.get(1).length() && audio.get(1).length() < audio.get(2).length());
    assertEquals(List.of(Duration.ofMillis(300)), sleeps);
    assertEquals(1, provider.recorder().callCount());
  }

  @Test
  void batchOverTheMaximumIsRejected() {
    List<SynthesisRequest> nine = Collections.nCopies(9, request(TEXT, 0));
    assertInvalid("batch_too_large", () -> MockTtsProvider.builder().build().synthesizeBatch(nine));
  }

  @Test
  void blankTextIsRejected() {
    assertInvalid("invalid_text", () -> MockTtsProvider.builder().build().synthesize(request("   ", 0)));
  }

  @Test
  void unsupportedLanguageIsRejected() {
    MockTtsProvider echo = MockTtsProvider.builder().capabilities(MockPresets.ECHO).build();
    InvalidRequestException e = assertInvalid("unsupported_language",
        () -> echo.synthesize(SynthesisRequest.of(VOICE, TEXT, Language.GERMAN)));
    assertEquals("Unsupported language: German. Supported: Auto, English", e.getMessage());
  }

  @Test
  void missingTranscriptIsRejectedWhenRequired() {
    Voice bare = VOICE.toBuilder().transcript(null).build();
    assertInvalid("missing_transcript",
        () -> MockTtsProvider.builder().build().synthesize(SynthesisRequest.of(bare, TEXT, Language.AUTO)));
    assertTrue(MockTtsProvider.builder().capabilities(MockPresets.ECHO).build()
        .synthesize(SynthesisRequest.of(bare, TEXT, Language.AUTO)).length() > 0);
  }

  @Test
  void textOverTheCharacterLimitIsRejected() {
    assertInvalid("text_too_long", () -> MockTtsProvider.builder().build().synthesize(request("a".repeat(601), 0)));
  }

  @Test
  void textOverTheByteLimitIsRejected() {
    MockTtsProvider echo = MockTtsProvider.builder().capabilities(MockPresets.ECHO).build();
    InvalidRequestException e = assertInvalid("text_too_long", () -> echo.synthesize(request("é".repeat(381), 0)));
    assertEquals("Text too long for one call: 762 UTF-8 bytes, max 761", e.getMessage());
  }

  @Test
  void textOverTheWordLimitIsRejected() {
    MockTtsProvider echo = MockTtsProvider.builder().capabilities(MockPresets.ECHO).build();
    assertInvalid("text_too_long", () -> echo.synthesize(request("word ".repeat(71), 0)));
    assertTrue(echo.synthesize(request("word ".repeat(70), 0)).length() > 0);
  }

  @Test
  void closedProviderRefusesCallsAndReportsDown() {
    MockTtsProvider provider = MockTtsProvider.builder().build();
    assertTrue(provider.health().healthy());
    provider.close();
    provider.close();
    assertThrows(IllegalStateException.class, () -> provider.synthesize(request(TEXT, 0)));
    assertFalse(provider.health().healthy());
  }

  @Test
  void injectedFailuresAreFreshExceptionsOfTheSuppliedType() {
    MockTtsProvider provider = MockTtsProvider.builder()
        .failFirst(2, () -> new GenerationFailedException("boom"))
        .build();
    Exception first = assertThrows(GenerationFailedException.class, () -> provider.synthesize(request(TEXT, 0)));
    Exception second = assertThrows(GenerationFailedException.class, () -> provider.synthesize(request(TEXT, 0)));
    assertInstanceOf(GenerationFailedException.class, first);
    assertTrue(first != second, "the same exception instance was thrown twice");
  }

  private static InvalidRequestException assertInvalid(String code, org.junit.jupiter.api.function.Executable call) {
    InvalidRequestException e = assertThrows(InvalidRequestException.class, call);
    assertEquals(Optional.of(code), e.code());
    return e;
  }

  private static SynthesisRequest request(String text, long seed) {
    return new SynthesisRequest(VOICE, text, Language.AUTO, OptionalLong.of(seed), null, 0);
  }
}
