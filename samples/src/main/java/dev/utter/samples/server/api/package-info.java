/**
 * The JSON API under {@code /api} and the audio files under {@code /uploads}: one class per resource,
 * registered on Javalin by {@link dev.utter.samples.server.api.Routes}. Every error is
 * {@code {"detail": "..."}} with the original app's wording; user mistakes are 4xx, never 500.
 */
package dev.utter.samples.server.api;
