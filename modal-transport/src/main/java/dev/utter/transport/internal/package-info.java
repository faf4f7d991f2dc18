/**
 * The HTTP transport of the Modal providers. <b>Not API:</b> public only so that the provider modules
 * can use it; anything here may change or go in any release. Applications configure providers through
 * {@link dev.utter.transport.ModalProviderBuilder} instead.
 *
 * <p>Map: {@link dev.utter.transport.internal.ModalTransport} runs one call (a resilience4j
 * {@code Retry} around OkHttp attempts); one OkHttp interceptor per concern —
 * {@link dev.utter.transport.internal.RequestIdInterceptor},
 * {@link dev.utter.transport.internal.HandOffInterceptor} (Modal's 303),
 * {@link dev.utter.transport.internal.AuthInterceptor} (credentials, same origin only),
 * {@link dev.utter.transport.internal.ExchangeLogInterceptor};
 * {@link dev.utter.transport.internal.CallBudget} (how long a call may take),
 * {@link dev.utter.transport.internal.AttemptFailure} (which failures are safe to repeat),
 * {@link dev.utter.transport.internal.HttpFailures} (error bodies to typed exceptions),
 * {@link dev.utter.transport.internal.ModalResponse} (typed bodies), and
 * {@link dev.utter.transport.internal.VoiceRouting} (a voice by registered id or inline).
 */
package dev.utter.transport.internal;
