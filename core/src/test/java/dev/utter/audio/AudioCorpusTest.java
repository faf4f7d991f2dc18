package dev.utter.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Durations read by {@link AudioProbe} agree with ffprobe on files made by real encoders: WAV within
 * 1 ms, MP3 and M4A within 50 ms. Each file is made from a sox-synthesized tone of an odd length.
 *
 * <p>The reference is ffprobe's format duration, except for MP3 without a Xing/Info/VBRI header: there
 * ffprobe only estimates, from the file size and the first frame's bitrate, which for VBR is off by
 * far more than 50 ms, so the reference is the number of frames ffprobe counts when it reads the whole
 * file times the samples per frame. (For MP3 with a LAME tag both ffprobe and the probe count whole
 * frames, encoder delay and padding included.)
 */
class AudioCorpusTest {
  @TempDir static Path dir;

  @BeforeAll
  static void tools() {
    Encoders.require("sox", "lame", "ffmpeg", "ffprobe");
  }

  /** name, format, tolerance in seconds, the commands that make it from source.wav, and the reference. */
  static Stream<Arguments> corpus() {
    List<Arguments> cases = new ArrayList<>();
    wav(cases, "pcm8-mono-8k", 8000, 1, "-b", "8", "-e", "unsigned-integer");
    wav(cases, "pcm16-mono-16k", 16000, 1, "-b", "16");
    wav(cases, "pcm16-stereo-44k", 44100, 2, "-b", "16");
    wav(cases, "pcm24-stereo-48k", 48000, 2, "-b", "24");
    wav(cases, "pcm32-mono-22k", 22050, 1, "-b", "32");
    wav(cases, "float32-stereo-24k", 24000, 2, "-e", "floating-point", "-b", "32");
    cases.add(Arguments.of("wav-extensible-with-list", AudioFormat.WAV, 0.001, List.of(
        List.of("ffmpeg", "-v", "error", "-y", "-i", "SRC", "-ac", "3", "-ar", "32000", "-c:a", "pcm_s24le",
            "-metadata", "title=A title makes a LIST chunk", "OUT")), Reference.FORMAT_DURATION));
    mp3(cases, "mp3-cbr-128-44k", 44100, "-b", "128");
    mp3(cases, "mp3-vbr-v2-48k", 48000, "-V", "2");
    mp3(cases, "mp3-cbr-mpeg2-22k", 22050, "-b", "64");
    mp3(cases, "mp3-vbr-mpeg2-16k-id3", 16000, "-V", "5", "--tt", "Title", "--ta", "Artist", "--add-id3v2");
    mp3(cases, "mp3-cbr-mpeg25-8k", 8000, "-b", "16");
    mp3(cases, "mp3-cbr-no-xing-32k", 32000, "-b", "96", "-t");
    cases.add(Arguments.of("mp3-vbr-no-xing-44k", AudioFormat.MP3, 0.05, List.of(List.of("lame", "--quiet", "-V", "4",
        "-t", "SRC", "OUT")), Reference.FRAME_COUNT));
    cases.add(Arguments.of("mp3-ffmpeg-libmp3lame-24k-mono", AudioFormat.MP3, 0.05, List.of(List.of("ffmpeg", "-v",
        "error", "-y", "-i", "SRC", "-ar", "24000", "-ac", "1", "-c:a", "libmp3lame", "-q:a", "5", "OUT")),
        Reference.FORMAT_DURATION));
    mp3(cases, "mp3-id3v1-and-v2", 44100, "-b", "160", "--tt", "Both tags", "--add-id3v2", "--id3v1-only");
    m4a(cases, "m4a-aac-44k-stereo", 44100, 2);
    m4a(cases, "m4a-aac-24k-mono", 24000, 1);
    cases.add(Arguments.of("mp4-brand-aac-16k", AudioFormat.M4A, 0.05, List.of(List.of(
        "ffmpeg", "-v", "error", "-y", "-i", "SRC", "-ar", "16000", "-ac", "1", "-c:a", "aac", "-f", "mp4", "OUT")),
        Reference.FORMAT_DURATION));
    cases.add(Arguments.of("m4a-faststart-48k", AudioFormat.M4A, 0.05, List.of(List.of("ffmpeg", "-v", "error", "-y",
        "-i", "SRC", "-ar", "48000", "-c:a", "aac", "-movflags", "+faststart", "OUT")), Reference.FORMAT_DURATION));
    return cases.stream();
  }

