package dev.utter.internal.generation;

import dev.utter.spi.ProviderCapabilities;
import dev.utter.text.ChunkLimits;
import dev.utter.text.TextChunker;
import dev.utter.text.TextNormalizer;
import java.util.ArrayList;
import java.util.List;

/**
 * A text cut into the chunks one provider call each can take, grouped into the units the scheduler
 * submits: batches where the provider has batch support, single chunks otherwise.
 *
 * <p>Chunks are at most the client's preferred length, and never over the provider's limits, including
 * the text its longest call can speak at a typical pace with a 10 % margin. With a first-chunk length,
 * the first chunk is cut shorter, to at most that length (the first sentences that fit, else a clause,
 * else words, as {@link TextChunker} cuts), and sent in a call of its own, so that the first audio comes
 * after a short call; the rest of the text is cut as usual. A batch
 * holds at most the provider's batch size and, when an audio budget applies, at most half the budget
 * of estimated speech, so that two units fit in the budget at once.
 */
final class ChunkPlan {
  /** Characters spoken per second, for estimates: a typical reading pace. */
  static final double CHARS_PER_SECOND = 14.0;

  private final List<String> chunks;
  private final List<Unit> units;

  /** A run of consecutive chunks sent in one provider call. */
  record Unit(int first, List<String> texts, double estimatedSeconds) {
    int size() {
      return texts.size();
    }
  }

  private ChunkPlan(List<String> chunks, int leadChunks, int batchSize, double audioBudgetSeconds) {
    this.chunks = List.copyOf(chunks);
    List<Unit> grouped = new ArrayList<>();
    for (int lead = 0; lead < leadChunks; lead++) {
      grouped.add(new Unit(lead, this.chunks.subList(lead, lead + 1), estimateSeconds(chunks.get(lead))));
    }
    int first = leadChunks;
    while (first < chunks.size()) {
      int end = first;
      double seconds = 0;
      while (end < chunks.size() && end - first < batchSize) {
        double next = estimateSeconds(chunks.get(end));
        if (end > first && seconds + next > audioBudgetSeconds / 2) {
          break;
        }
        seconds += next;
        end++;
      }
      grouped.add(new Unit(first, this.chunks.subList(first, end), seconds));
      first = end;
    }
    this.units = List.copyOf(grouped);
  }

  /**
   * Normalizes {@code text} and cuts it into chunks of at most {@code maxChunkChars} within
   * {@code capabilities}' limits, the first one at most {@code firstChunkChars} when that is shorter
   * (0 for no shorter first chunk), grouped for an audio budget of {@code audioBudgetSeconds}
   * ({@link Double#POSITIVE_INFINITY} for none).
   */
  static ChunkPlan of(String text, ProviderCapabilities capabilities, int maxChunkChars, int firstChunkChars,
      double audioBudgetSeconds) {
    ChunkLimits provider = capabilities.chunkLimits();
    int maxChars = provider.maxChars() == 0 ? maxChunkChars : Math.min(provider.maxChars(), maxChunkChars);
    if (capabilities.maxAudioSecondsPerCall() > 0) {
      // Keep a chunk's expected speech within what one call can make, with a margin for slow speakers.
      maxChars = Math.min(maxChars, Math.max(1, (int) (capabilities.maxAudioSecondsPerCall() * CHARS_PER_SECOND * 0.9)));
    }
    ChunkLimits limits = new ChunkLimits(maxChars, provider.maxUtf8Bytes(), provider.maxWords());
    String rest = TextNormalizer.normalize(text);
    List<String> chunks = new ArrayList<>();
    int leadChunks = 0;
    if (firstChunkChars > 0 && firstChunkChars < maxChars) {
      ChunkLimits leadLimits = new ChunkLimits(firstChunkChars, provider.maxUtf8Bytes(), provider.maxWords());
      List<String> leading = TextChunker.of(leadLimits).chunk(rest);
      if (leading.size() > 1) { // the chunks put together are the text, so the first is a prefix of it
        addSpoken(leading.get(0), chunks);
        leadChunks = chunks.size();
        rest = rest.substring(leading.get(0).length());
      }
    }
    for (String chunk : TextChunker.of(limits).chunk(rest)) {
      addSpoken(chunk, chunks);
    }
    return new ChunkPlan(chunks, leadChunks, capabilities.maxBatchSize(), audioBudgetSeconds);
  }

  private static void addSpoken(String chunk, List<String> chunks) {
    String spoken = chunk.strip();
    if (!spoken.isEmpty()) {
      chunks.add(spoken);
    }
  }

  /** The seconds of speech {@code text} is expected to make. */
  static double estimateSeconds(String text) {
    return text.length() / CHARS_PER_SECOND;
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
