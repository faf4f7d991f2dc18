/**
 * Not API: public only so the SDK's own packages can share it, left out of the public-API check, and
 * free to change in any release. The path every request takes inside the client: plan the text into chunks
 * ({@code ChunkPlan}), schedule the provider calls in a bounded window ({@code Generation}), and hand the
 * joined audio in text order to an output ({@code Outputs}, {@link dev.utter.SpeechStream}).
 */
package dev.utter.internal.generation;
