package dev.utter.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AudioJoinerTest {
  private static PcmAudio constant(int n, int value) {
    short[] s = new short[n];
    Arrays.fill(s, (short) value);
    return PcmAudio.of(1000, s);
  }

  private static short[] joinAll(AudioJoiner joiner, List<PcmAudio> chunks) {
    short[] out = new short[0];
    for (PcmAudio chunk : chunks) {
      out = concat(out, joiner.append(chunk).samples());
    }
    return concat(out, joiner.finish().samples());
  }

  private static short[] concat(short[] a, short[] b) {
    short[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  @Test
  void crossfadeShortensEachJoinByTheOverlap() {
    List<PcmAudio> chunks = List.of(constant(100, 1000), constant(80, 2000), constant(120, 3000));
    short[] joined = joinAll(AudioJoiner.crossfade(1000, Duration.ofMillis(10)), chunks);
    assertEquals(100 + 80 + 120 - 2 * 10, joined.length);
  }

  @Test
  void crossfadeRampsLinearlyFromOneChunkToTheNext() {
    short[] joined = joinAll(AudioJoiner.crossfade(1000, Duration.ofMillis(4)),
        List.of(constant(10, 0), constant(10, 8000)));
    assertArrayEquals(new short[] {0, 0, 0, 0, 0, 0, 1000, 3000, 5000, 7000, 8000, 8000, 8000, 8000, 8000, 8000},
        joined);
  }

  @Test
  void gapPutsSilenceBetweenChunks() {
    short[] joined = joinAll(AudioJoiner.gap(1000, Duration.ofMillis(3)), List.of(constant(2, 5), constant(2, 7)));
    assertArrayEquals(new short[] {5, 5, 0, 0, 0, 7, 7}, joined);
  }

  @Test
  void chunksShorterThanTheCrossfadeAreNeitherLostNorDuplicated() {
    List<PcmAudio> chunks = List.of(constant(50, 100), constant(3, 200), constant(2, 300), constant(50, 400));
    short[] joined = joinAll(AudioJoiner.crossfade(1000, Duration.ofMillis(10)), chunks);
    assertEquals(50 + 3 + 2 + 50 - 3 - 2 - 10, joined.length);
  }

  @Test
  void zeroCrossfadeConcatenates() {
    short[] joined = joinAll(AudioJoiner.crossfade(1000, Duration.ZERO), List.of(constant(2, 1), constant(3, 2)));
    assertArrayEquals(new short[] {1, 1, 2, 2, 2}, joined);
  }

  @Test
  void rejectsAnotherSampleRate() {
    AudioJoiner joiner = AudioJoiner.crossfade(1000, Duration.ofMillis(5));
    assertThrows(IllegalArgumentException.class, () -> joiner.append(PcmAudio.silence(2000, 10)));
  }

  @Property(tries = 200)
  void crossfadedLengthIsTheSumLessOneOverlapPerJoin(
      @ForAll @Size(min = 1, max = 8) List<@IntRange(min = 40, max = 400) Integer> lengths,
      @ForAll @IntRange(min = 0, max = 40) int crossfadeMillis) {
    List<PcmAudio> chunks = lengths.stream().map(n -> constant(n, n)).toList();
    short[] joined = joinAll(AudioJoiner.crossfade(1000, Duration.ofMillis(crossfadeMillis)), chunks);
    int sum = lengths.stream().mapToInt(Integer::intValue).sum();
    assertEquals(sum - crossfadeMillis * (lengths.size() - 1), joined.length);
  }

  @Property(tries = 200)
  void gappedLengthIsTheSumPlusOneGapPerJoin(
      @ForAll @Size(min = 1, max = 8) List<@IntRange(min = 0, max = 400) Integer> lengths,
      @ForAll @IntRange(min = 0, max = 100) int gapMillis) {
    List<PcmAudio> chunks = lengths.stream().map(n -> constant(n, 7)).toList();
    short[] joined = joinAll(AudioJoiner.gap(1000, Duration.ofMillis(gapMillis)), chunks);
    int sum = lengths.stream().mapToInt(Integer::intValue).sum();
    assertEquals(sum + gapMillis * (lengths.size() - 1), joined.length);
  }

  @Property(tries = 200)
  void anyChunkLengthsJoinWithinTheirSumLessAllCrossfades(
      @ForAll @Size(min = 1, max = 8) List<@IntRange(min = 0, max = 30) Integer> lengths,
      @ForAll @IntRange(min = 0, max = 20) int crossfadeMillis) {
    List<PcmAudio> chunks = lengths.stream().map(n -> constant(n, 100)).toList();
    short[] joined = joinAll(AudioJoiner.crossfade(1000, Duration.ofMillis(crossfadeMillis)), chunks);
    int sum = lengths.stream().mapToInt(Integer::intValue).sum();
    assertTrue(joined.length <= sum && joined.length >= sum - crossfadeMillis * (lengths.size() - 1),
        joined.length + " samples from " + lengths);
    for (short sample : joined) {
      assertEquals(100, sample); // fading a constant into itself changes nothing
    }
  }

  @Test
  void samplesRoundsToTheNearestSample() {
    assertEquals(720, AudioJoiner.samples(24_000, Duration.ofMillis(30)));
    assertEquals(1, AudioJoiner.samples(1000, Duration.ofNanos(500_000)));
    assertEquals(0, AudioJoiner.samples(1000, Duration.ofNanos(499_999)));
    assertThrows(IllegalArgumentException.class, () -> AudioJoiner.samples(1000, Duration.ofMillis(-1)));
    assertThrows(IllegalArgumentException.class, () -> AudioJoiner.samples(48_000, Duration.ofDays(1000)));
  }

  @Test
  void appendAfterFinishIsRefused() {
    AudioJoiner joiner = AudioJoiner.gap(1000, Duration.ZERO);
    joiner.finish();
    assertThrows(IllegalStateException.class, () -> joiner.append(constant(1, 1)));
  }

  private static PcmAudio tone(int rate, int n, double pitch) {
    short[] s = new short[n];
    for (int i = 0; i < n; i++) {
      s[i] = (short) (8000 * Math.sin(2 * Math.PI * pitch * i / rate));
    }
    return PcmAudio.of(rate, s);
  }

  /** Joins three tones with {@code joiner} into {@code writer}; returns the number of samples written. */
  private static long joinInto(AudioJoiner joiner, WavStreamWriter writer, int rate) throws IOException {
    try (writer) {
      for (int i = 0; i < 3; i++) {
        writer.write(joiner.append(tone(rate, rate / 2 + 1001 * i, 200 + 100 * i)));
      }
      writer.write(joiner.finish());
      return writer.samplesWritten();
    }
  }

  @Test
  void crossfadedSpeechWrittenToAFileHasTheExpectedDurationForWavReadAndFfprobe(@TempDir Path dir)
      throws IOException {
    Encoders.require("ffprobe");
    int rate = 24_000;
    Path file = dir.resolve("joined.wav");
    long written = joinInto(AudioJoiner.crossfade(rate, Duration.ofMillis(30)), WavStreamWriter.toFile(file, rate),
        rate);
    long expected = 3L * (rate / 2) + 1001 + 2002 - 2 * 720;
    assertEquals(expected, written);
    assertEquals(expected, Wav.read(Files.readAllBytes(file)).length());
    assertEquals(expected / (double) rate, Encoders.ffprobeDuration(file), 0.001);
    assertEquals(expected / (double) rate, AudioProbe.probe(file).durationSeconds(), 1e-9);
  }

  @Test
  void gappedSpeechWrittenToAStreamHasTheExpectedDurationForWavReadAndFfprobe(@TempDir Path dir)
      throws IOException {
    Encoders.require("ffprobe");
    int rate = 16_000;
    Path file = dir.resolve("streamed.wav");
    long written;
    try (OutputStream out = Files.newOutputStream(file)) {
      written = joinInto(AudioJoiner.gap(rate, Duration.ofMillis(250)), WavStreamWriter.toStream(out, rate), rate);
    }
    long expected = 3L * (rate / 2) + 1001 + 2002 + 2 * 4000;
    assertEquals(expected, written);
    assertEquals(expected, Wav.read(Files.readAllBytes(file)).length());
    assertEquals(expected / (double) rate, Encoders.ffprobeDuration(file), 0.001);
  }
}
