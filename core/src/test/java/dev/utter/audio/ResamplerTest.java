package dev.utter.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.utter.testing.AudioTools;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The resampler's quality, measured: a stepped sine sweep (tones of 0.25 s each) goes through it and
 * through {@code sox ... rate -v} (very high quality); for each tone the gain at its frequency and the
 * level of everything else in the output (aliases, images, distortion, rounding) are measured by a
 * least-squares sine fit over the tone's steady middle. Thresholds: passband error within ±0.1 dB up to
 * 0.9 × the lower Nyquist frequency, and every spurious product at or below -60 dB, for tones in the
 * passband and for tones above the output's Nyquist frequency (which must not alias). The figures are
 * printed, with sox's beside them.
 */
class ResamplerTest {
  private static final double AMPLITUDE = 16_000;
  private static final double TONE_SECONDS = 0.25;
  private static final double PASSBAND_LIMIT_DB = 0.1;
  private static final double SPURIOUS_LIMIT_DB = -60;

  @TempDir Path dir;

  /** The measurement of one tone: frequency, gain in dB (NaN above the output's Nyquist) and spurious level. */
  record Tone(double hz, double gainDb, double spuriousDb) {}

  record Figures(double worstPassbandErrorDb, double worstSpuriousDb, double worstStopbandDb) {
    @Override
    public String toString() {
      return String.format(Locale.ROOT, "passband error %.4f dB, spurious %.1f dB, aliasing %.1f dB",
          worstPassbandErrorDb, worstSpuriousDb, worstStopbandDb);
    }
  }

  @ParameterizedTest(name = "{0} Hz -> {1} Hz")
  @CsvSource({"24000, 8000", "24000, 16000", "44100, 48000", "24000, 44100", "44100, 24000", "48000, 44100"})
  void sweepStaysFlatAndCleanAsSoxVeryHighQuality(int inRate, int outRate) throws Exception {
    double lowNyquist = Math.min(inRate, outRate) / 2.0;
    List<Double> tones = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      tones.add(100 + i * (0.9 * lowNyquist - 100) / 15); // passband: 100 Hz to 0.9 x the lower Nyquist
    }
    if (outRate < inRate) {
      for (int i = 0; i < 8; i++) { // above the output's Nyquist: must not come back as aliases
        tones.add(outRate / 2.0 * 1.02 + i * (0.95 * inRate / 2.0 - outRate / 2.0 * 1.02) / 7);
      }
    }
    short[] sweep = steppedSweep(tones, inRate);

    short[] ours = Resampler.resample(PcmAudio.of(inRate, sweep), outRate).samples();
    short[] sox = sox(sweep, inRate, outRate);

