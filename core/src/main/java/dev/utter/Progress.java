package dev.utter;

import java.time.Duration;

/**
 * How far a generation has come.
 *
 * @param chunksDone chunks synthesized so far
 * @param chunksTotal chunks in the plan
 * @param audioSeconds seconds of audio synthesized so far
 * @param elapsed time since the generation started
 */
public record Progress(int chunksDone, int chunksTotal, double audioSeconds, Duration elapsed) {
  /**
   * Done chunks as a fraction of all chunks, from 0 to 1.
   *
   * @return {@code chunksDone / chunksTotal}, or 1 when the plan is empty
   */
  public double fraction() {
    return chunksTotal == 0 ? 1.0 : chunksDone / (double) chunksTotal;
  }

  /**
   * Whether every chunk of the plan is synthesized.
   *
   * @return true on the last event of a generation that succeeded
   */
  public boolean isComplete() {
    return chunksDone == chunksTotal;
  }
}