  private static void wav(List<Arguments> cases, String name, int rate, int channels, String... encoding) {
    List<String> command = new ArrayList<>(List.of("sox", "SRC", "-r", String.valueOf(rate), "-c",
        String.valueOf(channels)));
    command.addAll(List.of(encoding));
    command.add("OUT");
    cases.add(Arguments.of(name, AudioFormat.WAV, 0.001, List.of(command), Reference.FORMAT_DURATION));
  }

  private static void mp3(List<Arguments> cases, String name, int rate, String... options) {
    List<String> resample = List.of("sox", "SRC", "-r", String.valueOf(rate), "TMP.wav");
    List<String> encode = new ArrayList<>(List.of("lame", "--quiet"));
    encode.addAll(List.of(options));
    encode.addAll(List.of("TMP.wav", "OUT"));
    Reference reference = List.of(options).contains("-t") ? Reference.FRAME_COUNT : Reference.FORMAT_DURATION;
    cases.add(Arguments.of(name, AudioFormat.MP3, 0.05, List.of(resample, encode), reference));
  }

  private static void m4a(List<Arguments> cases, String name, int rate, int channels) {
    cases.add(Arguments.of(name, AudioFormat.M4A, 0.05, List.of(List.of("ffmpeg", "-v", "error", "-y", "-i", "SRC",
        "-ar", String.valueOf(rate), "-ac", String.valueOf(channels), "-c:a", "aac", "-b:a", "64k", "OUT")),
        Reference.FORMAT_DURATION));
  }

  /** What the probe's duration is compared with. */
  enum Reference {
    /** ffprobe's {@code format=duration}. */
    FORMAT_DURATION,
    /** The MP3 frames ffprobe counts reading the whole file, times the samples per frame. */
    FRAME_COUNT
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void durationAgreesWithFfprobe(String name, AudioFormat format, double tolerance, List<List<String>> commands,
      Reference reference) throws IOException {
    Path source = dir.resolve(name + "-src.wav");
    Encoders.run(List.of("sox", "-n", "-r", "44100", "-c", "2", source.toString(), "synth", "3.217",
        "sine", "220", "sine", "330"));
    Path out = dir.resolve(name + format.extension());
    Path tmp = dir.resolve(name + "-tmp");
    for (List<String> command : commands) {
      Encoders.run(command.stream().map(arg -> arg.replace("SRC", source.toString())
          .replace("TMP", tmp.toString()).replace("OUT", out.toString())).toList());
    }

    AudioInfo fromBytes = AudioProbe.probe(Files.readAllBytes(out));
    AudioInfo fromFile = AudioProbe.probe(out);
    AudioInfo fromStream;
    try (InputStream in = Files.newInputStream(out)) {
      fromStream = AudioProbe.probe(in);
    }
    double expected = reference == Reference.FORMAT_DURATION
        ? Encoders.ffprobeDuration(out) : Encoders.ffprobeFrameCountDuration(out);

    assertEquals(format, fromBytes.format());
    assertEquals(fromBytes, fromFile);
    assertEquals(fromBytes, fromStream);
    assertEquals(expected, fromBytes.durationSeconds(), tolerance, name);
  }

