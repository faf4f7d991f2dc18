package dev.utter.provider.mock;

import java.util.ArrayList;
import java.util.List;

/**
 * What calls reached a {@link MockTtsProvider}: one {@link Call} per {@code synthesize} or
 * {@code synthesizeBatch}, in the order they ended, including calls that failed. Thread-safe.
 */
public final class CallRecorder {
  private final List<Call> calls = new ArrayList<>();

  CallRecorder() {}

  /**
   * One provider call.
   *
   * @param chunkIndexes the chunk index of each request in the call
   * @param texts the text of each request, in the same order
   * @param startNanos {@link System#nanoTime()} when the call began
   * @param endNanos {@link System#nanoTime()} when it returned or threw
   * @param interrupted whether it ended because its thread was interrupted
   */
  public record Call(List<Integer> chunkIndexes, List<String> texts, long startNanos, long endNanos,
      boolean interrupted) {
    public Call {
      chunkIndexes = List.copyOf(chunkIndexes);
      texts = List.copyOf(texts);
    }

    /** How many chunks the call carried: 1 for {@code synthesize}. */
    public int batchSize() {
      return texts.size();
    }
  }

  /** The calls so far, oldest first: a snapshot. */
  public synchronized List<Call> calls() {
    return List.copyOf(calls);
  }

  /** How many calls were recorded since the last {@link #reset()}. */
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
