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

  /**
   * A joiner that overlaps adjacent chunks by {@code crossfade}; zero simply concatenates.
   *
   * @param sampleRate the rate in Hz of every chunk to join
   * @param crossfade the overlap, zero or positive; not null
   * @return a new joiner for one stream
   * @throws IllegalArgumentException when {@code crossfade} is negative
   */
  public static AudioJoiner crossfade(int sampleRate, Duration crossfade) {
    return new AudioJoiner(sampleRate, samples(sampleRate, crossfade), 0);
  }

  /**
   * A joiner that puts {@code gap} of silence between adjacent chunks.
   *
   * @param sampleRate the rate in Hz of every chunk to join
   * @param gap the silence, zero or positive; not null
   * @return a new joiner for one stream
   * @throws IllegalArgumentException when {@code gap} is negative
   */
  public static AudioJoiner gap(int sampleRate, Duration gap) {
    return new AudioJoiner(sampleRate, 0, samples(sampleRate, gap));
  }

  /**
   * The number of samples {@code duration} (a crossfade or a gap) spans at {@code sampleRate}, rounded.
   *
   * @param sampleRate in Hz
   * @param duration a crossfade or gap; not null
   * @return 0 or more samples
   * @throws IllegalArgumentException when the duration is negative or spans more than {@code int} samples.
   */
  public static int samples(int sampleRate, Duration duration) {
    Objects.requireNonNull(duration, "duration == null");
    if (duration.isNegative()) {
      throw new IllegalArgumentException("duration < 0: " + duration);
    }
    double seconds = duration.getSeconds() + duration.getNano() / 1e9;
    double samples = Math.floor(seconds * sampleRate + 0.5);
    if (samples > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("duration too long: " + duration);
    }
    return (int) samples;
  }

  /**
   * Adds the next chunk and returns the audio that is now final: everything up to the part of this
   * chunk held back to be faded into the next one.
   *
   * @param chunk the next chunk, at the joiner's rate; not null
   * @return the newly final audio, possibly empty
   * @throws IllegalArgumentException when the chunk's sample rate differs from the joiner's.
   * @throws IllegalStateException after {@link #finish()}.
   */
  public PcmAudio append(PcmAudio chunk) {
    Objects.requireNonNull(chunk, "chunk == null");
    if (finished) {
      throw new IllegalStateException("finished");
    }
    if (chunk.sampleRate() != sampleRate) {
      throw new IllegalArgumentException(
          "chunk sample rate " + chunk.sampleRate() + " Hz differs from " + sampleRate + " Hz");
    }
    short[] in = chunk.array();
    // The signal not yet released is: a lead (the old tail's part before the overlap, or the gap's
    // silence), the overlap (old tail faded into the chunk's start), then the rest of the chunk.
    int overlap = started && crossfadeSamples > 0 ? Math.min(tail.length, in.length) : 0;
    int tailLead = started && crossfadeSamples > 0 ? tail.length - overlap : 0;
    int silence = started && crossfadeSamples == 0 ? gapSamples : 0;
    int total = tailLead + silence + in.length;
    int hold = Math.min(crossfadeSamples, total);
    Output out = new Output(total - hold, hold);
    out.copy(tail, 0, tailLead);
    out.skip(silence);
    for (int i = 0; i < overlap; i++) {
      double w = (i + 0.5) / overlap;
      double mixed = tail[tailLead + i] * (1 - w) + in[i] * w;
      out.put((short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(mixed))));
    }
    out.copy(in, overlap, in.length - overlap);
    started = true;
    tail = out.held;
    return PcmAudio.wrap(sampleRate, out.ready);
  }

  /** Two arrays written as one: what is ready to release, then what is held for the next join. */
  private static final class Output {
    final short[] ready;
    final short[] held;
    private int at;

    Output(int readyLength, int heldLength) {
      ready = new short[readyLength];
      held = new short[heldLength];
    }

    void put(short sample) {
      if (at < ready.length) {
        ready[at] = sample;
      } else {
        held[at - ready.length] = sample;
      }
      at++;
    }

    void copy(short[] src, int from, int count) {
      int toReady = Math.max(0, Math.min(count, ready.length - at));
      if (toReady > 0) {
        System.arraycopy(src, from, ready, at, toReady);
      }
      if (count > toReady) {
        System.arraycopy(src, from + toReady, held, at + toReady - ready.length, count - toReady);
      }
      at += count;
    }

    void skip(int count) {
      at += count; // arrays start as silence
    }
  }

  /**
   * Ends the stream and returns what was held back; {@link #append} may not be called afterwards.
   *
   * @return the held-back end of the last chunk, possibly empty
   */
  public PcmAudio finish() {
    finished = true;
    PcmAudio rest = PcmAudio.wrap(sampleRate, tail);
    tail = new short[0];
    return rest;
  }
}
