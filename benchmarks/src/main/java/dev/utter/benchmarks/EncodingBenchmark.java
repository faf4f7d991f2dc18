package dev.utter.benchmarks;

import dev.utter.OutputFormat;
import dev.utter.audio.EncodingWriter;
import dev.utter.audio.PcmAudio;
import dev.utter.audio.Resampler;
import dev.utter.audio.Wav;
import dev.utter.testing.AudioTools;
import dev.utter.testing.ResamplerQuality;
import dev.utter.testing.TestAudio;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Benchmark 7: output formats. MP3 and Opus encoding speed in × real time on one thread, beside an
 * {@code ffmpeg} process (libmp3lame / libopus, one thread, process start included) encoding the same PCM,
 * one run each; and the resampler's quality figures and speed beside {@code sox rate -v}.
 */
final class EncodingBenchmark {
  private static final double SECONDS = 60;

  private EncodingBenchmark() {}

  static List<Result> run(Path workDir) throws IOException, InterruptedException {
    List<Result> rows = new ArrayList<>();
    rows.add(encoding("7a. MP3 encoding, 60 s mono 44.1 kHz, 128 kb/s CBR", OutputFormat.mp3(44100, 128),
        "libmp3lame", workDir));
    rows.add(encoding("7b. Opus encoding, 60 s mono 48 kHz, 64 kb/s, Ogg", OutputFormat.opus(48000, 64),
        "libopus", workDir));
    int[][] pairs = {{24000, 8000}, {24000, 16000}, {44100, 48000}, {24000, 44100}};
    for (int[] pair : pairs) {
      rows.add(resampling(pair[0], pair[1], workDir));
    }
    return rows;
  }

  private static Result encoding(String name, OutputFormat format, String ffmpegCodec, Path workDir)
      throws IOException, InterruptedException {
    int rate = format.sampleRate().getAsInt();
    PcmAudio audio = speech(rate);
    EncodingWriter.encode(audio.slice(0, rate * 10), format); // warm up
    long start = System.nanoTime();
    byte[] encoded = EncodingWriter.encode(audio, format);
    double ours = SECONDS / ((System.nanoTime() - start) / 1e9);

    Path raw = Files.write(workDir.resolve("encode.raw"), audio.toPcmBytes());
    Path out = workDir.resolve("encode." + format.fileExtension());
    start = System.nanoTime();
    AudioTools.run("ffmpeg", "-v", "error", "-threads", "1", "-f", "s16le", "-ar", Integer.toString(rate), "-ac", "1",
        "-i", raw.toString(), "-c:a", ffmpegCodec, "-b:a", format.kbps().getAsInt() + "k", "-threads", "1",
        "-f", format.encoding() == OutputFormat.Encoding.MP3 ? "mp3" : "ogg", "-y", out.toString());
    double ffmpeg = SECONDS / ((System.nanoTime() - start) / 1e9);
    Files.delete(raw);
    Files.delete(out);
    return Result.figureOnly(name, "`ffmpeg` " + ffmpegCodec + " process, 1 thread: " + realTime(ffmpeg),
        realTime(ours) + " (" + encoded.length / 1024 + " KiB)", Spread.of(ours / ffmpeg));
  }

  private static Result resampling(int inRate, int outRate, Path workDir) throws IOException, InterruptedException {
    ResamplerQuality.Figures ours = ResamplerQuality.measure(inRate, outRate,
        in -> Resampler.resample(PcmAudio.of(inRate, in), outRate).samples());
    ResamplerQuality.Figures sox = ResamplerQuality.measureSox(inRate, outRate, workDir);
    PcmAudio audio = speech(inRate);
    Resampler.resample(audio.slice(0, inRate * 10), outRate); // warm up
    long start = System.nanoTime();
    Resampler.resample(audio, outRate);
    double oursSpeed = SECONDS / ((System.nanoTime() - start) / 1e9);
    start = System.nanoTime();
    ResamplerQuality.sox(audio.samples(), inRate, outRate, workDir);
    double soxSpeed = SECONDS / ((System.nanoTime() - start) / 1e9);
    return Result.figureOnly(String.format(Locale.ROOT, "7c. Resampling %d → %d Hz, 60 s", inRate, outRate),
        "`sox rate -v` process: " + sox + ", " + realTime(soxSpeed), ours + ", " + realTime(oursSpeed),
        Spread.of(oursSpeed / soxSpeed));
  }

  private static PcmAudio speech(int rate) {
    return Wav.read(TestAudio.speechLikeWav(SECONDS, rate));
  }

  private static String realTime(double factor) {
    return String.format(Locale.ROOT, "%.0f× real time", factor);
  }
}
