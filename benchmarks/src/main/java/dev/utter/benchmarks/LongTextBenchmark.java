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
import dev.utter.text.TextNormalizer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * Benchmarks 1 and 2: a 5000-character text through the mock provider at 200 ms ± 20 % per call.
 *
 * <p>1 compares the client's defaults with the original app's loop: the text cut the original way
 * (sentence ends, at most 70 words a chunk) and the chunks synthesized one after another.
 * 2 compares the time to the first streamed audio with one call's latency.
 */
final class LongTextBenchmark {
  static final int CALL_MILLIS = 200;
  private static final int ROUNDS = 3;

  private LongTextBenchmark() {}

  static List<Result> run(Voice voice) {
    String text = BenchText.of(5000);
    List<Result> rows = new ArrayList<>();
    try (TtsProvider provider = BenchProviders.mockQwen(CALL_MILLIS);
        Utter utter = Utter.builder().provider(provider).build()) {
      GenerationRequest request = GenerationRequest.builder(voice, text).language(Language.ENGLISH).build();
      utter.generate(request); // warm-up: class loading, JIT of the hot paths

      long sdk = median(() -> utter.generate(request));
      long loop = median(() -> originalLoop(provider, voice, text));
      rows.add(Result.atLeast("1. 5000 chars, mock at 200 ms ± 20 % per call, SDK defaults",
          "original app's loop, " + originalChunks(text).size() + " chunks one after another: " + millis(loop),
          millis(sdk), loop / (double) sdk, 5));

      long firstAudio = median(() -> firstAudio(utter, request));
      rows.add(Result.atMost("2. Time to first audio (`stream`), same text",
          "one call's latency: " + CALL_MILLIS + " ms; whole result: " + millis(sdk),
          millis(firstAudio), firstAudio / 1e6 / CALL_MILLIS, 1.5));
    }
    return rows;
  }

  /** The median wall time of {@link #ROUNDS} runs of {@code work}, in nanoseconds. */
  private static long median(Runnable work) {
    long[] times = new long[ROUNDS];
    for (int i = 0; i < ROUNDS; i++) {
      long start = System.nanoTime();
      work.run();
      times[i] = System.nanoTime() - start;
    }
    java.util.Arrays.sort(times);
    return times[ROUNDS / 2];
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

  static String millis(long nanos) {
    return String.format(Locale.ROOT, "%.0f ms", nanos / 1e6);
  }
}
