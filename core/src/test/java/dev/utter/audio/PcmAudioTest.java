package dev.utter.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PcmAudioTest {
  @Test
  void concatAppendsTheNextAudio() {
    PcmAudio joined = PcmAudio.of(8000, new short[] {1, 2}).concat(PcmAudio.of(8000, new short[] {3}));
    assertArrayEquals(new short[] {1, 2, 3}, joined.samples());
  }

  @Test
  void concatWithNothingIsTheSameAudio() {
    PcmAudio audio = PcmAudio.of(8000, new short[] {1});
    assertSame(audio, audio.concat(PcmAudio.silence(8000, 0)));
  }

  @Test
  void concatRejectsAnotherSampleRate() {
    PcmAudio audio = PcmAudio.of(8000, new short[] {1});
    assertThrows(IllegalArgumentException.class, () -> audio.concat(PcmAudio.of(16000, new short[] {2})));
  }

  @Test
  void copySamplesWritesAtTheOffset() {
    short[] dest = new short[4];
    PcmAudio.of(8000, new short[] {7, 8}).copySamples(dest, 1);
    assertArrayEquals(new short[] {0, 7, 8, 0}, dest);
  }
}
