/**
 * Speaking with a stored voice: the bridge from database rows to the utter SDK and back, with one SDK
 * voice kept per stored voice ({@link dev.utter.samples.server.speech.VoiceCache}).
 */
package dev.utter.samples.server.speech;
