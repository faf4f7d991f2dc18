package dev.utter.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

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
}
