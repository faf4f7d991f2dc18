package dev.utter.provider.mock.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SpeechSignalBrightnessTest {
  private static final String TEXT = "A voice with a timbre of its own, dark or bright.";

  @Test
  void brightnessOneIsThePlainVoiceBitForBit() {
    assertArrayEquals(SpeechSignal.of(TEXT, 24_000, 150, 42), SpeechSignal.of(TEXT, 24_000, 150, 1.0, 42));
  }

  @Test
  void brighterVoicesHaveStrongerOvertones() {
    double dark = overtoneShare(SpeechSignal.of(TEXT, 24_000, 150, 0.4, 42));
    double plain = overtoneShare(SpeechSignal.of(TEXT, 24_000, 150, 1.0, 42));
    double bright = overtoneShare(SpeechSignal.of(TEXT, 24_000, 150, 1.8, 42));
    assertTrue(dark < plain * 0.8 && plain < bright * 0.8, dark + " < " + plain + " < " + bright);
  }

  @Test
  void brightnessMustBePositive() {
    assertThrows(IllegalArgumentException.class, () -> SpeechSignal.of(TEXT, 24_000, 150, 0, 42));
  }

  /** The energy of the first difference over the energy: grows with the share of high frequencies. */
  private static double overtoneShare(short[] samples) {
    double energy = 0;
    double difference = 0;
    for (int i = 1; i < samples.length; i++) {
      energy += samples[i] * (double) samples[i];
      double d = samples[i] - samples[i - 1];
      difference += d * d;
    }
    return difference / energy;
  }
}
