package dev.utter.benchmarks;

import dev.utter.audio.AudioJoiner;
import dev.utter.audio.AudioProbe;
import dev.utter.audio.PcmAudio;
import dev.utter.text.ChunkLimits;
import dev.utter.text.TextChunker;
import dev.utter.text.TextNormalizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * JMH benchmarks of the audio and text toolkits, each beside the plain baseline it is compared with.
 * The MP3 for the probe is made at setup with {@code lame}; its path is passed in the system property
 * {@code utter.bench.mp3}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class AudioBenchmarks {
  static final int SAMPLE_RATE = 24_000;
  static final int CHUNKS = 20;
  static final int CHUNK_SECONDS = 10;
  static final Pattern NAIVE_SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+");

  private List<PcmAudio> chunks;
  private byte[][] chunkBytes;
  private byte[] mp3;
  private String text;
  private TextChunker chunker;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    chunks = new java.util.ArrayList<>();
    chunkBytes = new byte[CHUNKS][];
    for (int i = 0; i < CHUNKS; i++) {
      short[] samples = new short[SAMPLE_RATE * CHUNK_SECONDS];
      for (int s = 0; s < samples.length; s++) {
        samples[s] = (short) (6000 * Math.sin(2 * Math.PI * (180 + i) * s / SAMPLE_RATE));
      }
      PcmAudio chunk = PcmAudio.of(SAMPLE_RATE, samples);
      chunks.add(chunk);
      chunkBytes[i] = chunk.toPcmBytes();
    }
    String mp3Path = System.getProperty("utter.bench.mp3");
    mp3 = mp3Path == null ? null : Files.readAllBytes(Path.of(mp3Path));
    text = TextNormalizer.normalize(BenchText.of(5000));
    chunker = TextChunker.of(ChunkLimits.chars(300));
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    chunks = null;
  }

  /** Joins 20 chunks of 10 s with a 30 ms crossfade: 200 s of 24 kHz audio. */
  @Benchmark
  public void stitchWithCrossfade(Blackhole blackhole) {
    AudioJoiner joiner = AudioJoiner.crossfade(SAMPLE_RATE, Duration.ofMillis(30));
    for (PcmAudio chunk : chunks) {
      blackhole.consume(joiner.append(chunk));
    }
    blackhole.consume(joiner.finish());
  }

  /** The baseline: the same PCM bytes copied end to end with {@code System.arraycopy}. */
  @Benchmark
  public byte[] stitchWithArraycopy() {
    int total = 0;
    for (byte[] chunk : chunkBytes) {
      total += chunk.length;
    }
    byte[] out = new byte[total];
    int at = 0;
    for (byte[] chunk : chunkBytes) {
      System.arraycopy(chunk, 0, out, at, chunk.length);
      at += chunk.length;
    }
    return out;
  }

  /** Probes the duration of a 300 s MP3 held in memory. */
  @Benchmark
  public double probeMp3() {
    return AudioProbe.probe(mp3).durationSeconds();
  }

  /** Normalizes and chunks 5000 characters of prose into chunks of at most 300 characters. */
  @Benchmark
  public List<String> chunkText() {
    return chunker.chunk(TextNormalizer.normalize(text));
  }

  /** The baseline: a regular-expression split at sentence ends, as a naive script would do. */
  @Benchmark
  public String[] splitTextWithRegex() {
    return NAIVE_SENTENCE_END.split(text);
  }
}
