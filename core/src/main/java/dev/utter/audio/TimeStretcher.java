package dev.utter.audio;

import java.util.Arrays;
import java.util.Objects;

/**
 * Changes the tempo of mono 16-bit PCM without changing its pitch, piece by piece, by WSOLA
 * (waveform-similarity overlap-add): 30 ms frames, overlapped by half with a Hann window, are taken
 * from the input every {@code 15 ms × speed} and laid down every 15 ms; each frame is moved by up to
 * ±8 ms to where its start best matches (normalized cross-correlation) how the previous frame would
 * have gone on, so periods line up and nothing clicks or beats.
 *
 * <p>The output holds {@code round(inputSamples / speed)} samples at the input's rate; a periodic
 * signal keeps its period. Speech keeps its voice; at 2× and 0.5× it stays clear, towards 0.25× and
 * 4× it sounds increasingly smeared or clipped, as any time-domain stretch does.
 *
 * <p>Streaming: {@link #process} takes any number of samples and returns the output now complete
 * (the stretcher looks about 40 ms plus one hop ahead); {@link #finish()} returns the rest, as if
 * silence followed the input. Feeding the same audio in any pieces gives exactly the same samples as
 * feeding it whole. Not thread-safe: one instance per stream.
 */
public final class TimeStretcher {
  /** The slowest speed: four times as long. */
  public static final double MIN_SPEED = 0.25;
  /** The fastest speed: a quarter of the time. */
  public static final double MAX_SPEED = 4.0;

  private final double speed;
  private final int hop;
  private final int search;
  private final double[] window;
  /** The input still needed. */
  private final SampleWindow input = new SampleWindow(8192, 0, 0);
  /** The frame to lay down next, and where the previous one was taken from. */
  private long frame;
  private long previousStart;
  /** The second half of the previous frame, windowed: the overlap the next frame is added to. */
  private final double[] overlap;
  private long outputCount;
  private boolean finished;

  private TimeStretcher(int sampleRate, double speed) {
    this.speed = speed;
    this.hop = Math.max(8, (int) Math.round(sampleRate * 0.015));
    this.search = Math.max(2, (int) Math.round(sampleRate * 0.008));
    int length = 2 * hop;
    this.window = new double[length];
    for (int n = 0; n < length; n++) {
      window[n] = 0.5 - 0.5 * Math.cos(2 * Math.PI * n / length); // periodic: w[n] + w[n + hop] = 1
    }
    this.overlap = new double[hop];
  }

  /**
   * A stretcher for audio at {@code sampleRate} played {@code speed} times as fast (2.0: half the
   * duration; 0.5: twice).
   *
   * @param sampleRate the rate in Hz of the audio to be stretched; positive
   * @param speed from {@link #MIN_SPEED} to {@link #MAX_SPEED}; 1.0 keeps the tempo
   * @return a new stretcher for one stream
   * @throws IllegalArgumentException when the rate is not positive or the speed is outside 0.25–4.0.
   */
  public static TimeStretcher of(int sampleRate, double speed) {
    if (sampleRate <= 0) {
      throw new IllegalArgumentException("sample rate must be positive: " + sampleRate);
    }
    if (!(speed >= MIN_SPEED && speed <= MAX_SPEED)) {
      throw new IllegalArgumentException("speed must be from " + MIN_SPEED + " to " + MAX_SPEED + ": " + speed);
    }
    return new TimeStretcher(sampleRate, speed);
  }

  /**
   * Stretches a whole piece of audio at once.
   *
   * @param audio the audio to stretch; not null
   * @param speed from {@link #MIN_SPEED} to {@link #MAX_SPEED}
   * @return new audio of {@code round(audio.length() / speed)} samples at the same rate
   * @throws IllegalArgumentException when the speed is out of range
   */
  public static PcmAudio stretch(PcmAudio audio, double speed) {
    Objects.requireNonNull(audio, "audio == null");
    TimeStretcher stretcher = of(audio.sampleRate(), speed);
    short[] head = stretcher.process(audio.array(), 0, audio.length());
    short[] tail = stretcher.finish();
    short[] all = Arrays.copyOf(head, head.length + tail.length);
    System.arraycopy(tail, 0, all, head.length, tail.length);
    return PcmAudio.of(audio.sampleRate(), all);
  }

