package dev.utter.spi;

import dev.utter.Language;
import dev.utter.Voice;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * One provider call's worth of work: a chunk of already-normalized text in one voice and language.
 *
 * @param voice the voice to speak in
 * @param text the chunk, non-blank and within the provider's limits
 * @param language the resolved language (never null; {@link Language#AUTO} lets the model decide)
 * @param seed the seed for reproducible output, when the caller set one
 * @param options provider-specific options, or null
 * @param chunkIndex the chunk's zero-based position in the whole text
 */
public record SynthesisRequest(
    Voice voice, String text, Language language, OptionalLong seed, ProviderOptions options, int chunkIndex) {
  /**
   * Checks the components.
   *
   * @param voice not null
   * @param text not null
   * @param language not null
   * @param seed not null; empty when the caller set none
   * @param options may be null
   * @param chunkIndex 0 or more
   * @throws NullPointerException when {@code voice}, {@code text}, {@code language} or {@code seed}
   *     is null
   * @throws IllegalArgumentException when {@code chunkIndex} is negative
   */
  public SynthesisRequest {
    Objects.requireNonNull(voice, "voice == null");
    Objects.requireNonNull(text, "text == null");
    Objects.requireNonNull(language, "language == null");
    Objects.requireNonNull(seed, "seed == null");
    if (chunkIndex < 0) {
      throw new IllegalArgumentException("chunkIndex < 0: " + chunkIndex);
    }
  }

  /**
   * A request for a single chunk with no seed and no options.
   *
   * @param voice the voice to speak in; not null
   * @param text the chunk; not null
   * @param language the resolved language; not null
   * @return a request for chunk 0
   */
  public static SynthesisRequest of(Voice voice, String text, Language language) {
    return new SynthesisRequest(voice, text, language, OptionalLong.empty(), null, 0);
  }

  /**
   * The options if they are of {@code type}, else null.
   *
   * @param <T> the options type the provider understands
   * @param type the class of that type
   * @return the options, or null when there are none or they are of another type
   */
  public <T extends ProviderOptions> T options(Class<T> type) {
    return type.isInstance(options) ? type.cast(options) : null;
  }
}
