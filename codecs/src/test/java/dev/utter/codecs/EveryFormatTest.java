package dev.utter.codecs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.utter.OutputFormat;
import dev.utter.audio.EncodingWriter;
import dev.utter.audio.PcmAudio;
import dev.utter.audio.Wav;
import dev.utter.testing.AudioTools;
import dev.utter.testing.TestAudio;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every format name: 1.5 s of speech-like sound at 24 kHz (Qwen's rate), encoded as the name says, is a
 * file ffmpeg reads with the codec, rate and channel count asked for, and the right duration (MP3: plus
 * LAME's delay and padding, at most three frames).
 */
class EveryFormatTest {
  private static final PcmAudio SPEECH = Wav.read(TestAudio.speechLikeWav(1.5, 24_000));
  private static final Map<OutputFormat.Encoding, String> CODECS = Map.of(
      OutputFormat.Encoding.WAV, "pcm_s16le", OutputFormat.Encoding.WAV_ULAW, "pcm_mulaw",
      OutputFormat.Encoding.WAV_ALAW, "pcm_alaw", OutputFormat.Encoding.MP3, "mp3",
      OutputFormat.Encoding.OPUS, "opus");
  /** The raw formats, told to ffmpeg by demuxer name. */
  private static final Map<OutputFormat.Encoding, String> DEMUXERS = Map.of(
      OutputFormat.Encoding.PCM, "s16le", OutputFormat.Encoding.ULAW, "mulaw", OutputFormat.Encoding.ALAW, "alaw");

  @TempDir Path dir;

  @Test
  void everyNamedFormatIsWhatFfmpegReads() throws Exception {
    for (String name : OutputFormat.names()) {
      OutputFormat format = OutputFormat.parse(name).resolve(SPEECH.sampleRate());
      int rate = format.sampleRate().getAsInt();
      Path file = Files.write(dir.resolve(name + "." + format.fileExtension()), EncodingWriter.encode(SPEECH, format));
      double expected = Math.ceil(SPEECH.length() * (double) rate / SPEECH.sampleRate()) / rate;
      String demuxer = DEMUXERS.get(format.encoding());
      PcmAudio decoded;
      if (demuxer != null) {
        decoded = AudioTools.pcm(rate, AudioTools.run("ffmpeg", "-v", "error", "-xerror", "-f", demuxer, "-ar",
            Integer.toString(rate), "-ac", "1", "-i", file.toString(), "-f", "s16le", "-"));
      } else {
        AudioTools.Probe probe = AudioTools.probe(file);
        int probedRate = format.encoding() == OutputFormat.Encoding.OPUS ? 48_000 : rate; // Opus decodes at 48 kHz
        assertEquals(new AudioTools.Probe(CODECS.get(format.encoding()), probedRate, 1, probe.durationSeconds()), probe,
            name);
        decoded = AudioTools.decode(file, rate);
      }
      double extra = decoded.durationSeconds() - expected;
      if (format.encoding() == OutputFormat.Encoding.MP3) {
        assertTrue(extra >= 0 && extra <= 3 * 1152.0 / rate, name + ": " + extra * 1000 + " ms of padding");
      } else {
        assertEquals(0, extra, 0.001, name);
      }
    }
  }
}
