package dev.utter;

import java.time.Duration;

/**
 * How one chunk of a generation went.
 *
 * @param index the chunk's zero-based position in the text
 * @param characters the chunk's length in characters
 * @param audioSeconds the audio the provider returned for it, in seconds
 * @param latency the time its provider call took (a batch call's time is shared by its chunks)
 */
public record ChunkTiming(int index, int characters, double audioSeconds, Duration latency) {}
