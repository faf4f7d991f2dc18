/**
 * The HTTP transport shared by the providers that call services on Modal (or self-hosted copies of
 * them): one {@link dev.utter.transport.ModalTransport} per provider, holding an OkHttp client, the
 * credentials ({@link dev.utter.transport.ModalAuth}), the retry policy
 * ({@link dev.utter.transport.RetryPolicy}) and the call budget. It follows Modal's {@code 303 See Other}
 * hand-off with {@code GET}, retries only what is safe to retry, maps error responses to the SDK's
 * typed exceptions and never logs credentials or audio.
 *
 * <p>This package is for provider implementers; applications configure providers instead.
 */
package dev.utter.transport;
