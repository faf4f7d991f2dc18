package dev.utter.samples.server.speech;

import dev.utter.GenerationRequest;
import dev.utter.Language;
import dev.utter.ProgressListener;
import dev.utter.SpeechFile;
import dev.utter.Utter;
import dev.utter.samples.server.storage.DataFiles;
import dev.utter.samples.server.storage.GenerationRecord;
import dev.utter.samples.server.storage.GenerationStore;
import dev.utter.samples.server.storage.VoiceRecord;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;

/**
 * Speaks text in a stored voice through one shared {@link Utter} client and records the result as a
 * generation: its WAV file at {@code generated/{id}.wav}, streamed there and moved into place complete
 * (memory stays bounded however long the text), and its row. Voices come from a {@link VoiceCache}.
 * Thread-safe.
 */
public final class Speaker {
  private final Utter utter;
  private final VoiceCache voices;
  private final GenerationStore generations;
  private final DataFiles files;
  private final Clock clock;

  public Speaker(Utter utter, VoiceCache voices, GenerationStore generations, DataFiles files, Clock clock) {
    this.utter = Objects.requireNonNull(utter, "utter == null");
    this.voices = Objects.requireNonNull(voices, "voices == null");
    this.generations = Objects.requireNonNull(generations, "generations == null");
    this.files = Objects.requireNonNull(files, "files == null");
    this.clock = Objects.requireNonNull(clock, "clock == null");
  }

  public Utter utter() {
    return utter;
  }

  /**
   * A request to speak {@code text} in {@code voice}.
   *
   * @throws dev.utter.InvalidRequestException when the text or voice breaks the SDK's rules.
   */
  public GenerationRequest request(VoiceRecord voice, String text, Language language, ProgressListener progress) {
    return GenerationRequest.builder(voices.voice(voice), text).language(language).onProgress(progress).build();
  }

  /** Speaks {@code text} straight into a new generation's file, blocking until done. */
  public GenerationRecord speakToFile(VoiceRecord voice, String text, Language language) {
    return speakToFile(voice, text, language, ProgressListener.NONE);
  }

  /**
   * Speaks {@code text} straight into a new generation's file, reporting {@code progress}, blocking until
   * done. On failure or interruption no file and no row is left.
   *
   * @throws java.util.concurrent.CancellationException when the calling thread is interrupted.
   */
  public GenerationRecord speakToFile(VoiceRecord voice, String text, Language language, ProgressListener progress) {
    String id = DataFiles.newId();
    Path target = files.generatedAudio(id);
    SpeechFile speech = utter.generateToFile(request(voice, text, language, progress), target);
    GenerationRecord generation = new GenerationRecord(id, voice.id(), voice.name(), text,
        files.relative(target), speech.duration().toNanos() / 1e9, language.wireName(), clock.instant());
    try {
      generations.insert(generation);
    } catch (RuntimeException e) {
      DataFiles.deleteQuietly(target);
      throw e;
    }
    return generation;
  }

  /** Deletes {@code generation}'s row and file: for a result nobody wants any more (its task was cancelled). */
  public void discard(GenerationRecord generation) {
    generations.delete(generation.id());
    DataFiles.deleteQuietly(files.resolve(generation.audioPath()));
  }
}
