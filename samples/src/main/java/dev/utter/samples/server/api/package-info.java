/**
 * The JSON API under {@code /api}, the audio files under {@code /uploads} and OpenAI's speech API under
 * {@code /v1} ({@link dev.utter.samples.server.api.OpenAiSpeechApi}): one class per resource, registered
 * on Javalin by {@link dev.utter.samples.server.api.Routes}. Every error is {@code {"detail": "..."}}
 * with the original app's wording, under {@code /v1} OpenAI's {@code {"error": {...}}}; user mistakes
 * are 4xx, never 500.
 */
package dev.utter.samples.server.api;
