package dev.utter.provider.mock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.utter.Language;
import dev.utter.Voice;
import dev.utter.audio.PcmAudio;
import dev.utter.spi.SynthesisRequest;
import dev.utter.testing.TestAudio;
import dev.utter.testing.FakeTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The latency model's arithmetic, and how the mock provider waits by it. No test sleeps. */
class LatencyModelTest {
  private static final Voice VOICE = TestAudio.voice(TestAudio.TRANSCRIPT);

  private final List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());

  @Test
  void oneCallCostsItsFixedPartPlusTheRealTimeFactorTimesItsAudio() {
    LatencyModel model = LatencyModel.builder().perCall(Duration.ofMillis(100)).realTimeFactor(1.5).build();
    assertEquals(Duration.ofMillis(100 + 1500 * 4), model.cost(List.of(4.0)));
  }

  @Test
  void aBatchPaysItsLongestChunkInFullAndTheMarginalShareOfTheRest() {
    LatencyModel model = LatencyModel.builder()
        .perCall(Duration.ofSeconds(1)).realTimeFactor(2).batchMarginalCost(0.25).build();
    // 1 + 2 × (6 + 0.25 × (2 + 4)) = 16 s, against 3 + 2 × 12 = 27 s called one by one.
    assertEquals(Duration.ofSeconds(16), model.cost(List.of(2.0, 6.0, 4.0)));
  }

  @Test
  void withoutABatchDiscountABatchSavesOnlyTheFixedCosts() {
    LatencyModel model = LatencyModel.builder().perCall(Duration.ofSeconds(1)).realTimeFactor(1).build();
    assertEquals(Duration.ofSeconds(1 + 12), model.cost(List.of(2.0, 6.0, 4.0)));
  }

  @Test
  void theA10gModelMatchesTheOriginalDeploymentsMeasurements() {
    LatencyModel a10g = LatencyModel.A10G_QWEN_0_6B;
    // 56 and 800 characters at 14 characters a second: 11.1 s and 87.6 s measured.
    assertEquals(11.1, a10g.cost(List.of(56 / 14.0)).toMillis() / 1000.0, 0.1);
    assertEquals(87.6, a10g.cost(List.of(800 / 14.0)).toMillis() / 1000.0, 0.1);
    // About 20 chunks a batch ran 8 to 11 times faster than real time.
    double speedOfBatch = 20 * 20.0 / (a10g.cost(Collections.nCopies(20, 20.0)).toMillis() / 1000.0);
    assertTrue(speedOfBatch >= 8 && speedOfBatch <= 11, "batch of 20: " + speedOfBatch + "× real time");
  }

  @Test
  void scalingShrinksTheCostsAndKeepsTheirShape() {
    LatencyModel scaled = LatencyModel.A10G_QWEN_0_6B.scaled(0.01);
    assertEquals(Duration.ofMillis(53), scaled.perCall());
    assertEquals(0.0144, scaled.realTimeFactor(), 1e-12);
    assertEquals(LatencyModel.A10G_QWEN_0_6B.maxConcurrentCalls(), scaled.maxConcurrentCalls());
    List<Double> batch = List.of(20.0, 10.0, 5.0);
    assertEquals(LatencyModel.A10G_QWEN_0_6B.cost(batch).toNanos() / 100.0, scaled.cost(batch).toNanos(), 1);
    assertThrows(IllegalArgumentException.class, () -> scaled.scaled(0));
  }

  @Test
  void settingsOutOfRangeAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> LatencyModel.builder().perCall(Duration.ofMillis(-1)));
    assertThrows(IllegalArgumentException.class, () -> LatencyModel.builder().realTimeFactor(-0.5));
    assertThrows(IllegalArgumentException.class, () -> LatencyModel.builder().realTimeFactor(Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> LatencyModel.builder().batchMarginalCost(1.1));
    assertThrows(IllegalArgumentException.class, () -> LatencyModel.builder().jitter(-0.1));
    assertThrows(IllegalArgumentException.class, () -> LatencyModel.builder().maxConcurrentCalls(-1));
  }

  @Test
  void theProviderWaitsWhatTheAudioItMadeCosts() {
    MockTtsProvider provider = provider(LatencyModel.builder()
        .perCall(Duration.ofMillis(100)).realTimeFactor(1.5).build());
    PcmAudio audio = provider.synthesize(request("A sentence of some length, to be spoken slowly."));
    assertEquals(List.of(Duration.ofMillis(100).plusNanos(Math.round(1.5 * audio.durationSeconds() * 1e9))),
        sleeps);
  }

  @Test
  void theProviderWaitsLessForABatchThanForItsChunksOneByOne() {
    LatencyModel model = LatencyModel.builder()
        .perCall(Duration.ofMillis(100)).realTimeFactor(1.5).batchMarginalCost(0.1).build();
    MockTtsProvider provider = provider(model);
    List<SynthesisRequest> chunks = List.of(request("The first chunk."), request("A second, longer chunk of text."),
        request("And a third."));
    List<PcmAudio> audio = provider.synthesizeBatch(chunks);
    for (SynthesisRequest chunk : chunks) {
      provider.synthesize(chunk);
    }
    List<Double> seconds = audio.stream().map(PcmAudio::durationSeconds).toList();
    assertEquals(model.cost(seconds), sleeps.get(0));
    Duration oneByOne = sleeps.get(1).plus(sleeps.get(2)).plus(sleeps.get(3));
    assertTrue(sleeps.get(0).compareTo(oneByOne) < 0, sleeps.toString());
  }

  @Test
  void callsBeyondTheConcurrencyLimitQueueForTheFirstFreeSlot() {
    MockTtsProvider provider = provider(LatencyModel.builder()
        .perCall(Duration.ofSeconds(2)).maxConcurrentCalls(2).build());
    for (int i = 0; i < 5; i++) {
      provider.synthesize(request("Hello.")); // all arrive at the same instant of the stopped clock
    }
    assertEquals(List.of(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(4),
        Duration.ofSeconds(6)), sleeps);
  }

  @Test
  void callsThatDoNotOverlapNeverQueue() {
    FakeTime time = new FakeTime();
    MockTtsProvider provider = MockTtsProvider.builder()
        .latency(LatencyModel.builder().perCall(Duration.ofSeconds(2)).maxConcurrentCalls(1).build())
        .clock(time)
        .sleeper(time)
        .build();
    for (int i = 0; i < 3; i++) {
      provider.synthesize(request("Hello."));
    }
    assertEquals(Collections.nCopies(3, Duration.ofSeconds(2)), time.sleeps());
    List<CallRecorder.Call> calls = provider.recorder().calls();
    assertEquals(Duration.ofSeconds(6), Duration.between(calls.get(0).start(), calls.get(2).end()));
  }

  @Test
  void aCallThatArrivesWhileTheOnlySlotIsBusyWaitsForItsRest() {
    FakeTime time = new FakeTime();
    MockTtsProvider provider = MockTtsProvider.builder()
        .latency(LatencyModel.builder().perCall(Duration.ofSeconds(2)).maxConcurrentCalls(1).build())
        .clock(time)
        .sleeper(sleeps::add) // records, and leaves the clock to the test
        .build();
    provider.synthesize(request("Hello.")); // holds the slot for [0 s, 2 s)
    time.advance(Duration.ofMillis(500));
    provider.synthesize(request("Hello.")); // arrives at 0.5 s: waits 1.5 s, then runs 2 s
    assertEquals(List.of(Duration.ofSeconds(2), Duration.ofMillis(3500)), sleeps);
  }

  @Test
  void jitterSpreadsEachCostWithinItsFraction() {
    MockTtsProvider provider = provider(LatencyModel.builder()
        .perCall(Duration.ofMillis(100)).realTimeFactor(1).jitter(0.2).build());
    PcmAudio audio = provider.synthesize(request("Hello there."));
    for (int i = 0; i < 19; i++) {
      provider.synthesize(request("Hello there."));
    }
    double cost = 0.1 + audio.durationSeconds();
    for (Duration sleep : sleeps) {
      double seconds = sleep.toNanos() / 1e9;
      assertTrue(seconds >= cost * 0.8 - 1e-9 && seconds <= cost * 1.2 + 1e-9, sleep + " outside ±20 % of " + cost);
    }
    assertTrue(sleeps.stream().distinct().count() > 10, "jitter does not vary: " + sleeps);
  }

  private MockTtsProvider provider(LatencyModel model) {
    return MockTtsProvider.builder()
        .latency(model)
        .clock(MockTtsProviderTest.STOPPED)
        .sleeper(sleeps::add)
        .build();
  }

  private static SynthesisRequest request(String text) {
    return SynthesisRequest.of(VOICE, text, Language.AUTO);
  }
}
