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
  public AudioInfo {
    Objects.requireNonNull(format, "format == null");
    if (!(durationSeconds >= 0) || Double.isInfinite(durationSeconds)) {
      throw new IllegalArgumentException("durationSeconds < 0: " + durationSeconds);
    }
  }

  /** The playing time, rounded to the microsecond. */
  public Duration duration() {
    return Duration.ofNanos(Math.round(durationSeconds * 1_000_000.0) * 1_000L);
  }
}
