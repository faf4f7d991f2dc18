package dev.utter.benchmarks;

import dev.utter.GenerationRequest;
import dev.utter.Language;
import dev.utter.SpeechChunk;
import dev.utter.SpeechStream;
import dev.utter.Utter;
import dev.utter.Voice;
import dev.utter.audio.PcmAudio;
import dev.utter.spi.SynthesisRequest;
import dev.utter.spi.TtsProvider;
import dev.utter.text.ChunkLimits;
import dev.utter.text.TextChunker;
import dev.utter.text.TextNormalizer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Benchmarks 1 and 2: a 5000-character text through the mock with the A10G latency model at
 * {@link BenchProviders#TIME_SCALE}, each measurement repeated {@link #ROUNDS} times, SDK and baseline
 * alternating so that both see the same machine.
 *
 * <p>1 compares the client's defaults with the original app's loop: the text cut the original way
 * (sentence ends, at most 70 words a chunk) and the chunks synthesized one after another.
 * 2 compares the time to the first streamed audio with one call for a chunk of the client's default
 * size (the text's first 300-character chunk); 2b checks that the short first chunk this owes to does
 * not make the whole stream slower.
 */
final class LongTextBenchmark {
  static final int ROUNDS = 5;
  private static final int DEFAULT_CHUNK_CHARS = 300;

  private LongTextBenchmark() {}

  static List<Result> run(Voice voice) {
    String text = BenchText.of(5000);
    List<Result> rows = new ArrayList<>();
    try (TtsProvider provider = BenchProviders.gpuMock();
        Utter utter = Utter.builder().provider(provider).build()) {
      GenerationRequest request = GenerationRequest.builder(voice, text).language(Language.ENGLISH).build();
      utter.generate(request); // warm-up: class loading, JIT of the hot paths
      originalLoop(provider, voice, text);

      double[] sdk = new double[ROUNDS];
      double[] loop = new double[ROUNDS];
      for (int i = 0; i < ROUNDS; i++) {
        sdk[i] = nanos(() -> utter.generate(request));
        loop[i] = nanos(() -> originalLoop(provider, voice, text));
      }
      rows.add(Result.atLeast("1. 5000 chars, A10G model × " + BenchProviders.TIME_SCALE + ", SDK defaults",
          "original app's loop, " + originalChunks(text).size() + " chunks one after another: "
              + Spread.millis(Spread.of(loop)),
          Spread.millis(Spread.of(sdk)), Spread.ofRatios(loop, sdk), 6));

      String defaultChunk = TextChunker.of(ChunkLimits.chars(DEFAULT_CHUNK_CHARS))
          .chunk(TextNormalizer.normalize(text)).get(0).strip();
      SynthesisRequest oneChunk = SynthesisRequest.of(voice, defaultChunk, Language.ENGLISH);
      double[] firstAudio = new double[ROUNDS];
      double[] chunkCall = new double[ROUNDS];
      for (int i = 0; i < ROUNDS; i++) {
        firstAudio[i] = nanos(() -> firstAudio(utter, request));
        chunkCall[i] = nanos(() -> provider.synthesize(oneChunk));
      }
      rows.add(Result.atMost("2. Time to first audio (`stream`), same text",
          "one call for a default-size chunk (" + defaultChunk.length() + " chars): "
              + Spread.millis(Spread.of(chunkCall)),
          Spread.millis(Spread.of(firstAudio)), Spread.ofRatios(firstAudio, chunkCall), 0.5));

      double[] shortFirst = new double[ROUNDS];
      double[] longFirst = new double[ROUNDS];
      try (Utter noShortChunk = Utter.builder().provider(provider).streamFirstChunkChars(0).build()) {
        for (int i = 0; i < ROUNDS; i++) {
          shortFirst[i] = nanos(() -> readWhole(utter, request));
          longFirst[i] = nanos(() -> readWhole(noShortChunk, request));
        }
      }
      rows.add(Result.atMost("2b. Whole `stream` read, same text, short first chunk (the default)",
          "the same stream without it (`streamFirstChunkChars(0)`): " + Spread.millis(Spread.of(longFirst)),
          Spread.millis(Spread.of(shortFirst)), Spread.ofRatios(shortFirst, longFirst), 1.10));
    }
    return rows;
  }

  /** The wall time of one run of {@code work}, in nanoseconds. */
  private static double nanos(Runnable work) {
    long start = System.nanoTime();
    work.run();
    return System.nanoTime() - start;
  }

  private static void readWhole(Utter utter, GenerationRequest request) {
    try (SpeechStream stream = utter.stream(request)) {
      stream.forEach(chunk -> { });
    }
  }

  private static void firstAudio(Utter utter, GenerationRequest request) {
    try (SpeechStream stream = utter.stream(request)) {
      Iterator<SpeechChunk> chunks = stream.iterator();
      chunks.next();
    }
  }

  /** The original app: 70-word chunks on sentence ends, synthesized one after another, concatenated. */
  static PcmAudio originalLoop(TtsProvider provider, Voice voice, String text) {
    List<short[]> parts = new ArrayList<>();
    int total = 0;
    for (String chunk : originalChunks(text)) {
      short[] samples = provider.synthesize(SynthesisRequest.of(voice, chunk, Language.ENGLISH)).samples();
      parts.add(samples);
      total += samples.length;
    }
    short[] joined = new short[total];
    int at = 0;
    for (short[] part : parts) {
      System.arraycopy(part, 0, joined, at, part.length);
      at += part.length;
    }
    return PcmAudio.of(provider.capabilities().sampleRate(), joined);
  }

  /** The original app's chunking: split at sentence ends, then pack sentences up to 70 words. */
  static List<String> originalChunks(String text) {
    List<String> chunks = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    int words = 0;
    for (String sentence : TextNormalizer.normalize(text).split("(?<=[.!?])\\s+")) {
      int sentenceWords = sentence.split("\\s+").length;
      if (words > 0 && words + sentenceWords > 70) {
        chunks.add(current.toString());
        current.setLength(0);
        words = 0;
      }
      current.append(current.length() == 0 ? "" : " ").append(sentence);
      words += sentenceWords;
    }
    if (current.length() > 0) {
      chunks.add(current.toString());
    }
    return chunks;
  }
}