  /**
   * The speed this stretcher plays at.
   *
   * @return the factor given to {@link #of}
   */
  public double speed() {
    return speed;
  }

  /**
   * Takes {@code length} samples from {@code samples[offset]} and returns the output samples now complete.
   *
   * @param samples the input array; read, never kept or changed
   * @param offset the first sample to take
   * @param length how many samples to take, 0 or more
   * @return a new array of the output samples now complete, possibly empty
   * @throws IllegalStateException after {@link #finish()}.
   * @throws IndexOutOfBoundsException when the range is outside {@code samples}
   */
  public short[] process(short[] samples, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, samples.length);
    if (finished) {
      throw new IllegalStateException("TimeStretcher finished");
    }
    input.append(samples, offset, length);
    return drain(Long.MAX_VALUE);
  }

  /**
   * Returns the last output samples, stretching past the end of the input as if silence followed.
   *
   * @return a new array of the remaining output samples; empty when called again
   */
  public short[] finish() {
    if (finished) {
      return new short[0];
    }
    finished = true;
    long total = Math.round(input.appended() / speed);
    short[] rest = new short[(int) Math.max(0, total - outputCount)];
    int filled = 0;
    while (filled < rest.length) {
      input.appendSilence((int) Math.max(0, needed(frame) - input.end()));
      short[] more = drain(total);
      System.arraycopy(more, 0, rest, filled, more.length);
      filled += more.length;
    }
    return rest;
  }

  /** Where frame {@code k} is nominally taken from. */
  private long nominal(long k) {
    return Math.round(k * hop * speed);
  }

  /** One past the last input index frame {@code k} may read. */
  private long needed(long k) {
    return k == 0 ? 2L * hop : Math.max(nominal(k) + search + 2L * hop, previousStart + 2L * hop);
  }

  /** Lays down every frame whose input is held, emitting up to {@code limit} output samples in all. */
  private short[] drain(long limit) {
    long available = input.end();
    double[] out = new double[0];
    int emitted = 0;
    while (needed(frame) <= available && outputCount + emitted < limit) {
      if (emitted + hop > out.length) {
        out = Arrays.copyOf(out, Math.max(2 * out.length, emitted + hop));
      }
      layDown(out, emitted);
      emitted += hop;
    }
    input.discardBefore(frame == 0 ? 0 : Math.min(previousStart + hop, nominal(frame) - search));
    int count = (int) Math.min(emitted, limit - outputCount);
    short[] result = new short[count];
    for (int i = 0; i < count; i++) {
      result[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(out[i])));
    }
    outputCount += count;
    return result;
  }

  /** Adds the next frame to the overlap and writes the {@code hop} samples now complete at {@code out[at]}. */
  private void layDown(double[] out, int at) {
    long start;
    if (frame == 0) {
      start = 0;
      for (int n = 0; n < hop; n++) {
        out[at + n] = at(n); // nothing precedes the first half of the first frame
      }
    } else {
      start = bestStart();
      for (int n = 0; n < hop; n++) {
        out[at + n] = overlap[n] + window[n] * at(start + n);
      }
    }
    for (int n = 0; n < hop; n++) {
      overlap[n] = window[hop + n] * at(start + hop + n);
    }
    previousStart = start;
    frame++;
  }

  /**
   * The start within ±{@code search} of the nominal one whose first half best matches how the previous
   * frame goes on: the highest normalized cross-correlation, the earliest on a tie.
   */
  private long bestStart() {
    long target = previousStart + hop;
    long bufferStart = input.start();
    double[] buffer = input.array();
    long from = Math.max(bufferStart, nominal(frame) - search);
    long to = nominal(frame) + search;
    long best = Math.max(from, Math.min(to, nominal(frame)));
    double bestScore = Double.NEGATIVE_INFINITY;
    int t = (int) (target - bufferStart);
    for (long s = from; s <= to; s++) {
      int c = (int) (s - bufferStart);
      double dot = 0;
      double energy = 0;
      for (int n = 0; n < hop; n++) {
        double x = buffer[c + n];
        dot += x * buffer[t + n];
        energy += x * x;
      }
      double score = energy == 0 ? 0 : dot / Math.sqrt(energy);
      if (score > bestScore) {
        bestScore = score;
        best = s;
      }
    }
    return best;
  }

  private double at(long index) {
    return input.array()[(int) (index - input.start())];
  }
}
