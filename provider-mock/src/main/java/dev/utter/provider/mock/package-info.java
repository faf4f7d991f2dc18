/**
 * The mock provider (id {@code mock}): deterministic, offline speech-like audio with the limits of a
 * real backend, and knobs for latency (a GPU-like {@link dev.utter.provider.mock.LatencyModel}), failures
 * and cold starts. Use it to try the SDK, to test code that uses it, and to measure scheduling without a
 * GPU. See {@link dev.utter.provider.mock.MockTtsProvider}.
 */
package dev.utter.provider.mock;
