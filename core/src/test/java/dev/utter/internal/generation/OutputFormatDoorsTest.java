package dev.utter.internal.generation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.utter.ConfigurationException;
import dev.utter.GenerationRequest;
import dev.utter.InvalidRequestException;
import dev.utter.OutputFormat;
import dev.utter.Speech;
import dev.utter.SpeechFile;
import dev.utter.SpeechStream;
import dev.utter.Utter;
import dev.utter.audio.G711;
import dev.utter.audio.PcmAudio;
import dev.utter.audio.Resampler;
import dev.utter.testing.AudioTools;
import dev.utter.testing.TestAudio;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The formats core encodes itself (WAV, raw PCM, G.711 raw and in WAV, at any listed rate), through every
 * door: {@code generate}, {@code generateToFile} and {@code stream}. Each output is read by ffprobe and
 * decoded by ffmpeg, then compared with the provider's speech resampled by {@link Resampler}.
 */
class OutputFormatDoorsTest {
  private static final String TEXT = String.join(" ", Collections.nCopies(6, "This sentence is forty characters long."));

  @TempDir Path dir;
  private final ScriptedProvider provider = new ScriptedProvider(40, 1, r -> {});
  private final Utter utter = Utter.builder().provider(provider).parallelism(2).build();

  @AfterEach
  void close() {
    utter.close();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "wav_16000, pcm_s16le, 16000, 95", "wav_44100, pcm_s16le, 44100, 80", "wav_8000, pcm_s16le, 8000, 200",
      "pcm_24000, pcm_s16le, 24000, 80", "ulaw_8000, pcm_mulaw, 8000, 35", "alaw_8000, pcm_alaw, 8000, 35",
      "wav_ulaw_8000, pcm_mulaw, 8000, 35", "wav_alaw_8000, pcm_alaw, 8000, 35"})
  void everyDoorDeliversTheFormatFfmpegReads(String name, String codec, int rate, double minSnrDb) throws Exception {
    OutputFormat format = OutputFormat.parse(name);
    GenerationRequest request = GenerationRequest.builder(TestAudio.voice(TestAudio.TRANSCRIPT), TEXT)
        .outputFormat(format).build();
    Speech speech = utter.generate(request);
    PcmAudio expected = Resampler.resample(speech.audio(), rate);
    String extension = name.startsWith("wav") ? "wav" : name.substring(0, name.indexOf('_'));

    Path fromSpeech = Files.write(dir.resolve("speech." + extension), speech.toBytes());
    SpeechFile file = utter.generateToFile(request, dir.resolve("file." + extension));
    Path fromStream = dir.resolve("stream." + extension);
    try (SpeechStream stream = utter.stream(request); var out = Files.newOutputStream(fromStream)) {
      stream.writeTo(out);
    }

    assertEquals(format, speech.format());
    assertEquals(format, file.format());
    assertEquals(rate, file.sampleRate());
    assertEquals(expected.duration(), file.duration());
    assertArrayEquals(speech.toBytes(), Files.readAllBytes(file.path()), "generate and generateToFile agree");
    for (Path output : new Path[] {fromSpeech, file.path(), fromStream}) {
      PcmAudio decoded = output == fromStream && name.startsWith("wav")
          ? AudioTools.decodeStreamedWav(output, rate) : decode(output, name, rate);
      assertEquals(expected.length(), decoded.length(), output.toString());
      double snr = AudioTools.snrDb(expected, decoded, 0);
      System.out.printf(java.util.Locale.ROOT, "%s via %s: SNR %.1f dB%n", name, output.getFileName(), snr);
      assertTrue(snr >= minSnrDb, name + " SNR " + snr + " dB");
      if (name.startsWith("wav")) {
        AudioTools.Probe probe = AudioTools.probe(output);
        assertEquals(new AudioTools.Probe(codec, rate, 1, probe.durationSeconds()), probe);
        if (output != fromStream) { // a streamed header cannot know the length; ffprobe then estimates
          assertEquals(expected.durationSeconds(), probe.durationSeconds(), 0.001);
        }
      }
    }
  }

  @Test
  void g711BytesAreTheCompandedSamples() {
    GenerationRequest request = GenerationRequest.builder(TestAudio.voice(TestAudio.TRANSCRIPT), TEXT)
        .outputFormat(OutputFormat.ULAW_8000).build();
    Speech speech = utter.generate(request);
    byte[] ulaw = speech.toBytes();
    assertEquals(speech.audio().length(), ulaw.length); // the provider speaks at 8 kHz: no resampling
    for (int i = 0; i < ulaw.length; i++) {
      assertEquals(G711.toUlaw(speech.audio().sampleAt(i)), ulaw[i]);
    }
  }

  @Test
  void theEncodedStreamDeliversEachChunkAsItComes() throws Exception {
    GenerationRequest request = GenerationRequest.builder(TestAudio.voice(TestAudio.TRANSCRIPT), TEXT)
        .outputFormat(OutputFormat.wav(16000)).build();
    ByteArrayOutputStream whole = new ByteArrayOutputStream();
    try (SpeechStream stream = utter.stream(request); InputStream in = stream.openStream()) {
      in.transferTo(whole);
    }
    Path streamed = Files.write(dir.resolve("streamed.wav"), whole.toByteArray());
    PcmAudio expected = Resampler.resample(utter.generate(request).audio(), 16000);
    assertEquals(expected, AudioTools.decodeStreamedWav(streamed, 16000));
  }

  @Test
  void mp3WithoutTheCodecsModuleFailsBeforeAnyProviderCallNamingTheModule() {
    for (String name : new String[] {"mp3_44100_128", "opus_48000_64"}) {
      GenerationRequest request = GenerationRequest.builder(TestAudio.voice(TestAudio.TRANSCRIPT), TEXT)
          .outputFormat(name).build();
      for (Runnable door : new Runnable[] {() -> utter.generate(request), () -> utter.generateAsync(request),
          () -> utter.generateToFile(request, dir.resolve("x")), () -> utter.stream(request)}) {
        ConfigurationException e = assertThrows(ConfigurationException.class, door::run);
        assertTrue(e.getMessage().contains("dev.utter:utter-codecs"), e.getMessage());
      }
    }
    assertEquals(0, provider.calls.size());
    assertTrue(Files.notExists(dir.resolve("x")));
  }

  @Test
  void anUnknownFormatNameIsAnInvalidRequestBeforeAnything() {
    GenerationRequest.Builder builder = GenerationRequest.builder(TestAudio.voice(TestAudio.TRANSCRIPT), TEXT);
    InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> builder.outputFormat("mp3_44100_999"));
    assertTrue(e.getMessage().contains("mp3_44100_128"), e.getMessage());
    assertEquals(0, provider.calls.size());
  }

  /** Raw formats are told to ffmpeg; WAV files speak for themselves. */
  private static PcmAudio decode(Path file, String name, int rate) throws Exception {
    if (name.startsWith("wav")) {
      return AudioTools.decode(file, rate);
    }
    String demuxer = name.startsWith("ulaw") ? "mulaw" : name.startsWith("alaw") ? "alaw" : "s16le";
    return AudioTools.pcm(rate, AudioTools.run("ffmpeg", "-v", "error", "-xerror", "-f", demuxer, "-ar",
        Integer.toString(rate), "-ac", "1", "-i", file.toString(), "-f", "s16le", "-"));
  }
}
