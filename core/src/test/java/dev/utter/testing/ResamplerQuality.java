package dev.utter.testing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * Measures a resampler with a stepped sine sweep: tones of 0.25 s each, from 100 Hz to 0.9 × the lower
 * Nyquist frequency, and (when going down) eight tones between the output's Nyquist frequency and 0.95 ×
 * the input's, which must not come back as aliases. For each tone a least-squares sine fit over the middle
 * of its segment gives the gain at its frequency; what the fit leaves is everything else (aliases, images,
 * distortion, rounding). The same sweep goes through {@code sox ... rate -v} (very high quality) for a
 * reference. Shared by the resampler's test and the benchmarks.
 */
public final class ResamplerQuality {
  private static final double AMPLITUDE = 16_000;
  private static final double TONE_SECONDS = 0.25;

  private ResamplerQuality() {}

  /**
   * The worst figures over a sweep.
   *
   * @param passbandErrorDb the largest |gain| in dB of a passband tone
   * @param spuriousDb the loudest leftover beside a passband tone, in dB relative to the tone
   * @param aliasingDb the loudest output for a tone above the output's Nyquist frequency, in dB relative
   *     to the tone (-200 when there is none, going up)
   */
  public record Figures(double passbandErrorDb, double spuriousDb, double aliasingDb) {
    @Override
    public String toString() {
      return String.format(Locale.ROOT, "passband error %.4f dB, spurious %.1f dB, aliasing %.1f dB",
          passbandErrorDb, spuriousDb, aliasingDb);
    }
  }

  /** The sweep for a rate pair, at {@code inRate}. */
  public static short[] sweep(int inRate, int outRate) {
    List<Double> tones = tones(inRate, outRate);
    int per = (int) (TONE_SECONDS * inRate);
    short[] sweep = new short[per * tones.size()];
    for (int t = 0; t < tones.size(); t++) {
      double w = 2 * Math.PI * tones.get(t) / inRate;
      for (int i = 0; i < per; i++) {
        sweep[t * per + i] = (short) Math.round(AMPLITUDE * Math.sin(w * i));
      }
    }
    return sweep;
  }

  /** Runs the sweep through {@code resampler} (input samples to output samples) and measures it. */
  public static Figures measure(int inRate, int outRate, UnaryOperator<short[]> resampler) {
    return measure(resampler.apply(sweep(inRate, outRate)), inRate, outRate);
  }

  /** Runs the sweep through {@code sox rate -v} (no dither) and measures it. */
  public static Figures measureSox(int inRate, int outRate, Path workDir) throws IOException, InterruptedException {
    return measure(sox(sweep(inRate, outRate), inRate, outRate, workDir), inRate, outRate);
  }

  /** Resamples raw samples with {@code sox ... rate -v}, without dither. */
  public static short[] sox(short[] input, int inRate, int outRate, Path workDir)
      throws IOException, InterruptedException {
    Path in = Files.createTempFile(workDir, "sweep-" + inRate, ".raw");
    Path out = Files.createTempFile(workDir, "sweep-" + outRate, ".raw");
    try {
      ByteBuffer bytes = ByteBuffer.allocate(input.length * 2).order(ByteOrder.LITTLE_ENDIAN);
      bytes.asShortBuffer().put(input);
      Files.write(in, bytes.array());
      AudioTools.run("sox", "-V1", "-D", "-t", "raw", "-r", Integer.toString(inRate), "-e", "signed", "-b", "16",
          "-c", "1", in.toString(), "-t", "raw", "-r", Integer.toString(outRate), "-e", "signed", "-b", "16",
          "-c", "1", out.toString(), "rate", "-v");
      byte[] raw = Files.readAllBytes(out);
      short[] samples = new short[raw.length / 2];
      ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(samples);
      return samples;
    } finally {
      Files.deleteIfExists(in);
      Files.deleteIfExists(out);
    }
  }

  private static List<Double> tones(int inRate, int outRate) {
    double lowNyquist = Math.min(inRate, outRate) / 2.0;
    List<Double> tones = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      tones.add(100 + i * (0.9 * lowNyquist - 100) / 15);
    }
    if (outRate < inRate) {
      double from = outRate / 2.0 * 1.02;
      for (int i = 0; i < 8; i++) {
        tones.add(from + i * (0.95 * inRate / 2.0 - from) / 7);
      }
    }
    return tones;
  }

  private static Figures measure(short[] out, int inRate, int outRate) {
    List<Double> tones = tones(inRate, outRate);
    int per = (int) (TONE_SECONDS * outRate);
    int skip = per / 5;
    double passband = 0;
    double spurious = -200;
    double aliasing = -200;
    for (int t = 0; t < tones.size(); t++) {
      double hz = tones.get(t);
      int from = t * per + skip;
      int to = Math.min(out.length, (t + 1) * per - skip);
      double w = 2 * Math.PI * hz / outRate;
      double cc = 0, ss = 0, cs = 0, yc = 0, ys = 0, yy = 0;
      for (int i = from; i < to; i++) {
        double c = Math.cos(w * (i - t * per));
        double s = Math.sin(w * (i - t * per));
        double y = out[i];
        cc += c * c;
        ss += s * s;
        cs += c * s;
        yc += y * c;
        ys += y * s;
        yy += y * y;
      }
      boolean inOutput = hz < outRate / 2.0;
      double a = 0;
      double b = 0;
      if (inOutput) {
        double det = cc * ss - cs * cs;
        a = (yc * ss - ys * cs) / det;
        b = (ys * cc - yc * cs) / det;
      }
      double leftRms = Math.sqrt(Math.max(yy - (a * yc + b * ys), 0) / (to - from));
      double leftDb = 20 * Math.log10(Math.max(leftRms, 1e-3) / (AMPLITUDE / Math.sqrt(2)));
      if (inOutput) {
        passband = Math.max(passband, Math.abs(20 * Math.log10(Math.hypot(a, b) / AMPLITUDE)));
        spurious = Math.max(spurious, leftDb);
      } else {
        aliasing = Math.max(aliasing, leftDb);
      }
    }
    return new Figures(passband, spurious, aliasing);
  }
}
