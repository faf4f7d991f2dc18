package dev.utter.samples.server.speech;

import dev.utter.GenerationRequest;
import dev.utter.Language;
import dev.utter.OutputFormat;
import dev.utter.ProgressListener;
import dev.utter.SpeechChunk;
import dev.utter.SpeechFile;
import dev.utter.SpeechStream;
import dev.utter.Utter;
import dev.utter.audio.EncodingWriter;
import dev.utter.audio.PcmAudio;
import dev.utter.samples.server.storage.DataFiles;
import dev.utter.samples.server.storage.GenerationRecord;
import dev.utter.samples.server.storage.GenerationStore;
import dev.utter.samples.server.storage.VoiceRecord;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
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

  /** Receives speech chunk by chunk, in text order, on the thread that called {@link #speakAlong}. */
  @FunctionalInterface
  public interface ChunkSink {
    /** Takes the next chunk's audio; throwing stops the generation, and nothing is recorded. */
    void accept(PcmAudio audio) throws IOException;
  }

  /**
   * Speaks {@code text}, handing each chunk's audio to {@code sink} as soon as it is ready (and every
   * chunk before it has been handed over), and records the whole as a new generation once the last chunk
   * is through. Holds at most the client's buffered audio ahead of {@code sink}: the generation's WAV
   * file is written chunk by chunk to {@code tmp/} and moved into place at the end. When the generation or
   * {@code sink} fails, the generation is cancelled and nothing is recorded or left behind.
   *
   * @return the recorded generation
   * @throws IOException what {@code sink} threw
   */
  public GenerationRecord speakAlong(VoiceRecord voice, String text, Language language, ChunkSink sink)
      throws IOException {
    Objects.requireNonNull(sink, "sink == null");
    String id = DataFiles.newId();
    Path partial = files.newTempFile(".wav");
    Duration duration;
    try (SpeechStream stream = utter.stream(request(voice, text, language, ProgressListener.NONE))) {
      duration = writeAlong(stream, partial, sink);
      Path target = files.generatedAudio(id);
      DataFiles.moveIntoPlace(partial, target);
      return record(id, voice, text, language, target, duration);
    } finally {
      DataFiles.deleteQuietly(partial);
    }
  }

  private static Duration writeAlong(SpeechStream stream, Path partial, ChunkSink sink) throws IOException {
    long samples = 0;
    try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.WRITE)) {
      OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 64 * 1024);
      EncodingWriter wav = EncodingWriter.open(OutputFormat.WAV, stream.sampleRate(), out);
      for (SpeechChunk chunk : stream) {
        wav.write(chunk.audio());
        samples += chunk.audio().length();
        sink.accept(chunk.audio());
      }
      wav.finish();
      out.flush();
      channel.write(ByteBuffer.wrap(wav.finalHeader()), 0);
      channel.force(true);
    }
    return Duration.ofNanos(Math.round(samples * 1e9 / stream.sampleRate()));
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

  /** Deletes {@code generation}'s row and file: for a result nobody wants any more (its task was cancelled). */
  public void discard(GenerationRecord generation) {
    generations.delete(generation.id());
    DataFiles.deleteQuietly(files.resolve(generation.audioPath()));
  }
}
