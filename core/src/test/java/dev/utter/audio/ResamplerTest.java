package dev.utter.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.utter.testing.ResamplerQuality;
import dev.utter.testing.ResamplerQuality.Figures;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The resampler's quality, measured by {@link ResamplerQuality} beside {@code sox rate -v}: passband
 * error within ±0.1 dB up to 0.9 × the lower Nyquist frequency, every spurious product beside a passband
 * tone and every alias of a tone above the output's Nyquist frequency at or below -60 dB, and within
 * 6 dB of sox's own figure (both are limited by 16-bit rounding). The figures are printed.
 */
class ResamplerTest {
  private static final double PASSBAND_LIMIT_DB = 0.1;
  private static final double SPURIOUS_LIMIT_DB = -60;

  @TempDir Path dir;

  @ParameterizedTest(name = "{0} Hz -> {1} Hz")
  @CsvSource({"24000, 8000", "24000, 16000", "44100, 48000", "24000, 44100", "44100, 24000", "48000, 44100"})
  void sweepStaysFlatAndCleanAsSoxVeryHighQuality(int inRate, int outRate) throws Exception {
    Figures ours = ResamplerQuality.measure(inRate, outRate,
        in -> Resampler.resample(PcmAudio.of(inRate, in), outRate).samples());
    Figures sox = ResamplerQuality.measureSox(inRate, outRate, dir);
    System.out.printf(java.util.Locale.ROOT, "resampler %d -> %d Hz: utter %s | sox -v %s%n", inRate, outRate, ours, sox);

    assertTrue(ours.passbandErrorDb() <= PASSBAND_LIMIT_DB, ours.toString());
    assertTrue(ours.spuriousDb() <= SPURIOUS_LIMIT_DB, ours.toString());
    assertTrue(ours.aliasingDb() <= SPURIOUS_LIMIT_DB, ours.toString());
    assertTrue(ours.spuriousDb() <= sox.spuriousDb() + 6, ours + " vs sox " + sox);
    assertTrue(ours.aliasingDb() <= sox.aliasingDb() + 6, ours + " vs sox " + sox);
  }

  @org.junit.jupiter.api.Test
  void theMeasurementCatchesAResamplerThatAliases() {
    Figures dropping = ResamplerQuality.measure(24000, 8000, in -> {
      short[] out = new short[(in.length + 2) / 3];
      for (int i = 0; i < out.length; i++) {
        out[i] = in[3 * i]; // every third sample, no filter
      }
      return out;
    });
    assertTrue(dropping.aliasingDb() > -1, dropping.toString());
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
  @CsvSource({"24000, 8000", "8000, 24000", "22050, 16000", "44100, 48000"})
  void silenceStaysSilentAndLengthFollowsTheRatio(int inRate, int outRate) {
    for (int n : new int[] {0, 1, 2, 3, 999, 1000, 44101}) {
      PcmAudio out = Resampler.resample(PcmAudio.silence(inRate, n), outRate);
      assertEquals(((long) n * outRate + inRate - 1) / inRate, out.length(), n + " samples");
      assertEquals(PcmAudio.silence(outRate, out.length()), out);
    }
  }

  @ParameterizedTest(name = "{0} Hz -> {1} Hz")
  @CsvSource({"24000, 8000", "8000, 48000", "44100, 48000"})
  void aConstantComesThroughAtTheSameLevel(int inRate, int outRate) {
    short[] dc = new short[inRate];
    Arrays.fill(dc, (short) 10_000);
    PcmAudio out = Resampler.resample(PcmAudio.of(inRate, dc), outRate);
    for (int i = out.length() / 4; i < 3 * out.length() / 4; i++) {
      assertEquals(10_000, out.sampleAt(i), 1, "sample " + i);
    }
  }

  private static short[] concat(short[] a, short[] b) {
    short[] joined = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, joined, a.length, b.length);
    return joined;
  }
}
