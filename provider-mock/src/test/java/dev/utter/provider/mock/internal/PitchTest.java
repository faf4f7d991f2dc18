package dev.utter.provider.mock.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.utter.testing.TestAudio;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PitchTest {
  private static final String HASH = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

  @Test
  void estimatesThePitchOfAWavReference() {
    assertEquals(120, Pitch.ofReference(TestAudio.speechLikeWav(2, 24_000, 120), HASH), 2);
    assertEquals(220, Pitch.ofReference(TestAudio.speechLikeWav(2, 44_100, 220), HASH), 3);
  }

  @Test
  void voicesOutsideTheRangeStillSpeakWithinEightyAndThreeHundredHz() {
    for (double hz : new double[] {50, 60, 400, 900}) {
      double pitch = Pitch.ofReference(TestAudio.speechLikeWav(2, 16_000, hz), HASH);
      assertTrue(pitch >= Pitch.MIN_HZ && pitch <= Pitch.MAX_HZ, hz + " Hz voice speaks at " + pitch);
    }
  }

  @Test
  void derivesAStablePitchFromTheHashWhenTheFileIsNotWav() {
    byte[] notWav = "ID3 not a wav file".getBytes(StandardCharsets.US_ASCII);
    double pitch = Pitch.ofReference(notWav, HASH);
    assertEquals(Pitch.fromHash(HASH), pitch);
    assertTrue(pitch >= 85 && pitch <= 250, "pitch " + pitch);
    assertTrue(Pitch.fromHash(HASH) != Pitch.fromHash("0" + HASH.substring(1)), "hash ignored");
  }

  @Test
  void silentWavFallsBackToTheHash() {
    byte[] silence = dev.utter.audio.Wav.write(dev.utter.audio.PcmAudio.silence(16_000, 32_000));
    assertEquals(Pitch.fromHash(HASH), Pitch.ofReference(silence, HASH));
  }
}
