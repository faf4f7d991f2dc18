/**
 * Echo-TTS on Modal, provider id {@code echo-modal}: {@link dev.utter.provider.echo.EchoModalProvider}
 * talks to the Echo service of this project's {@code modal-deploy} over HTTP, through the core Modal
 * transport; {@link dev.utter.provider.echo.EchoModalProviderFactory} makes it selectable by id and
 * configures it from the environment; {@link dev.utter.provider.echo.EchoSamplerOptions} tunes the
 * sampler per request.
 *
 * <p>Echo-TTS clones a voice from its reference audio alone (no transcript), speaks English only, and
 * returns 44.1 kHz audio, at most about 30 s and 767 UTF-8 bytes of normalized text per call.
 *
 * <p><b>Licence.</b> The Echo-TTS code is MIT, but its model weights and the audio they generate are
 * licensed CC-BY-NC-SA-4.0: non-commercial use only, with attribution, and derivatives under the same
 * licence. Audio produced through this provider inherits that licence.
 */
package dev.utter.provider.echo;
