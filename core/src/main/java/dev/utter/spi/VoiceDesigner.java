package dev.utter.spi;

import dev.utter.DesignRequest;
import dev.utter.Language;
import dev.utter.audio.PcmAudio;
import java.util.Set;

/**
 * A backend's voice design: speaks a preview text in a new voice made from a description in words
 * (Qwen3-TTS VoiceDesign, say). A {@link TtsProvider} offers one through
 * {@link TtsProvider#voiceDesigner()} when it can design voices, and only then; the
 * {@link dev.utter.Utter} client validates the request, checks the language against
 * {@link #languages()} before any call and turns the preview into a {@link dev.utter.Voice}.
 *
 * <p>Implementations must be thread-safe and end a call promptly, with a
 * {@link java.util.concurrent.CancellationException} or the thread's interrupt status set, when its
 * thread is interrupted. Failures are thrown as {@link dev.utter.UtterException}s. A designer belongs
 * to its provider: closing the provider closes it; it has no {@code close()} of its own.
 */
public interface VoiceDesigner {

  /**
   * The languages a design request may ask for. Stable, like the provider's capabilities.
   *
   * @return the languages; not null
   */
  Set<Language> languages();

  /**
   * Speaks {@code request.text()} in a voice that fits {@code request.description()}, in one call.
   * The caller has validated the request and checked its language. The same request with a seed
   * gives the same voice where the backend is deterministic.
   *
   * @param request a request validated by {@link DesignRequest.Builder#build()}, its language
   *     checked against {@link #languages()}; not null
   * @return the preview, mono PCM at the backend's sample rate, which the caller owns
   * @throws dev.utter.InvalidRequestException when the backend refuses the request (a language or a
   *     text over limits of its own)
   * @throws dev.utter.UtterException when the call fails
   */
  PcmAudio design(DesignRequest request);
}
