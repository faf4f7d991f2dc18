package dev.utter.benchmarks;

import dev.utter.Language;
import dev.utter.Voice;
import dev.utter.audio.PcmAudio;
import dev.utter.audio.Wav;
import dev.utter.provider.mock.LatencyModel;
import dev.utter.provider.mock.MockPresets;
import dev.utter.provider.mock.MockTtsProvider;

/** The voices and providers the benchmarks share. */
final class BenchProviders {
  private BenchProviders() {}

  /**
   * How much faster than the A10G the benchmarks' mock runs: 50 times. Every cost of
   * {@link LatencyModel#A10G_QWEN_0_6B} is scaled by it, so ratios keep the GPU's shape while a 5000-character
   * loop takes about 12 s instead of 10 minutes.
   */
  static final double TIME_SCALE = 0.02;

  /**
   * The mock with the Qwen3-TTS preset and the A10G latency model at {@link #TIME_SCALE}, answering
   * silence: on a real service the audio is made on the GPU, so the time this machine would spend making
   * the mock's speech-like signal is kept out of the client's figures.
   */
  static MockTtsProvider gpuMock() {
    return MockTtsProvider.builder()
        .capabilities(MockPresets.QWEN)
        .signal(MockTtsProvider.Signal.SILENCE)
        .latency(LatencyModel.A10G_QWEN_0_6B.scaled(TIME_SCALE))
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
