package dev.utter.testing;

import dev.utter.Language;
import dev.utter.Voice;
import dev.utter.audio.PcmAudio;
import dev.utter.audio.Wav;

/**
 * Test data made in memory: speech-like WAV files and voices built on them. Deterministic; no files,
 * no network.
 */
public final class TestAudio {
  /** A transcript that passes validation: the one of the README's quick start. */
  public static final String TRANSCRIPT = "Hello, this is my voice sample for testing.";
  /** The pitch of {@link #speechLikeWav(double, int)}, in Hz. */
  public static final double PITCH_HZ = 150;
  /** The length of the reference recording of {@link #voice(String)}: over the 10 s minimum. */
  public static final double REFERENCE_SECONDS = 12;
  private static final int REFERENCE_SAMPLE_RATE = 24_000;
  private static final double SYLLABLES_PER_SECOND = 4;

  private TestAudio() {}

  /**
   * A mono PCM16 WAV file of {@code seconds} of speech-like sound at {@code sampleRate}: a harmonic
   * tone at {@link #PITCH_HZ} shaped into syllables, four a second.
   */
  public static byte[] speechLikeWav(double seconds, int sampleRate) {
    return speechLikeWav(seconds, sampleRate, PITCH_HZ);
  }

  /** As {@link #speechLikeWav(double, int)}, at a pitch of {@code pitchHz}. */
  public static byte[] speechLikeWav(double seconds, int sampleRate, double pitchHz) {
    if (!(seconds >= 0) || sampleRate <= 0 || !(pitchHz > 0)) {
      throw new IllegalArgumentException("seconds >= 0, sampleRate > 0 and pitchHz > 0 are required");
    }
    short[] samples = new short[(int) Math.round(seconds * sampleRate)];
    for (int n = 0; n < samples.length; n++) {
      double t = n / (double) sampleRate;
      double phase = 2 * Math.PI * pitchHz * t;
      double tone = Math.sin(phase) + 0.5 * Math.sin(2 * phase) + 0.25 * Math.sin(3 * phase);
      double syllable = 0.2 + 0.8 * Math.abs(Math.sin(Math.PI * SYLLABLES_PER_SECOND * t));
      samples[n] = (short) Math.round(8000 * syllable * tone / 1.75);
    }
    return Wav.write(PcmAudio.of(sampleRate, samples));
  }

  /**
   * A voice named "Test voice" whose reference is {@link #REFERENCE_SECONDS} of
   * {@link #speechLikeWav(double, int)}, with {@code transcript} (null for none) and
   * {@link Language#AUTO}.
   */
  public static Voice voice(String transcript) {
    return Voice.builder()
        .name("Test voice")
        .reference(speechLikeWav(REFERENCE_SECONDS, REFERENCE_SAMPLE_RATE))
        .transcript(transcript)
        .build();
  }
}
