package dev.utter.audio;

import java.util.Optional;

/** Recognises audio containers by content and reads their duration without decoding. */
public final class AudioProbe {
  private AudioProbe() {}

  /** The container of {@code bytes}, judged by content alone, or empty when it is none the SDK knows. */
  public static Optional<AudioFormat> sniff(byte[] bytes) {
    if (bytes.length >= 12 && bytes[0] == 'R' && bytes[1] == 'I' && bytes[2] == 'F' && bytes[3] == 'F'
        && bytes[8] == 'W' && bytes[9] == 'A' && bytes[10] == 'V' && bytes[11] == 'E') {
      return Optional.of(AudioFormat.WAV);
    }
    return Optional.empty();
  }

  /**
   * Format, duration, sample rate and channels of {@code bytes}.
   *
   * @throws AudioFormatException when the bytes are not audio the SDK can read.
   */
  public static AudioInfo probe(byte[] bytes) {
    AudioFormat format = sniff(bytes)
        .orElseThrow(() -> new AudioFormatException("Unrecognised audio: expected WAV, MP3 or M4A"));
    PcmAudio audio = Wav.read(bytes);
    return new AudioInfo(format, audio.durationSeconds(), audio.sampleRate(), 1);
  }
}
