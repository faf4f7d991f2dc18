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
      return record(generation(id, voice, text, language, target, duration));
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
   * Speaks {@code text} straight into a new generation's file and records it, blocking until done. On
   * failure no file and no row is left.
   */
  public GenerationRecord speakToFile(VoiceRecord voice, String text, Language language) {
    return record(render(DataFiles.newId(), voice, text, language, ProgressListener.NONE));
  }

  /** Inserts {@code generation}'s row; when that fails, deletes its file and throws. */
  private GenerationRecord record(GenerationRecord generation) {
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
    return generation(id, voice, text, language, target, speech.duration());
  }

  private GenerationRecord generation(
      String id, VoiceRecord voice, String text, Language language, Path target, Duration duration) {
    return new GenerationRecord(id, voice.id(), voice.name(), text, files.relative(target),
        duration.toNanos() / 1e9, language.wireName(), clock.instant());
  }

  /** Deletes {@code generation}'s file: for a result that was not recorded. */
  public void discardFile(GenerationRecord generation) {
    DataFiles.deleteQuietly(files.resolve(generation.audioPath()));
  }
}
