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

  /**
   * Speaks {@code text} straight into a new generation's file and records it, blocking until done. On
   * failure no file and no row is left.
   */
  public GenerationRecord speakToFile(VoiceRecord voice, String text, Language language) {
    GenerationRecord generation = render(DataFiles.newId(), voice, text, language, ProgressListener.NONE);
    try {
      generations.insert(generation);
    } catch (RuntimeException e) {
      discardFile(generation);
      throw e;
    }
    return generation;
  }

  /**
   * Speaks {@code text} into the file of generation {@code id}, {@code generated/{id}.wav}, reporting
   * {@code progress}, blocking until done, and returns the generation for the caller to record. The file
   * is streamed to a temporary file beside it and moved into place complete, replacing one already there
   * (an earlier attempt at the same generation); on failure or interruption nothing is left at the
   * target but what was there.
   *
   * @throws java.util.concurrent.CancellationException when the calling thread is interrupted.
   */
  public GenerationRecord render(String id, VoiceRecord voice, String text, Language language,
      ProgressListener progress) {
    Path target = files.generatedAudio(id);
    SpeechFile speech = utter.generateToFile(request(voice, text, language, progress), target);
    return new GenerationRecord(id, voice.id(), voice.name(), text, files.relative(target),
        speech.duration().toNanos() / 1e9, language.wireName(), clock.instant());
  }

  /** Deletes {@code generation}'s file: for a result that was not recorded. */
  public void discardFile(GenerationRecord generation) {
    DataFiles.deleteQuietly(files.resolve(generation.audioPath()));
  }
}
