package dev.utter.provider.mock.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The timbre the mock gives a voice designed from a description: a pitch between {@link Pitch#MIN_HZ}
 * and {@link Pitch#MAX_HZ} and a brightness between {@value #MIN_BRIGHTNESS} and
 * {@value #MAX_BRIGHTNESS}, both from a SHA-256 of the description, so the same description always
 * sounds the same and different ones differ. Not part of the API.
 *
 * @param pitchHz the fundamental frequency, in Hz
 * @param brightness the overtone scale of {@link SpeechSignal#of(String, int, double, double, long)}
 */
public record DesignedTimbre(double pitchHz, double brightness) {
  /** The darkest timbre. */
  public static final double MIN_BRIGHTNESS = 0.4;
  /** The brightest timbre. */
  public static final double MAX_BRIGHTNESS = 1.8;

  /**
   * The timbre of the voice {@code description} describes.
   *
   * @param description the voice description, as the request holds it (trimmed); not null
   * @return the same timbre for the same description, on any JVM
   */
  public static DesignedTimbre of(String description) {
    byte[] hash;
    try {
      hash = MessageDigest.getInstance("SHA-256").digest(description.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError("SHA-256 is required of every JVM", e);
    }
    double pitch = Pitch.MIN_HZ + (Pitch.MAX_HZ - Pitch.MIN_HZ) * unit(hash, 0);
    double brightness = MIN_BRIGHTNESS + (MAX_BRIGHTNESS - MIN_BRIGHTNESS) * unit(hash, 2);
    return new DesignedTimbre(pitch, brightness);
  }

  /** Two bytes of {@code hash} from {@code offset} as a number in [0, 1]. */
  private static double unit(byte[] hash, int offset) {
    return (((hash[offset] & 0xff) << 8) | (hash[offset + 1] & 0xff)) / 65535.0;
  }
}
