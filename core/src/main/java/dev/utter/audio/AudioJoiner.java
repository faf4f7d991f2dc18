package dev.utter.audio;

import java.time.Duration;
import java.util.Objects;

/**
 * Joins consecutive chunks of speech into one continuous signal, chunk by chunk, holding back only
 * the few milliseconds the next join needs. Either crossfades adjacent chunks (a linear fade over a
 * short overlap, so a join has no click) or puts a fixed silence between them.
 *
 * <p>With a crossfade of {@code c} samples the joined length is the sum of the chunk lengths minus
 * {@code c} per join (less where a chunk is shorter than the crossfade); with a gap of {@code g}
 * samples it is the sum plus {@code g} per join. Not thread-safe: one joiner per stream.
 */
public final class AudioJoiner {
  private final int sampleRate;
  private final int crossfadeSamples;
  private final int gapSamples;
  private short[] tail = new short[0];
  private boolean started;
  private boolean finished;

  private AudioJoiner(int sampleRate, int crossfadeSamples, int gapSamples) {
    if (sampleRate <= 0) {
      throw new IllegalArgumentException("sampleRate <= 0: " + sampleRate);
    }
    this.sampleRate = sampleRate;
    this.crossfadeSamples = crossfadeSamples;
    this.gapSamples = gapSamples;
  }

  /** A joiner that overlaps adjacent chunks by {@code crossfade}; zero simply concatenates. */
  public static AudioJoiner crossfade(int sampleRate, Duration crossfade) {
    return new AudioJoiner(sampleRate, samples(sampleRate, crossfade), 0);
  }

  /** A joiner that puts {@code gap} of silence between adjacent chunks. */
  public static AudioJoiner gap(int sampleRate, Duration gap) {
    return new AudioJoiner(sampleRate, 0, samples(sampleRate, gap));
  }

  /** The number of samples a crossfade of {@code crossfade} spans at {@code sampleRate}. */
  public static int samples(int sampleRate, Duration crossfade) {
    Objects.requireNonNull(crossfade, "duration == null");
    if (crossfade.isNegative()) {
      throw new IllegalArgumentException("duration < 0: " + crossfade);
    }
    return (int) Math.round(crossfade.toNanos() * (sampleRate / 1e9));
  }

  /**
   * Adds the next chunk and returns the audio that is now final: everything up to the part of this
   * chunk held back to be faded into the next one.
   *
   * @throws IllegalArgumentException when the chunk's sample rate differs from the joiner's.
   */
  public PcmAudio append(PcmAudio chunk) {
    if (finished) {
      throw new IllegalStateException("finished");
    }
    if (chunk.sampleRate() != sampleRate) {
      throw new IllegalArgumentException(
          "chunk sample rate " + chunk.sampleRate() + " Hz differs from " + sampleRate + " Hz");
    }
    short[] in = chunk.samples();
    short[] head;
    if (!started) {
      started = true;
      head = in;
    } else if (crossfadeSamples > 0) {
      head = fade(tail, in);
    } else {
      head = new short[tail.length + gapSamples + in.length];
      System.arraycopy(tail, 0, head, 0, tail.length);
      System.arraycopy(in, 0, head, tail.length + gapSamples, in.length);
    }
    int hold = Math.min(crossfadeSamples, head.length);
    tail = java.util.Arrays.copyOfRange(head, head.length - hold, head.length);
    return PcmAudio.wrap(sampleRate, java.util.Arrays.copyOf(head, head.length - hold));
  }

  /** Ends the stream and returns what was held back. */
  public PcmAudio finish() {
    finished = true;
    PcmAudio rest = PcmAudio.wrap(sampleRate, tail);
    tail = new short[0];
    return rest;
  }

  /** {@code previousTail} faded out over the start of {@code next}, followed by the rest of {@code next}. */
  private static short[] fade(short[] previousTail, short[] next) {
    int overlap = Math.min(previousTail.length, next.length);
    int lead = previousTail.length - overlap;
    short[] out = new short[lead + next.length];
    System.arraycopy(previousTail, 0, out, 0, lead);
    for (int i = 0; i < overlap; i++) {
      double w = (i + 0.5) / overlap;
      double mixed = previousTail[lead + i] * (1 - w) + next[i] * w;
      out[lead + i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(mixed)));
    }
    System.arraycopy(next, overlap, out, lead + overlap, next.length - overlap);
    return out;
  }
}
