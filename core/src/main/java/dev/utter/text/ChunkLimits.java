package dev.utter.text;

/**
 * The most text one provider call takes. A bound of 0 means unbounded; at least one must be set.
 *
 * @param maxChars the most characters (UTF-16 code units) in a chunk
 * @param maxUtf8Bytes the most UTF-8 bytes in a chunk
 * @param maxWords the most whitespace-separated words in a chunk
 */
public record ChunkLimits(int maxChars, int maxUtf8Bytes, int maxWords) {
  /**
   * Checks the bounds.
   *
   * @param maxChars 0 (unbounded) or more
   * @param maxUtf8Bytes 0 (unbounded) or more
   * @param maxWords 0 (unbounded) or more
   * @throws IllegalArgumentException when a bound is negative or all are 0
   */
  public ChunkLimits {
    if (maxChars < 0 || maxUtf8Bytes < 0 || maxWords < 0) {
      throw new IllegalArgumentException("limits must be >= 0");
    }
    if (maxChars == 0 && maxUtf8Bytes == 0 && maxWords == 0) {
      throw new IllegalArgumentException("at least one limit must be set");
    }
  }

  /**
   * At most {@code maxChars} characters a chunk.
   *
   * @param maxChars the most UTF-16 code units a chunk, at least 1
   * @return limits with bytes and words unbounded
   * @throws IllegalArgumentException when {@code maxChars} is not positive
   */
  public static ChunkLimits chars(int maxChars) {
    return new ChunkLimits(maxChars, 0, 0);
  }
}
