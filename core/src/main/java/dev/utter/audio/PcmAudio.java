package dev.utter.audio;

import java.time.Duration;
import java.util.Arrays;

/**
 * Mono 16-bit PCM audio held in memory: the unit providers return and the stitcher joins.
 *
 * <p>Immutable: the constructor and {@link #samples()} copy. Use {@link #sampleAt(int)} and
 * {@link #length()} to read without copying.
 */
public final class PcmAudio {
  private final int sampleRate;
  private final short[] samples;

  private PcmAudio(int sampleRate, short[] samples) {
    if (sampleRate <= 0) {
      throw new IllegalArgumentException("sampleRate <= 0: " + sampleRate);
    }
    this.sampleRate = sampleRate;
    this.samples = samples;
  }

  /**
   * Audio made of a copy of {@code samples}.
   *
   * @param sampleRate in Hz, positive
   * @param samples mono 16-bit samples; copied, so later changes to the array do not show
   * @return the audio
   * @throws IllegalArgumentException when {@code sampleRate} is not positive
   */
  public static PcmAudio of(int sampleRate, short[] samples) {
    return new PcmAudio(sampleRate, samples.clone());
  }

  /** Audio that takes ownership of {@code samples}; the caller must not change the array afterwards. */
  static PcmAudio wrap(int sampleRate, short[] samples) {
    return new PcmAudio(sampleRate, samples);
  }

  /**
   * {@code sampleCount} samples of silence.
   *
   * @param sampleRate in Hz, positive
   * @param sampleCount 0 or more
   * @return the audio
   * @throws IllegalArgumentException when {@code sampleRate} is not positive
   */
  public static PcmAudio silence(int sampleRate, int sampleCount) {
    return new PcmAudio(sampleRate, new short[sampleCount]);
  }

  /**
   * The sample rate in Hz; always positive.
   *
   * @return the rate
   */
  public int sampleRate() {
    return sampleRate;
  }

  /**
   * The number of samples.
   *
   * @return 0 or more
   */
  public int length() {
    return samples.length;
  }

  /**
   * One sample, without copying the samples.
   *
   * @param index from 0 (inclusive) to {@link #length()} (exclusive)
   * @return the sample
   * @throws ArrayIndexOutOfBoundsException when {@code index} is out of range
   */
  public short sampleAt(int index) {
    return samples[index];
  }

  /**
   * A copy of the samples.
   *
   * @return a new array on each call
   */
  public short[] samples() {
    return samples.clone();
  }

  /**
   * The playing time in seconds.
   *
   * @return samples divided by the sample rate
   */
  public double durationSeconds() {
    return samples.length / (double) sampleRate;
  }

  /**
   * The playing time, rounded to the microsecond.
   *
   * @return never negative
   */
  public Duration duration() {
    return Duration.ofNanos(Math.round(durationSeconds() * 1_000_000.0) * 1_000L);
  }

  /**
   * Copies the samples into {@code dest} from {@code offset}, without an intermediate copy.
   *
   * @param dest the array to fill; must have room for {@link #length()} samples from {@code offset}
   * @param offset the first index of {@code dest} to write
   * @throws IndexOutOfBoundsException when {@code dest} has no room
   */
  public void copySamples(short[] dest, int offset) {
    System.arraycopy(samples, 0, dest, offset, samples.length);
  }

  /**
   * This audio followed by {@code next}, at the same sample rate.
   *
   * @param next audio at the same sample rate; not null
   * @return new audio, or this one when {@code next} is empty
   * @throws IllegalArgumentException when the sample rates differ
   */
  public PcmAudio concat(PcmAudio next) {
    if (next.sampleRate != sampleRate) {
      throw new IllegalArgumentException("sample rate " + next.sampleRate + " Hz differs from " + sampleRate + " Hz");
    }
    if (next.samples.length == 0) {
      return this;
    }
    short[] joined = Arrays.copyOf(samples, samples.length + next.samples.length);
    System.arraycopy(next.samples, 0, joined, samples.length, next.samples.length);
    return new PcmAudio(sampleRate, joined);
  }

  /**
   * The samples as little-endian 16-bit PCM bytes, as in a WAV file's data chunk.
   *
   * @return a new array of {@code 2 * length()} bytes
   */
  public byte[] toPcmBytes() {
    byte[] out = new byte[samples.length * 2];
    copyPcmBytes(out, 0);
    return out;
  }

  /**
   * Writes the samples as little-endian 16-bit PCM into {@code out} from {@code offset}.
   *
   * @param out the array to fill; must have room for {@code 2 * length()} bytes from {@code offset}
   * @param offset the first index of {@code out} to write
   * @throws ArrayIndexOutOfBoundsException when {@code out} has no room
   */
  public void copyPcmBytes(byte[] out, int offset) {
    for (int i = 0, at = offset; i < samples.length; i++, at += 2) {
      out[at] = (byte) samples[i];
      out[at + 1] = (byte) (samples[i] >> 8);
    }
  }

  /** The samples themselves, not a copy: for this package only, which never changes them. */
  short[] array() {
    return samples;
  }

  /**
   * The samples from {@code from} (inclusive) to {@code to} (exclusive).
   *
   * @param from the first sample, 0 or more
   * @param to one past the last sample; samples past {@link #length()} read as silence
   * @return new audio at the same rate
   * @throws ArrayIndexOutOfBoundsException when {@code from} is negative or above {@link #length()}
   * @throws IllegalArgumentException when {@code from > to}
   */
  public PcmAudio slice(int from, int to) {
    return new PcmAudio(sampleRate, Arrays.copyOfRange(samples, from, to));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PcmAudio other
        && other.sampleRate == sampleRate
        && Arrays.equals(other.samples, samples);
  }

  @Override
  public int hashCode() {
    return 31 * sampleRate + Arrays.hashCode(samples);
  }

  @Override
  public String toString() {
    return "PcmAudio{" + sampleRate + " Hz, " + samples.length + " samples, "
        + String.format(java.util.Locale.ROOT, "%.3f", durationSeconds()) + " s}";
  }
}
