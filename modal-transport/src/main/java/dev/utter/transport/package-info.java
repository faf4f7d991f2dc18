/**
 * What the builders of the Modal providers ({@code qwen-modal}, {@code echo-modal}) share with their
 * users: credentials ({@link dev.utter.transport.ModalAuth}), the common builder settings
 * ({@link dev.utter.transport.ModalProviderBuilder}: auth, retries, call budget, timeouts) and the
 * retry settings ({@link dev.utter.transport.ModalRetries}, a resilience4j
 * {@link io.github.resilience4j.retry.RetryConfig}).
 *
 * <p>The transport itself lives in {@code dev.utter.transport.internal}, which is not API.
 */
package dev.utter.transport;
