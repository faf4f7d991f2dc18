/**
 * Implementation detail of the SDK. Nothing under {@code dev.utter.internal} is part of the API: it is
 * public only so the SDK's own packages can share it, it is left out of the public-API check that
 * {@code mvn verify} runs against {@code core/api-baseline}, and it may change in any release. Do not
 * use it from application or provider code.
 */
package dev.utter.internal;
