package dev.utter.provider.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.utter.GenerationRequest;
import dev.utter.Speech;
import dev.utter.Utter;
import dev.utter.Voice;
import dev.utter.testing.TestAudio;
import dev.utter.spi.Sleeper;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The {@link Utter} client's sync and async doors with the mock behind them. */
class UtterWithMockTest {
  private static final Voice VOICE = TestAudio.voice(TestAudio.TRANSCRIPT);
  private static final GenerationRequest REQUEST =
      GenerationRequest.builder(VOICE, "  Hello from utter, in a voice of my own!  ").seed(3).build();

  @Test
  void generateSpeaksTheTrimmedTextInOneCall() {
    MockTtsProvider provider = MockTtsProvider.builder().build();
    try (Utter utter = Utter.builder().provider(provider).build()) {
      Speech speech = utter.generate(REQUEST);

      assertEquals("mock", speech.providerId());
      assertEquals(24_000, speech.sampleRate());
      assertEquals(List.of("Hello from utter, in a voice of my own!"),
          provider.recorder().calls().get(0).texts());
      assertEquals(1, provider.recorder().callCount());
    }
  }

  @Test
  void generateAsyncGivesTheSameSpeechAsGenerate() throws Exception {
    try (Utter utter = Utter.builder().provider(MockTtsProvider.builder().build()).build()) {
      Speech sync = utter.generate(REQUEST);
      Speech async = utter.generateAsync(REQUEST).get(30, TimeUnit.SECONDS);

      assertEquals(sync.audio(), async.audio());
    }
  }

  @Test
  void cancellingGenerateAsyncInterruptsTheCallInFlight() throws Exception {
    CountDownLatch inCall = new CountDownLatch(1);
    MockTtsProvider provider = MockTtsProvider.builder()
        .latency(Duration.ofMinutes(10), Duration.ZERO)
        .sleeper(duration -> {
          inCall.countDown();
          Sleeper.SYSTEM.sleep(duration);
        })
        .build();
    try (Utter utter = Utter.builder().provider(provider).build()) {
      CompletableFuture<Speech> speech = utter.generateAsync(REQUEST);
      assertTrue(inCall.await(30, TimeUnit.SECONDS), "the call never started");

      assertTrue(speech.cancel(true));

      // cancel returns once the calls in flight have ended, so the recorder already holds this one.
      List<CallRecorder.Call> calls = provider.recorder().calls();
      assertEquals(1, calls.size());
      assertTrue(calls.get(0).interrupted(), "the call was not interrupted");
      assertTrue(calls.get(0).duration().compareTo(Duration.ofMinutes(1)) < 0, calls.get(0).toString());
      assertThrows(CancellationException.class, speech::join);
    }
  }
}
