package dev.utter.samples.server.speech;

import dev.utter.GenerationRequest;
import dev.utter.Language;
import dev.utter.ProgressListener;
import dev.utter.ReferenceAudio;
import dev.utter.Speech;
import dev.utter.SpeechFile;
import dev.utter.Utter;
import dev.utter.Voice;
import dev.utter.samples.server.storage.DataFiles;
import dev.utter.samples.server.storage.GenerationRecord;
import dev.utter.samples.server.storage.GenerationStore;
import dev.utter.samples.server.storage.VoiceRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Speaks text in a stored voice through one shared {@link Utter} client and records the result as a
 * generation: its WAV file at {@code generated/{id}.wav}, written atomically, and its row. Thread-safe.
 */
public final class Speaker {
  private final Utter utter;
  private final GenerationStore generations;
  private final DataFiles files;
  private final Clock clock;

  public Speaker(Utter utter, GenerationStore generations, DataFiles files, Clock clock) {
    this.utter = Objects.requireNonNull(utter, "utter == null");
    this.generations = Objects.requireNonNull(generations, "generations == null");
    this.files = Objects.requireNonNull(files, "files == null");
    this.clock = Objects.requireNonNull(clock, "clock == null");
  }

  public Utter utter() {
    return utter;
  }

  /** A request to speak {@code text} in {@code voice}, reading its reference recording now. */
  public GenerationRequest request(VoiceRecord voice, String text, Language language, ProgressListener progress) {
    Voice sdkVoice = Voice.builder()
        .id(voice.id())
        .name(voice.name())
        .reference(reference(voice))
        .transcript(voice.transcript())
        .language(Language.fromWireName(voice.language()))
        .createdAt(voice.createdAt())
        .build();
    return GenerationRequest.builder(sdkVoice, text).language(language).onProgress(progress).build();
  }

  /** A voice's reference recording: a designed voice's preview needs 3 s, not the 10 s of a recording. */
  private ReferenceAudio reference(VoiceRecord voice) {
    Path file = files.resolve(voice.referencePath());
    if (!voice.designed()) {
      return ReferenceAudio.read(file);
    }
    try {
      return ReferenceAudio.ofDesignedPreview(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read reference audio " + file, e);
    }
  }

  /** Speaks {@code text} straight into a new generation's file, blocking until done. */
  public GenerationRecord speakToFile(VoiceRecord voice, String text, Language language) {
    String id = DataFiles.newId();
    Path target = files.generatedAudio(id);
    SpeechFile speech = utter.generateToFile(request(voice, text, language, ProgressListener.NONE), target);
    return record(id, voice, text, language, target, speech.duration());
  }

  /** Saves {@code speech}, made from {@code text}, as a new generation. */
  public GenerationRecord save(VoiceRecord voice, String text, Language language, Speech speech) {
    String id = DataFiles.newId();
    Path target = files.generatedAudio(id);
    speech.writeTo(target);
    return record(id, voice, text, language, target, speech.duration());
  }

  private GenerationRecord record(
      String id, VoiceRecord voice, String text, Language language, Path target, Duration duration) {
    GenerationRecord generation = new GenerationRecord(id, voice.id(), voice.name(), text,
        files.relative(target), duration.toNanos() / 1e9, language.wireName(), clock.instant());
    try {
      generations.insert(generation);
    } catch (RuntimeException e) {
      DataFiles.deleteQuietly(target);
      throw e;
    }
    return generation;
  }
}
