package dev.utter.audio;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Converts mono 16-bit PCM from one sample rate to another, piece by piece, with a band-limited
 * polyphase windowed-sinc filter (Kaiser window, 120 dB design attenuation).
 *
 * <p>Quality: flat (well under 0.01 dB of ripple) up to 91% of the lower rate's Nyquist frequency, and
 * everything from that Nyquist frequency up is attenuated by at least 100 dB, so nothing aliases when going
 * down and no image appears when going up; 16-bit rounding is then the floor. The output is aligned in time
 * with the input (linear phase, no delay) and holds {@code ceil(inputSamples × outRate / inRate)} samples.
 *
 * <p>Streaming: {@link #process} takes any number of samples and returns the output samples that are
 * complete so far (the filter looks ahead about 90 input samples, more when going down);
 * {@link #finish()} returns the rest. Feeding the same audio in any pieces gives exactly the same samples
 * as feeding it whole. Not thread-safe: one instance per stream. Filter tables are computed once per rate
 * pair and shared.
 */
public final class Resampler {
  private static final double PASSBAND = 0.91;
  private static final double ATTENUATION_DB = 120;
  private static final Map<Long, Kernel> KERNELS = new ConcurrentHashMap<>();

  private final int inRate;
  private final int outRate;
  private final Kernel kernel;
  /** The input still needed, the first {@code half} samples of the stream virtual zeros. */
  private final SampleWindow window;
  private long outputCount;
  private boolean finished;

  private Resampler(int inRate, int outRate) {
    this.inRate = inRate;
    this.outRate = outRate;
    this.kernel = KERNELS.computeIfAbsent(((long) inRate << 32) | outRate, key -> new Kernel(inRate, outRate));
    this.window = new SampleWindow(Math.max(4096, 4 * kernel.half), -kernel.half, kernel.half);
  }

  /**
   * A resampler from {@code inRate} to {@code outRate} Hz.
   *
   * @param inRate the input sample rate in Hz
   * @param outRate the output sample rate in Hz
   * @return a new resampler for one stream
   * @throws IllegalArgumentException when a rate is not positive.
   */
  public static Resampler of(int inRate, int outRate) {
    if (inRate <= 0 || outRate <= 0) {
      throw new IllegalArgumentException("sample rates must be positive: " + inRate + " -> " + outRate);
    }
    return new Resampler(inRate, outRate);
  }

  /**
   * Resamples a whole piece of audio at once.
   *
   * @param audio the audio to convert; not null
   * @param outRate the output sample rate in Hz
   * @return new audio at {@code outRate}
   * @throws IllegalArgumentException when {@code outRate} is not positive
   */
  public static PcmAudio resample(PcmAudio audio, int outRate) {
    Objects.requireNonNull(audio, "audio == null");
    if (audio.sampleRate() == outRate) {
      return audio;
    }
    Resampler resampler = of(audio.sampleRate(), outRate);
    short[] head = resampler.process(audio.array(), 0, audio.length());
    short[] tail = resampler.finish();
    short[] all = Arrays.copyOf(head, head.length + tail.length);
    System.arraycopy(tail, 0, all, head.length, tail.length);
    return PcmAudio.wrap(outRate, all);
  }

  /**
   * The input sample rate.
   *
   * @return the rate in Hz
   */
  public int inRate() {
    return inRate;
  }

  /**
   * The output sample rate.
   *
   * @return the rate in Hz
   */
  public int outRate() {
    return outRate;
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
      throw new IllegalStateException("Resampler finished");
    }
    window.append(samples, offset, length);
    return drain(Long.MAX_VALUE);
  }

  /**
   * Returns the last output samples, filtering past the end of the input as if silence followed.
   *
   * @return a new array of the remaining output samples; empty when called again
   */
  public short[] finish() {
    if (finished) {
      return new short[0];
    }
    finished = true;
    window.appendSilence(kernel.half + 1);
    long total = ceilDiv(window.appended() * kernel.up, kernel.down);
    return drain(total);
  }

  /** Computes every output whose taps are all in the buffer, up to {@code limit} outputs in all. */
  private short[] drain(long limit) {
    long available = window.end(); // one past the last absolute index held
    // Output n needs input up to floor(n * down / up) + half.
    long last = available - 1 - kernel.half; // the largest centre index that can be computed
    long ready = last < 0 ? 0 : Math.min(limit, ceilDiv((last + 1) * kernel.up, kernel.down));
    int count = (int) Math.max(0, ready - outputCount);
    short[] out = new short[count];
    int taps = kernel.taps;
    double[] buffer = window.array();
    long bufferStart = window.start();
    for (int o = 0; o < count; o++, outputCount++) {
      long position = outputCount * kernel.down;
      long centre = position / kernel.up;
      int phase = (int) (position % kernel.up);
      int from = (int) (centre - kernel.half + 1 - bufferStart);
      double[] c = kernel.coefficients;
      int base = phase * taps;
      // Four partial sums (taps is even, and a multiple of four by construction) let the JIT pipeline the loop.
      double s0 = 0;
      double s1 = 0;
      double s2 = 0;
      double s3 = 0;
      for (int k = 0; k < taps; k += 4) {
        s0 += c[base + k] * buffer[from + k];
        s1 += c[base + k + 1] * buffer[from + k + 1];
        s2 += c[base + k + 2] * buffer[from + k + 2];
        s3 += c[base + k + 3] * buffer[from + k + 3];
      }
      double sum = (s0 + s1) + (s2 + s3);
      out[o] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(sum)));
    }
    compact();
    return out;
  }

  /** Drops the samples no future output needs. */
  private void compact() {
    window.discardBefore((outputCount * kernel.down) / kernel.up - kernel.half + 1);
  }

  private static long ceilDiv(long a, long b) {
    return -Math.floorDiv(-a, b);
  }

  /** The polyphase filter for one rate pair: {@code up} phases of {@code taps} coefficients. */
  private static final class Kernel {
    final int up;
    final int down;
    final int half;
    final int taps;
    final double[] coefficients;

    Kernel(int inRate, int outRate) {
      int gcd = gcd(inRate, outRate);
      this.up = outRate / gcd;
      this.down = inRate / gcd;
      double ratio = Math.min(1.0, outRate / (double) inRate);
      // Band edges in cycles per input sample: flat to PASSBAND of the lower Nyquist, stopped from it.
      double stopEdge = 0.5 * ratio;
      double passEdge = PASSBAND * stopEdge;
      double cutoff = (passEdge + stopEdge) / 2;
      double transition = stopEdge - passEdge;
      int length = (int) Math.ceil((ATTENUATION_DB - 7.95) / (14.36 * transition)) + 1;
      this.half = (length + 3) / 4 * 2; // taps = 2 × half, a multiple of four
      this.taps = 2 * half;
      double beta = 0.1102 * (ATTENUATION_DB - 8.7);
      double norm = besselI0(beta);
      this.coefficients = new double[up * taps];
      for (int phase = 0; phase < up; phase++) {
        for (int k = 0; k < taps; k++) {
          double u = phase / (double) up + half - 1 - k; // distance from the output instant, in input samples
          double x = u / half;
          double window = Math.abs(x) >= 1 ? 0 : besselI0(beta * Math.sqrt(1 - x * x)) / norm;
          coefficients[phase * taps + k] = 2 * cutoff * sinc(2 * cutoff * u) * window;
        }
      }
    }

    private static double sinc(double x) {
      return x == 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
    }

    private static double besselI0(double x) {
      double sum = 1;
      double term = 1;
      for (int k = 1; k < 200 && term > 1e-20 * sum; k++) {
        term *= (x / (2 * k)) * (x / (2 * k));
        sum += term;
      }
      return sum;
    }

    private static int gcd(int a, int b) {
      return b == 0 ? a : gcd(b, a % b);
    }
  }
}
