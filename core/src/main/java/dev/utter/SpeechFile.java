package dev.utter;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Speech written to a file by {@link Utter#generateToFile}, in the request's output format.
 *
 * @param path the complete file
 * @param format its format, with the sample rate settled
 * @param sampleRate its sample rate
 * @param duration the speech's playing time, to the microsecond (MP3 and Opus files hold a few
 *     milliseconds of codec padding that decoders drop or add)
 * @param providerId the provider that spoke it
 * @param chunks one entry per text chunk, in text order
 * @param elapsed wall-clock time of the generation
 */
public record SpeechFile(Path path, OutputFormat format, int sampleRate, Duration duration, String providerId,
    List<ChunkTiming> chunks, Duration elapsed) {
  public SpeechFile {
    chunks = List.copyOf(chunks);
  }
}
