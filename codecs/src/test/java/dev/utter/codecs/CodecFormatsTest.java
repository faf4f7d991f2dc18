package dev.utter.codecs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.utter.GenerationRequest;
import dev.utter.Language;
import dev.utter.OutputFormat;
import dev.utter.Speech;
import dev.utter.SpeechFile;
import dev.utter.SpeechStream;
import dev.utter.Utter;
import dev.utter.audio.PcmAudio;
import dev.utter.audio.Resampler;
import dev.utter.provider.mock.MockTtsProvider;
import dev.utter.spi.ProviderCapabilities;
import dev.utter.spi.SynthesisRequest;
import dev.utter.spi.TtsProvider;
import dev.utter.testing.ForwardingTtsProvider;
import dev.utter.testing.AudioTools;
import dev.utter.testing.TestAudio;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * MP3 and Opus through every door, checked from outside: ffprobe reads codec, rate, channels and
 * duration; ffmpeg decodes with {@code -xerror}; the decoded speech is compared with the provider's,
 * resampled by the SDK, as a waveform SNR (after aligning the codec's delay). A stream saved byte by byte
 * is one valid file, and its first audio bytes arrive while the second chunk is still being synthesized.
 */
class CodecFormatsTest {
  /** About 2.7 s of speech a sentence from the mock, one sentence a chunk. */
  private static final String TEXT = String.join(" ", Collections.nCopies(4, "This sentence is forty characters long."));
  private static final ProviderCapabilities ONE_SENTENCE_A_CALL = ProviderCapabilities.builder()
      .sampleRate(24_000)
      .requiresTranscript(true)
      .languages(EnumSet.allOf(Language.class))
      .maxCharsPerCall(45)
      .build();

  @TempDir Path dir;
  private final CountDownLatch secondChunkMayFinish = new CountDownLatch(1);
  private final TtsProvider provider = new Gated(
      MockTtsProvider.builder().capabilities(ONE_SENTENCE_A_CALL).build(), secondChunkMayFinish);
  /** As many calls at once as the text has chunks, so the held ones never keep the first from running. */
  private final Utter utter = Utter.builder().provider(provider).parallelism(4).build();

  @AfterEach
  void close() {
    secondChunkMayFinish.countDown();
    utter.close();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "mp3_16000_32, 18", "mp3_22050_32, 16", "mp3_24000_48, 18", "mp3_44100_64, 19", "mp3_44100_128, 20",
      "mp3_48000_192, 24", "opus_16000_16, 15", "opus_24000_32, 16", "opus_48000_64, 23", "opus_48000_192, 26"})
  void everyDoorWritesAFileFfmpegDecodesToTheSpeech(String name, double minSnrDb) throws Exception {
    secondChunkMayFinish.countDown();
    OutputFormat format = OutputFormat.parse(name);
    int rate = format.sampleRate().getAsInt();
    boolean mp3 = format.encoding() == OutputFormat.Encoding.MP3;
    GenerationRequest request = request(format);

    Speech speech = utter.generate(request);
    Path fromSpeech = Files.write(dir.resolve("speech." + format.fileExtension()), speech.toBytes());
    SpeechFile file = utter.generateToFile(request, dir.resolve("file." + format.fileExtension()));
    Path fromStream = dir.resolve("stream." + format.fileExtension());
    try (SpeechStream stream = utter.stream(request); var out = Files.newOutputStream(fromStream)) {
      stream.writeTo(out);
    }

    PcmAudio expected = Resampler.resample(speech.audio(), rate);
    assertEquals(expected.duration(), file.duration());
    for (Path output : new Path[] {fromSpeech, file.path(), fromStream}) {
      AudioTools.Probe probe = AudioTools.probe(output);
      // Ogg Opus always decodes at 48 kHz; the rate asked for is the one encoded (and in OpusHead).
      assertEquals(new AudioTools.Probe(mp3 ? "mp3" : "opus", mp3 ? rate : 48_000, 1, probe.durationSeconds()), probe);
      PcmAudio decoded = AudioTools.decode(output, rate);
      double extra = probe.durationSeconds() - expected.durationSeconds();
      double snr = snrAligned(expected, decoded, rate);
      System.out.printf(Locale.ROOT, "%s via %s: %d bytes, ffprobe duration %+.1f ms, decoded %+.1f ms vs speech,"
          + " SNR %.1f dB%n", name, output.getFileName(), Files.size(output), extra * 1000,
          (decoded.durationSeconds() - expected.durationSeconds()) * 1000, snr);
      if (mp3) { // LAME's delay and padding (no LAME tag to trim them): at most three frames
        assertTrue(extra >= 0 && extra <= 3 * 1152.0 / rate, name + " padding " + extra);
      } else { // pre-skip and the last granule position trim Opus to the sample; ffprobe counts the pre-skip
        assertEquals(expected.durationSeconds(), decoded.durationSeconds(), 0.001, name);
        assertEquals(expected.durationSeconds(), probe.durationSeconds(), 0.030, name);
      }
      assertTrue(snr >= minSnrDb, name + " SNR " + snr);
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"mp3_44100_128", "opus_48000_64", "mp3_22050_32", "opus_16000_16"})
  void aStreamSavedAsItArrivesIsOneFileWhoseFirstAudioCameBeforeTheSecondChunk(String name) throws Exception {
    OutputFormat format = OutputFormat.parse(name);
    ByteArrayOutputStream saved = new ByteArrayOutputStream();
    try (SpeechStream stream = utter.stream(request(format)); InputStream in = stream.openStream()) {
      byte[] buffer = new byte[1 << 20];
      int n = in.read(buffer); // the second chunk cannot finish yet: these bytes come from the first
      saved.write(buffer, 0, n);
      assertTrue(holdsAudio(format, saved.toByteArray()), name + ": no audio in the first " + n + " bytes");
      secondChunkMayFinish.countDown();
      in.transferTo(saved);
    }
    Path file = Files.write(dir.resolve("streamed." + format.fileExtension()), saved.toByteArray());
    AudioTools.Probe probe = AudioTools.probe(file);
    assertEquals(format.encoding() == OutputFormat.Encoding.MP3 ? "mp3" : "opus", probe.codec());
    PcmAudio decoded = AudioTools.decode(file, format.sampleRate().getAsInt());
    PcmAudio expected = Resampler.resample(utter.generate(request(format)).audio(), format.sampleRate().getAsInt());
    assertTrue(decoded.durationSeconds() >= expected.durationSeconds() - 0.001, decoded + " vs " + expected);
    assertTrue(decoded.durationSeconds() <= expected.durationSeconds() + 3 * 1152.0 / expected.sampleRate());
  }

  private static GenerationRequest request(OutputFormat format) {
    return GenerationRequest.builder(TestAudio.voice(TestAudio.TRANSCRIPT), TEXT).outputFormat(format).build();
  }

  /** MP3: at least one whole frame (a sync word after the first). Opus: an audio page after the two headers. */
  private static boolean holdsAudio(OutputFormat format, byte[] bytes) {
    if (format.encoding() == OutputFormat.Encoding.MP3) {
      for (int i = 1; i + 1 < bytes.length; i++) {
        if ((bytes[i] & 0xFF) == 0xFF && (bytes[i + 1] & 0xE0) == 0xE0 && (bytes[0] & 0xFF) == 0xFF) {
          return true;
        }
      }
      return false;
    }
    String text = new String(bytes, StandardCharsets.ISO_8859_1);
    return text.split("OggS", -1).length - 1 >= 3;
  }

  /** The SNR after finding the codec's delay (up to 2400 samples) on the first quarter second. */
  private static double snrAligned(PcmAudio expected, PcmAudio decoded, int rate) {
    int window = Math.min(rate / 4, expected.length());
    int bestLag = 0;
    double best = Double.NEGATIVE_INFINITY;
    for (int lag = 0; lag <= Math.min(2400, decoded.length() - window); lag++) {
      double dot = 0;
      double energy = 0;
      for (int i = 0; i < window; i++) {
        double d = decoded.sampleAt(i + lag);
        dot += expected.sampleAt(i) * d;
        energy += d * d;
      }
      double score = dot / Math.sqrt(Math.max(energy, 1));
      if (score > best) {
        best = score;
        bestLag = lag;
      }
    }
    return AudioTools.snrDb(expected, decoded.slice(bestLag, decoded.length()), 0);
  }

  /** Delegates to a provider, holding every chunk after the first until the latch opens. */
  private static final class Gated extends ForwardingTtsProvider {
    private final CountDownLatch latch;

    Gated(TtsProvider delegate, CountDownLatch latch) {
      super(delegate);
      this.latch = latch;
    }

    @Override
    public PcmAudio synthesize(SynthesisRequest request) {
      if (request.chunkIndex() > 0) {
        try {
          assertTrue(latch.await(30, TimeUnit.SECONDS), "latch never opened");
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new java.util.concurrent.CancellationException("interrupted");
        }
      }
      return super.synthesize(request);
    }
  }
}
