package dev.utter.provider.mock.internal;

import dev.utter.audio.AudioFormatException;
import dev.utter.audio.PcmAudio;
import dev.utter.audio.Wav;
import java.util.OptionalDouble;

/** The pitch (fundamental frequency) a mock voice speaks at. Not part of the API. */
public final class Pitch {
  /** The lowest pitch a mock voice speaks at, in Hz. */
  public static final double MIN_HZ = 80;
  /** The highest pitch a mock voice speaks at, in Hz. */
  public static final double MAX_HZ = 300;
  private static final double WINDOW_SECONDS = 0.05;
  private static final int MAX_WINDOWS_SCANNED = 200;

  private Pitch() {}

  /**
   * The pitch of a reference recording: estimated by autocorrelation over its loudest short window
   * when it is a WAV file with voiced sound, else derived from {@code sha256}. Always within
   * {@link #MIN_HZ} and {@link #MAX_HZ}.
   *
   * @param file the reference recording's bytes; anything that is not a WAV file falls back to the hash
   * @param sha256 the hex SHA-256 digest of {@code file}; its first 8 digits seed the fallback pitch
   * @return the pitch in Hz, the same for the same arguments
   */
  public static double ofReference(byte[] file, String sha256) {
    return clamp(estimate(file).orElseGet(() -> fromHash(sha256)));
  }

  /** The pitch of a WAV file's loudest 50 ms, when it is a WAV file and that window is voiced. */
  static OptionalDouble estimate(byte[] file) {
    PcmAudio audio;
    try {
      audio = Wav.read(file);
    } catch (AudioFormatException e) {
      return OptionalDouble.empty();
    }
    int rate = audio.sampleRate();
    int minLag = (int) Math.floor(rate / MAX_HZ);
    int maxLag = (int) Math.ceil(rate / MIN_HZ);
    int window = Math.max(maxLag, (int) (rate * WINDOW_SECONDS));
    if (audio.length() < window + maxLag + 2) {
      return OptionalDouble.empty();
    }
    int start = loudestWindow(audio, window, maxLag);
    double bestScore = 0;
    double[] scores = new double[maxLag + 2];
    for (int lag = minLag - 1; lag <= maxLag + 1; lag++) {
      scores[lag] = correlation(audio, start, window, lag);
      if (lag >= minLag && lag <= maxLag) {
        bestScore = Math.max(bestScore, scores[lag]);
      }
    }
    if (bestScore < 0.5) {
      return OptionalDouble.empty();
    }
    for (int lag = minLag; lag <= maxLag; lag++) {
      // The first lag near the best score is the period; its multiples score as high.
      if (scores[lag] >= 0.9 * bestScore && scores[lag] >= scores[lag - 1] && scores[lag] >= scores[lag + 1]) {
        return OptionalDouble.of(rate / refine(scores, lag));
      }
    }
    return OptionalDouble.empty();
  }

  /** A pitch from the first 32 bits of a hex digest, spread over a voice-like 85 to 250 Hz. */
  static double fromHash(String sha256) {
    long bits = Long.parseLong(sha256.substring(0, 8), 16);
    return 85 + (bits % 1651) / 10.0;
  }

  private static int loudestWindow(PcmAudio audio, int window, int maxLag) {
    int last = audio.length() - window - maxLag - 2;
    int step = Math.max(window, last / MAX_WINDOWS_SCANNED);
    int best = 0;
    double bestEnergy = -1;
    for (int start = 0; start <= last; start += step) {
      double energy = 0;
      for (int i = start; i < start + window; i++) {
        double x = audio.sampleAt(i);
        energy += x * x;
      }
      if (energy > bestEnergy) {
        bestEnergy = energy;
        best = start;
      }
    }
    return best;
  }

  private static double correlation(PcmAudio audio, int start, int window, int lag) {
    double cross = 0;
    double a = 0;
    double b = 0;
    for (int i = start; i < start + window; i++) {
      double x = audio.sampleAt(i);
      double y = audio.sampleAt(i + lag);
      cross += x * y;
      a += x * x;
      b += y * y;
    }
    return a == 0 || b == 0 ? 0 : cross / Math.sqrt(a * b);
  }

  /** The peak's lag to a fraction of a sample, by a parabola through it and its neighbours. */
  private static double refine(double[] scores, int lag) {
    double left = scores[lag - 1];
    double mid = scores[lag];
    double right = scores[lag + 1];
    double denominator = left - 2 * mid + right;
    return denominator == 0 ? lag : lag + 0.5 * (left - right) / denominator;
  }

  private static double clamp(double hz) {
    return Math.max(MIN_HZ, Math.min(MAX_HZ, hz));
  }
}
