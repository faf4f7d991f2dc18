package dev.utter.provider.mock;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What calls reached a {@link MockTtsProvider}: one {@link Call} per {@code synthesize} or
 * {@code synthesizeBatch}, in the order they ended, including calls that failed. Thread-safe.
 */
public final class CallRecorder {
  private final List<Call> calls = new ArrayList<>();

  CallRecorder() {}

  /**
   * One provider call. Its times come from the provider's {@linkplain MockTtsProvider.Builder#clock
   * clock}, so a fake clock advanced by a fake sleeper makes {@link #duration()} exactly the latency.
   *
   * @param chunkIndexes the chunk index of each request in the call
   * @param texts the text of each request, in the same order
   * @param start when the call began
   * @param end when it returned or threw
   * @param interrupted whether it ended because its thread was interrupted
   */
  public record Call(List<Integer> chunkIndexes, List<String> texts, Instant start, Instant end,
      boolean interrupted) {
    /**
     * Copies the lists, so a recorded call never changes.
     *
     * @param chunkIndexes the indexes of the chunks the call carried, in call order
     * @param texts the texts the call spoke, in the same order
     * @param start when the call began
     * @param end when it returned or threw
     * @param interrupted whether it ended because its thread was interrupted
     * @throws NullPointerException when a list, an element, {@code start} or {@code end} is null
     */
    public Call {
      chunkIndexes = List.copyOf(chunkIndexes);
      texts = List.copyOf(texts);
      Objects.requireNonNull(start, "start == null");
      Objects.requireNonNull(end, "end == null");
    }

    /**
     * How many chunks the call carried: 1 for {@code synthesize}.
     *
     * @return the number of texts, at least 1
     */
    public int batchSize() {
      return texts.size();
    }

    /**
     * How long the call took, from {@link #start} to {@link #end}.
     *
     * @return the duration on the provider's clock, sleeps included
     */
    public Duration duration() {
      return Duration.between(start, end);
    }
  }

  /**
   * The calls so far, oldest first: a snapshot.
   *
   * @return an immutable list, unaffected by later calls or {@link #reset()}
   */
  public synchronized List<Call> calls() {
    return List.copyOf(calls);
  }

  /**
   * How many calls were recorded since the last {@link #reset()}.
   *
   * @return the count, 0 or more
   */
  public synchronized int callCount() {
    return calls.size();
  }

  /** Forgets every call recorded so far. */
  public synchronized void reset() {
    calls.clear();
  }

  synchronized void record(Call call) {
    calls.add(call);
  }
}
