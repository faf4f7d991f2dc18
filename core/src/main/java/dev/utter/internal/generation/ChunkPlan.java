package dev.utter.internal.generation;

import dev.utter.spi.ProviderCapabilities;
import dev.utter.text.TextChunker;
import dev.utter.text.TextNormalizer;
import java.util.ArrayList;
import java.util.List;

/**
 * A text cut into the chunks one provider call each can take, grouped into the units the scheduler
 * submits: batches where the provider has batch support, single chunks otherwise.
 */
final class ChunkPlan {
  private final List<String> chunks;
  private final List<Unit> units;

  /** A run of consecutive chunks sent in one provider call. */
  record Unit(int first, List<String> texts) {
    int size() {
      return texts.size();
    }
  }

  private ChunkPlan(List<String> chunks, int batchSize) {
    this.chunks = List.copyOf(chunks);
    List<Unit> grouped = new ArrayList<>();
    for (int i = 0; i < chunks.size(); i += batchSize) {
      grouped.add(new Unit(i, this.chunks.subList(i, Math.min(chunks.size(), i + batchSize))));
    }
    this.units = List.copyOf(grouped);
  }

  /** Normalizes {@code text} and cuts it by {@code capabilities}' limits. */
  static ChunkPlan of(String text, ProviderCapabilities capabilities) {
    List<String> chunks = new ArrayList<>();
    for (String chunk : TextChunker.of(capabilities.chunkLimits()).chunk(TextNormalizer.normalize(text))) {
      String spoken = chunk.strip();
      if (!spoken.isEmpty()) {
        chunks.add(spoken);
      }
    }
    return new ChunkPlan(chunks, capabilities.maxBatchSize());
  }

  List<String> chunks() {
    return chunks;
  }

  List<Unit> units() {
    return units;
  }

  int size() {
    return chunks.size();
  }
}