  /**
   * A real file cut short keeps a header that claims the whole duration (WAV's data size, a LAME
   * Xing header's frame count, an M4A's movie header): the probe reports what the bytes present hold,
   * as ffprobe counts it reading them, or refuses the file.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("truncations")
  void fileCutShortIsMeasuredByItsBytesOrRefused(String name, List<String> encode, double keep, String refusal)
      throws IOException {
    Path source = dir.resolve("cut-" + name + "-src.wav");
    Encoders.run(List.of("sox", "-n", "-r", "44100", "-c", "1", source.toString(), "synth", "12", "sine", "220"));
    Path whole = dir.resolve("cut-" + name + encode.get(encode.size() - 1));
    Encoders.run(encode.subList(0, encode.size() - 1).stream()
        .map(arg -> arg.replace("SRC", source.toString()).replace("OUT", whole.toString())).toList());
    byte[] bytes = Files.readAllBytes(whole);
    byte[] cut = java.util.Arrays.copyOf(bytes, (int) (bytes.length * keep));
    Path cutFile = dir.resolve("cut-" + name + "-part" + encode.get(encode.size() - 1));
    Files.write(cutFile, cut);

    if (refusal != null) {
      AudioFormatException e = org.junit.jupiter.api.Assertions.assertThrows(AudioFormatException.class,
          () -> AudioProbe.probe(cut));
      org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().startsWith(refusal), e.getMessage());
      org.junit.jupiter.api.Assertions.assertThrows(AudioFormatException.class, () -> AudioProbe.probe(cutFile));
      dev.utter.InvalidRequestException refused = org.junit.jupiter.api.Assertions.assertThrows(
          dev.utter.InvalidRequestException.class, () -> dev.utter.ReferenceAudio.of(cut));
      assertEquals("Reference audio the SDK cannot read: " + e.getMessage(), refused.getMessage());
      return;
    }
    AudioInfo info = AudioProbe.probe(cut);
    AudioInfo fromFile = AudioProbe.probe(cutFile);
    AudioInfo fromStream;
    try (InputStream in = Files.newInputStream(cutFile)) {
      fromStream = AudioProbe.probe(in);
    }
    assertEquals(info, fromFile);
    assertEquals(info, fromStream);
    double counted = name.startsWith("wav")
        ? (cut.length - 44) / 2 / 44100.0 : Encoders.ffprobeFrameCountDuration(cutFile);
    assertEquals(counted, info.durationSeconds(), name.startsWith("wav") ? 1e-9 : 0.05);
    org.junit.jupiter.api.Assertions.assertTrue(info.durationSeconds() < 12 * keep + 0.1, "claims " + info);
    dev.utter.InvalidRequestException tooShort = org.junit.jupiter.api.Assertions.assertThrows(
        dev.utter.InvalidRequestException.class, () -> dev.utter.ReferenceAudio.of(cut));
    assertEquals("Audio too short. Min: 10s", tooShort.getMessage());
  }

  /** name, the command making the whole 12 s file (last element: its extension), the share kept, the refusal. */
  static Stream<Arguments> truncations() {
    return Stream.of(
        Arguments.of("wav-pcm16", List.of("sox", "SRC", "-b", "16", "OUT", ".wav"), 0.4, null),
        Arguments.of("mp3-vbr-xing", List.of("lame", "--quiet", "-V", "4", "SRC", "OUT", ".mp3"), 0.4, null),
        Arguments.of("mp3-cbr-info-id3", List.of("lame", "--quiet", "-b", "128", "--add-id3v2", "--tt", "Cut",
            "SRC", "OUT", ".mp3"), 0.5, null),
        Arguments.of("m4a-faststart", List.of("ffmpeg", "-v", "error", "-y", "-i", "SRC", "-c:a", "aac",
            "-movflags", "+faststart", "OUT", ".m4a"), 0.5, "Truncated audio: the M4A media data holds"),
        Arguments.of("m4a-moov-last", List.of("ffmpeg", "-v", "error", "-y", "-i", "SRC", "-c:a", "aac", "OUT",
            ".m4a"), 0.5, "MP4 file has no movie header"));
  }
}
