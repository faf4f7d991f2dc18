package dev.utter.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Packs normalized text into chunks that each fit one provider call. Thread-safe. */
public final class TextChunker {
  private final ChunkLimits limits;

  private TextChunker(ChunkLimits limits) {
    this.limits = Objects.requireNonNull(limits, "limits == null");
  }

  public static TextChunker of(ChunkLimits limits) {
    return new TextChunker(limits);
  }

  /**
   * Splits {@code normalizedText} into non-empty chunks within the limits whose concatenation is
   * exactly {@code normalizedText}.
   */
  public List<String> chunk(String normalizedText) {
    int max = limits.maxChars() > 0 ? limits.maxChars() : 200;
    List<String> chunks = new ArrayList<>();
    for (int i = 0; i < normalizedText.length(); i += max) {
      chunks.add(normalizedText.substring(i, Math.min(normalizedText.length(), i + max)));
    }
    return chunks;
  }
}
