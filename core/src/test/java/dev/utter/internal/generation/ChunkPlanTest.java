package dev.utter.internal.generation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.utter.Language;
import dev.utter.spi.ProviderCapabilities;
import dev.utter.text.TextNormalizer;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChunkPlanTest {
  private static final double NO_BUDGET = Double.POSITIVE_INFINITY;
  /** Batches of up to 8 chunks, at most 600 characters a call: the Qwen-like shape. */
  private static final ProviderCapabilities BATCHING = ProviderCapabilities.builder()
      .sampleRate(24_000).languages(EnumSet.of(Language.AUTO)).maxCharsPerCall(600).maxBatchSize(8).build();
  private static final ProviderCapabilities ONE_BY_ONE = BATCHING.toBuilder().maxBatchSize(1).build();

  /** Twenty sentences of 30 to 60 characters. */
  private static final String PROSE = String.join(" ", java.util.Collections.nCopies(4,
      "The keeper watched the sea. A storm came in from the west, slowly. "
          + "Nobody on the island slept that night. The boats were pulled up high. "
          + "By morning the sky was clear again."));

  @Test
  void theFirstChunkIsShortAndTheOthersLong() {
    ChunkPlan plan = ChunkPlan.of(PROSE, ONE_BY_ONE, 300, 100, NO_BUDGET);
    List<String> chunks = plan.chunks();
    assertTrue(chunks.get(0).length() <= 100, chunks.get(0));
    for (String chunk : chunks.subList(1, chunks.size() - 1)) {
      assertTrue(chunk.length() > 200 && chunk.length() <= 300, chunk.length() + ": " + chunk);
    }
  }

  @Test
  void theFirstChunkIsTheFirstSentencesThatFit() {
    ChunkPlan plan = ChunkPlan.of(PROSE, ONE_BY_ONE, 300, 100, NO_BUDGET);
    assertEquals("The keeper watched the sea. A storm came in from the west, slowly.", plan.chunks().get(0));
  }

  @Test
  void aFirstSentenceLongerThanTheFirstChunkIsCutAtAClause() {
    String text = "When the storm finally came in from the west after three long days of waiting, the keeper "
        + "lit the lamp and climbed the stairs. " + PROSE;
    ChunkPlan plan = ChunkPlan.of(text, ONE_BY_ONE, 300, 100, NO_BUDGET);
    assertEquals("When the storm finally came in from the west after three long days of waiting,",
        plan.chunks().get(0));
    assertTrue(plan.chunks().get(1).startsWith("the keeper lit the lamp"), plan.chunks().get(1));
  }

  @Test
  void theChunksTogetherAreTheWholeTextInOrder() {
    for (int first : new int[] {0, 20, 60, 100, 250}) {
      ChunkPlan plan = ChunkPlan.of(PROSE, BATCHING, 300, first, NO_BUDGET);
      assertEquals(TextNormalizer.normalize(PROSE), String.join(" ", plan.chunks()), "first chunk " + first);
    }
  }

  @Test
  void theFirstChunkIsAUnitOfItsOwnAndTheRestAreBatched() {
    ChunkPlan plan = ChunkPlan.of(PROSE + " " + PROSE + " " + PROSE, BATCHING, 100, 40, NO_BUDGET);
    List<ChunkPlan.Unit> units = plan.units();
    assertEquals(1, units.get(0).size());
    assertEquals(0, units.get(0).first());
    assertEquals(8, units.get(1).size());
    assertEquals(1, units.get(1).first());
    assertEquals(plan.size(), units.stream().mapToInt(ChunkPlan.Unit::size).sum());
  }

  @Test
  void withoutAFirstChunkLengthThePlanIsUnchanged() {
    ChunkPlan plain = ChunkPlan.of(PROSE, BATCHING, 300, 0, NO_BUDGET);
    assertTrue(plain.chunks().get(0).length() > 200);
    assertEquals(plain.chunks(), ChunkPlan.of(PROSE, BATCHING, 300, 300, NO_BUDGET).chunks());
    assertEquals(plain.chunks(), ChunkPlan.of(PROSE, BATCHING, 300, 1000, NO_BUDGET).chunks());
  }

  @Test
  void aTextThatFitsTheFirstChunkIsOneChunk() {
    ChunkPlan plan = ChunkPlan.of("The keeper watched the sea.", BATCHING, 300, 100, NO_BUDGET);
    assertEquals(List.of("The keeper watched the sea."), plan.chunks());
    assertEquals(1, plan.units().size());
  }

  @Test
  void theShortFirstChunkAddsAtMostOneChunk() {
    String text = PROSE.repeat(5);
    int without = ChunkPlan.of(text, BATCHING, 300, 0, NO_BUDGET).size();
    int with = ChunkPlan.of(text, BATCHING, 300, 100, NO_BUDGET).size();
    assertTrue(with == without || with == without + 1, without + " chunks without, " + with + " with");
  }

  @Test
  void theProvidersByteAndWordLimitsBindTheFirstChunkToo() {
    ProviderCapabilities echo = ProviderCapabilities.builder()
        .sampleRate(44_100).languages(EnumSet.of(Language.AUTO)).maxUtf8BytesPerCall(60).maxWordsPerCall(8).build();
    String text = "Zwölf Boxkämpfer jagen Viktor quer über den großen Sylter Deich. " + PROSE;
    ChunkPlan plan = ChunkPlan.of(text, echo, 300, 100, NO_BUDGET);
    for (String chunk : plan.chunks()) {
      assertTrue(chunk.getBytes(StandardCharsets.UTF_8).length <= 60, chunk);
      assertTrue(chunk.split(" ").length <= 8, chunk);
    }
    assertEquals(TextNormalizer.normalize(text), String.join(" ", plan.chunks()));
  }

  @Test
  void aFirstChunkAtLeastAsLongAsTheProvidersLimitChangesNothing() {
    ProviderCapabilities small = BATCHING.toBuilder().maxCharsPerCall(80).build();
    assertEquals(ChunkPlan.of(PROSE, small, 300, 0, NO_BUDGET).chunks(),
        ChunkPlan.of(PROSE, small, 300, 100, NO_BUDGET).chunks());
  }

  @Test
  void theFirstChunkCountsAgainstTheAudioBudgetLikeAnyUnit() {
    ChunkPlan plan = ChunkPlan.of(PROSE, BATCHING, 100, 60, 20);
    // a batch holds at most half the budget of estimated speech: 10 s, 140 characters
    for (ChunkPlan.Unit unit : plan.units()) {
      assertTrue(unit.size() == 1 || unit.estimatedSeconds() <= 10, unit.toString());
    }
    assertEquals(1, plan.units().get(0).size());
  }
}
