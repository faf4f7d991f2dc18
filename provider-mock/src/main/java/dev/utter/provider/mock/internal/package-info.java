/**
 * How the mock provider makes its audio: the speech-like signal and the pitch estimate of a reference.
 * Not part of the API: anything here may change without notice.
 */
package dev.utter.provider.mock.internal;
