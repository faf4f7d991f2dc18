package dev.utter;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Speech written to a file by {@link Utter#generateToFile}, in the request's output format.
 *
 * @param path the complete file
 * @param sampleRate its sample rate
 * @param duration its playing time, to the microsecond
 * @param providerId the provider that spoke it
 * @param chunks one entry per text chunk, in text order
 * @param elapsed wall-clock time of the generation
 */
public record SpeechFile(
    Path path, int sampleRate, Duration duration, String providerId, List<ChunkTiming> chunks, Duration elapsed) {
  public SpeechFile {
    chunks = List.copyOf(chunks);
  }
}
