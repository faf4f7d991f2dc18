package dev.utter.provider.mock;

import dev.utter.Language;
import dev.utter.spi.ProviderCapabilities;
import java.util.EnumSet;

/** Capabilities that make the mock provider behave like one of the real backends. */
public final class MockPresets {
  private MockPresets() {}

  /**
   * Like Qwen3-TTS: 24 kHz, a transcript is required, every {@link Language}, at most 600 characters
   * a call, batches of up to 8 chunks.
   */
  public static final ProviderCapabilities QWEN = ProviderCapabilities.builder()
      .sampleRate(24_000)
      .requiresTranscript(true)
      .languages(EnumSet.allOf(Language.class))
      .maxCharsPerCall(600)
      .maxBatchSize(8)
      .build();

  /**
   * Like Echo-TTS: 44.1 kHz, no transcript needed, {@link Language#AUTO} and {@link Language#ENGLISH},
   * at most 761 UTF-8 bytes (the model's 767 less the 5-byte {@code [S1] } tag and a final period) and
   * 70 words (about 30 s of speech) a call, audio cut at 29.7 s (640 latents), one chunk a call.
   */
  public static final ProviderCapabilities ECHO = ProviderCapabilities.builder()
      .sampleRate(44_100)
      .requiresTranscript(false)
      .languages(EnumSet.of(Language.AUTO, Language.ENGLISH))
      .maxUtf8BytesPerCall(761)
      .maxWordsPerCall(70)
      .maxAudioSecondsPerCall(29.7)
      .build();
}
