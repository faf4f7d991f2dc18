package dev.utter.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random bytes, truncations and bit flips of valid files, fed to every parser: each must return a
 * result or throw {@link AudioFormatException}, quickly, whatever the input.
 */
class AudioFuzzTest {
  @TempDir static Path dir;
  private static final List<byte[]> SEEDS = new ArrayList<>();

  @BeforeAll
  static void seeds() throws IOException {
    Encoders.require("sox", "lame", "ffmpeg");
    Path wav = dir.resolve("seed.wav");
    Encoders.run(List.of("sox", "-n", "-r", "16000", "-c", "1", wav.toString(), "synth", "0.5", "sine", "300"));
    Path mp3 = dir.resolve("seed.mp3");
    Encoders.run(List.of("lame", "--quiet", "-V", "6", "--add-id3v2", "--tt", "x", wav.toString(), mp3.toString()));
    Path m4a = dir.resolve("seed.m4a");
    Encoders.run(List.of("ffmpeg", "-v", "error", "-y", "-i", wav.toString(), "-c:a", "aac", m4a.toString()));
    for (Path p : List.of(wav, mp3, m4a)) {
      SEEDS.add(Files.readAllBytes(p));
    }
    SEEDS.add(Wav.write(PcmAudio.silence(8000, 800)));
  }

  /**
   * Runs every parser on {@code bytes}, from an array, a file and a stream that trickles a few bytes at
   * a time: each must give the same result or an AudioFormatException.
   */
  private static void feed(byte[] bytes) throws IOException {
    Object fromArray = outcome(() -> AudioProbe.probe(bytes));
    if (fromArray instanceof AudioInfo info) {
      assertTrue(info.durationSeconds() >= 0 && Double.isFinite(info.durationSeconds()));
    }
    Path file = dir.resolve("fuzz.bin");
    Files.write(file, bytes);
    assertEquals(fromArray, outcome(() -> AudioProbe.probe(file)));
    assertEquals(fromArray, outcome(() -> AudioProbe.probe(new Trickle(bytes))));
    outcome(() -> Wav.read(bytes));
  }

  /** What {@code parser} returns, or the class of the AudioFormatException it throws; anything else fails. */
  private static Object outcome(Supplier<Object> parser) {
    try {
      return parser.get();
    } catch (AudioFormatException e) {
      return AudioFormatException.class;
    }
  }

  /** A stream that gives at most 7 bytes a read and skips at most 5 bytes a call. */
  private static final class Trickle extends ByteArrayInputStream {
    Trickle(byte[] bytes) {
      super(bytes);
    }

    @Override
    public synchronized int read(byte[] b, int off, int len) {
      return super.read(b, off, Math.min(len, 7));
    }

    @Override
    public synchronized long skip(long n) {
      return super.skip(Math.min(n, 5));
    }
  }

  @Test
  void randomBytesGiveAResultOrATypedError() {
    Random random = new Random(1);
    assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
      for (int i = 0; i < 2000; i++) {
        byte[] bytes = new byte[random.nextInt(600)];
        random.nextBytes(bytes);
        if (i % 4 == 0 && bytes.length >= 12) { // give the sniffer something it recognises
          byte[] magic = List.of("RIFF____WAVE", "ID3\u0003\u0000\u0000\u0000\u0000\u0000\u0000", "____ftypM4A ")
              .get(i % 3).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
          System.arraycopy(magic, 0, bytes, 0, magic.length);
        }
        feed(bytes);
      }
    });
  }

  @Test
  void truncatedFilesGiveAResultOrATypedError() {
    assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
      for (byte[] seed : SEEDS) {
        double whole = AudioProbe.probe(seed).durationSeconds();
        for (int length = 0; length < seed.length; length += Math.max(1, seed.length / 300)) {
          byte[] cut = java.util.Arrays.copyOf(seed, length);
          feed(cut);
          if (outcome(() -> AudioProbe.probe(cut)) instanceof AudioInfo info) { // never what the header claims
            boolean muchCut = length < seed.length * 0.8;
            assertTrue(muchCut ? info.durationSeconds() < whole : info.durationSeconds() <= whole,
                info + " from " + length + " of " + seed.length + " bytes of " + whole + " s");
          }
        }
      }
    });
  }

  @Test
  void bitFlippedFilesGiveAResultOrATypedError() {
    Random random = new Random(2);
    assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
      for (byte[] seed : SEEDS) {
        for (int i = 0; i < 300; i++) {
          byte[] copy = seed.clone();
          int flips = 1 + random.nextInt(8);
          for (int f = 0; f < flips; f++) {
            int at = random.nextInt(Math.min(copy.length, 2048));
            copy[at] ^= (byte) (1 << random.nextInt(8));
          }
          feed(copy);
        }
      }
    });
  }

  @Test
  void hugeDeclaredSizesDoNotAllocate() {
    byte[] box = {0, 0, 0, 1, 'f', 't', 'y', 'p', 0x7F, -1, -1, -1, -1, -1, -1, -1, 'M', '4', 'A', ' '};
    byte[] wav = Wav.write(PcmAudio.silence(8000, 10));
    wav[16] = -1; // fmt chunk size 0xFF.. : must be rejected, not allocated
    wav[17] = -1;
    wav[18] = -1;
    wav[19] = 0x7F;
    assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
      feed(box);
      feed(wav);
    });
  }
}