    Figures ourFigures = figures(measure(ours, tones, outRate, lowNyquist));
    Figures soxFigures = figures(measure(sox, tones, outRate, lowNyquist));
    System.out.printf(Locale.ROOT, "resampler %d -> %d Hz: utter %s | sox -v %s%n", inRate, outRate,
        ourFigures, soxFigures);
    assertTrue(ourFigures.worstPassbandErrorDb() <= PASSBAND_LIMIT_DB, ourFigures.toString());
    assertTrue(ourFigures.worstSpuriousDb() <= SPURIOUS_LIMIT_DB, ourFigures.toString());
    assertTrue(ourFigures.worstStopbandDb() <= SPURIOUS_LIMIT_DB, ourFigures.toString());
    // Within a few dB of sox at its best, where both are limited by 16-bit rounding.
    assertTrue(ourFigures.worstSpuriousDb() <= soxFigures.worstSpuriousDb() + 6, ourFigures + " vs sox " + soxFigures);
    assertEquals(expectedLength(sweep.length, inRate, outRate), ours.length);
  }

  @ParameterizedTest(name = "{0} Hz -> {1} Hz")
  @CsvSource({"24000, 8000", "44100, 48000", "8000, 44100", "48000, 22050"})
  void feedingInAnyPiecesGivesTheSameSamplesAsFeedingWhole(int inRate, int outRate) {
    Random random = new Random(7);
    short[] input = new short[inRate + 1234];
    for (int i = 0; i < input.length; i++) {
      input[i] = (short) (random.nextGaussian() * 6000);
    }
    short[] whole = Resampler.resample(PcmAudio.of(inRate, input), outRate).samples();

    Resampler resampler = Resampler.of(inRate, outRate);
    short[] pieced = new short[0];
    for (int from = 0; from < input.length; ) {
      int length = Math.min(input.length - from, random.nextInt(3) == 0 ? random.nextInt(3) : random.nextInt(2000));
      pieced = concat(pieced, resampler.process(input, from, length));
      from += length;
    }
    pieced = concat(pieced, resampler.finish());

    assertArrayEquals(whole, pieced);
  }

  @ParameterizedTest(name = "{0} Hz -> {1} Hz")
  @CsvSource({"24000, 8000", "8000, 24000", "22050, 16000"})
  void silenceStaysSilentAndLengthFollowsTheRatio(int inRate, int outRate) {
    for (int n : new int[] {0, 1, 2, 3, 999, 1000}) {
      PcmAudio out = Resampler.resample(PcmAudio.silence(inRate, n), outRate);
      assertEquals(expectedLength(n, inRate, outRate), out.length(), n + " samples");
      assertEquals(PcmAudio.silence(outRate, out.length()), out);
    }
  }

  private static long expectedLength(long in, int inRate, int outRate) {
    return (in * outRate + inRate - 1) / inRate;
  }

  private static short[] steppedSweep(List<Double> tones, int rate) {
    int per = (int) (TONE_SECONDS * rate);
    short[] sweep = new short[per * tones.size()];
    for (int t = 0; t < tones.size(); t++) {
      double w = 2 * Math.PI * tones.get(t) / rate;
      for (int i = 0; i < per; i++) {
        sweep[t * per + i] = (short) Math.round(AMPLITUDE * Math.sin(w * i));
      }
    }
    return sweep;
  }

  /** Fits a sine at each tone's frequency over the middle of its segment (away from the steps). */
  private static List<Tone> measure(short[] out, List<Double> tones, int rate, double lowNyquist) {
    int per = (int) (TONE_SECONDS * rate);
    int skip = per / 5;
    List<Tone> measured = new ArrayList<>();
    for (int t = 0; t < tones.size(); t++) {
      double hz = tones.get(t);
      int from = t * per + skip;
      int to = Math.min(out.length, (t + 1) * per - skip);
      double w = 2 * Math.PI * hz / rate;
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
      boolean inOutput = hz < rate / 2.0;
      double a = 0;
      double b = 0;
      if (inOutput) {
        double det = cc * ss - cs * cs;
        a = (yc * ss - ys * cs) / det;
        b = (ys * cc - yc * cs) / det;
      }
      double residual = yy - (a * yc + b * ys); // energy left after removing the fitted sine
      int n = to - from;
      double spuriousRms = Math.sqrt(Math.max(residual, 0) / n);
      double gainDb = inOutput ? 20 * Math.log10(Math.hypot(a, b) / AMPLITUDE) : Double.NaN;
      double spuriousDb = 20 * Math.log10(Math.max(spuriousRms, 1e-3) / (AMPLITUDE / Math.sqrt(2)));
      measured.add(new Tone(hz, hz <= 0.9 * lowNyquist + 1e-6 ? gainDb : Double.NaN, spuriousDb));
    }
    return measured;
  }

  private static Figures figures(List<Tone> tones) {
    double passband = 0;
    double spurious = -200;
    double stopband = -200;
    for (Tone tone : tones) {
      if (!Double.isNaN(tone.gainDb())) {
        passband = Math.max(passband, Math.abs(tone.gainDb()));
        spurious = Math.max(spurious, tone.spuriousDb());
      } else {
        stopband = Math.max(stopband, tone.spuriousDb());
      }
    }
    return new Figures(passband, spurious, stopband);
  }

  private short[] sox(short[] input, int inRate, int outRate) throws IOException, InterruptedException {
    Path in = dir.resolve("in-" + inRate + ".raw");
    Path out = dir.resolve("out-" + outRate + ".raw");
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
  }

  private static short[] concat(short[] a, short[] b) {
    short[] joined = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, joined, a.length, b.length);
    return joined;
  }
}
