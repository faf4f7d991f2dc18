package dev.utter.text;

/**
 * The most text one provider call takes. A bound of 0 means unbounded; at least one must be set.
 *
 * @param maxChars the most characters (UTF-16 code units) in a chunk
 * @param maxUtf8Bytes the most UTF-8 bytes in a chunk
 * @param maxWords the most whitespace-separated words in a chunk
 */
public record ChunkLimits(int maxChars, int maxUtf8Bytes, int maxWords) {
  public ChunkLimits {
    if (maxChars < 0 || maxUtf8Bytes < 0 || maxWords < 0) {
      throw new IllegalArgumentException("limits must be >= 0");
    }
    if (maxChars == 0 && maxUtf8Bytes == 0 && maxWords == 0) {
      throw new IllegalArgumentException("at least one limit must be set");
    }
  }

  /** At most {@code maxChars} characters a chunk. */
  public static ChunkLimits chars(int maxChars) {
    return new ChunkLimits(maxChars, 0, 0);
  }
}
