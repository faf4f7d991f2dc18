package dev.utter.provider.qwen;

import dev.utter.Language;
import dev.utter.Voice;
import dev.utter.audio.PcmAudio;
import dev.utter.audio.Wav;

/** Voices made by the tests: 11 s of quiet tone as reference. */
final class TestVoices {
  private TestVoices() {}

  static byte[] referenceWav() {
    short[] samples = new short[16_000 * 11];
    for (int i = 0; i < samples.length; i++) {
      samples[i] = (short) (800 * Math.sin(i / 9.0));
    }
    return Wav.write(PcmAudio.of(16_000, samples));
  }

  static Voice voice() {
    return Voice.builder().name("Ada").reference(referenceWav())
        .transcript("Hello, this is my voice sample for testing.").language(Language.ENGLISH).build();
  }
}
