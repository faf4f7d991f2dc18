/**
 * Qwen3-TTS voice cloning on Modal over HTTP, selectable as provider {@code qwen-modal}.
 *
 * <p>{@link dev.utter.provider.qwen.QwenModalProvider} talks to either deployment described by
 * {@link dev.utter.provider.qwen.QwenEndpoints}: this project's modal-deploy service (one base URL,
 * voices registered once and referred to by id) or the original guide's separate endpoints (four
 * endpoint URLs, the reference audio sent inline with every request).
 * {@link dev.utter.provider.qwen.QwenModalProviderFactory} configures one from the environment.
 */
package dev.utter.provider.qwen;
