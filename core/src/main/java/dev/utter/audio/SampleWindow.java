package dev.utter.audio;

import java.util.Arrays;

/**
 * The part of an input stream a streaming processor ({@link Resampler}, {@link TimeStretcher}) still
 * needs, addressed by absolute sample index: samples are appended at the end as they arrive and
 * discarded from the start once no future output needs them. Not thread-safe: one processor owns it.
 */
final class SampleWindow {
  private double[] samples;
  private long start;
  private int size;
  private long appended;

  /**
   * An empty window whose first sample will have absolute index {@code start}, beginning with
   * {@code leadingZeros} zeros that count as held but not as {@linkplain #appended() appended}.
   */
  SampleWindow(int capacity, long start, int leadingZeros) {
    this.samples = new double[Math.max(capacity, leadingZeros)];
    this.start = start;
    this.size = leadingZeros;
  }

  /** Appends {@code length} samples from {@code input[offset]}. */
  void append(short[] input, int offset, int length) {
    ensureRoom(length);
    for (int i = 0; i < length; i++) {
      samples[size + i] = input[offset + i];
    }
    size += length;
    appended += length;
  }

  /** Appends {@code count} zeros (silence past the end of the input), not counted as appended. */
  void appendSilence(int count) {
    ensureRoom(count);
    Arrays.fill(samples, size, size + count, 0.0);
    size += count;
  }

  /** How many input samples were appended so far, silence excluded. */
  long appended() {
    return appended;
  }

  /** The absolute index of the first sample held. */
  long start() {
    return start;
  }

  /** One past the absolute index of the last sample held. */
  long end() {
    return start + size;
  }

  /**
   * The samples held, the one at absolute index {@code i} at {@code [i - start()]}; for inner loops
   * only. Valid until the next append or discard.
   */
  double[] array() {
    return samples;
  }

  /** Drops the samples before absolute index {@code index} (at most all of them). */
  void discardBefore(long index) {
    int drop = (int) Math.max(0, Math.min(size, index - start));
    if (drop > 0) {
      System.arraycopy(samples, drop, samples, 0, size - drop);
      size -= drop;
      start += drop;
    }
  }

  private void ensureRoom(int more) {
    if (size + more > samples.length) {
      samples = Arrays.copyOf(samples, Math.max(size + more, samples.length * 2));
    }
  }
}
