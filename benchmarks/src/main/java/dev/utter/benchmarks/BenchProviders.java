package dev.utter.benchmarks;

import dev.utter.Language;
import dev.utter.Voice;
import dev.utter.audio.PcmAudio;
import dev.utter.audio.Wav;
import dev.utter.provider.mock.MockPresets;
import dev.utter.provider.mock.MockTtsProvider;
import java.time.Duration;

/** The voices and providers the benchmarks share. */
final class BenchProviders {
  private BenchProviders() {}

  /** The mock with the Qwen3-TTS preset, {@code callMillis} ± 20 % per call. */
  static MockTtsProvider mockQwen(int callMillis) {
    return MockTtsProvider.builder()
        .capabilities(MockPresets.QWEN)
        .latency(Duration.ofMillis(callMillis), Duration.ofMillis(callMillis / 5))
        .build();
  }

  /** A voice whose reference is {@code seconds} of a speech-like signal at 24 kHz. */
  static Voice voice(int seconds) {
    int rate = 24_000;
    short[] samples = new short[rate * seconds];
    for (int i = 0; i < samples.length; i++) {
      double envelope = 0.5 + 0.5 * Math.sin(2 * Math.PI * 4 * i / rate);
      samples[i] = (short) (7000 * envelope * Math.sin(2 * Math.PI * 140 * i / rate));
    }
    return Voice.builder()
        .name("Bench")
        .reference(Wav.write(PcmAudio.of(rate, samples)))
        .transcript("A reference recording made for the benchmarks.")
        .language(Language.ENGLISH)
        .build();
  }

  /** A voice with a 12 s reference. */
  static Voice referenceVoice() {
    return voice(12);
  }
}
