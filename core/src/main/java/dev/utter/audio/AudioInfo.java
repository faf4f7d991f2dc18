package dev.utter.audio;

import java.time.Duration;
import java.util.Objects;

/**
 * What a probe learned about an audio file without decoding it.
 *
 * @param format the container, recognised by content
 * @param durationSeconds the playing time in seconds
 * @param sampleRate samples per second per channel
 * @param channels the channel count
 */
public record AudioInfo(AudioFormat format, double durationSeconds, int sampleRate, int channels) {
  /**
   * Checks the values.
   *
   * @param format the container; not null
   * @param durationSeconds finite, 0 or more
   * @param sampleRate as the file declares it
   * @param channels as the file declares it
   * @throws NullPointerException when {@code format} is null
   * @throws IllegalArgumentException when {@code durationSeconds} is negative, infinite or NaN
   */
  public AudioInfo {
    Objects.requireNonNull(format, "format == null");
    if (!(durationSeconds >= 0) || Double.isInfinite(durationSeconds)) {
      throw new IllegalArgumentException("durationSeconds < 0: " + durationSeconds);
    }
  }

  /**
   * The playing time, rounded to the microsecond.
   *
   * @return never negative
   */
  public Duration duration() {
    return Duration.ofNanos(Math.round(durationSeconds * 1_000_000.0) * 1_000L);
  }
}
