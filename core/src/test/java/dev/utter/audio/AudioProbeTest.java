package dev.utter.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Edge cases of the MP3 and MP4 probes on hand-built files, and probing streams without buffering them. */
class AudioProbeTest {
  /** An MPEG 1 layer III frame header: 128 kbit/s, 44.1 kHz, stereo, no padding: 417 bytes a frame. */
  private static final byte[] MPEG1_128K = {(byte) 0xFF, (byte) 0xFB, (byte) 0x90, 0x00};
  private static final int MPEG1_128K_LENGTH = 417;
  /** An MPEG 2.5 layer III frame header: 8 kbit/s, 8 kHz, mono: 72 bytes a frame of 576 samples. */
  private static final byte[] MPEG25_8K = {(byte) 0xFF, (byte) 0xE3, 0x18, (byte) 0xC0};

  private static byte[] frames(byte[] header, int length, int count) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < count; i++) {
      byte[] frame = new byte[length];
      System.arraycopy(header, 0, frame, 0, 4);
      out.writeBytes(frame);
    }
    return out.toByteArray();
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  /** An MP4 box: 32-bit size, type, body. */
  private static byte[] box(String type, byte[]... body) {
    byte[] content = concat(body);
    return ByteBuffer.allocate(8 + content.length).putInt(8 + content.length)
        .put(type.getBytes(StandardCharsets.ISO_8859_1)).put(content).array();
  }

  /** An mvhd or mdhd body: version 0 (32-bit duration) or 1 (64-bit times and duration). */
  private static byte[] header(int version, long timescale, long duration) {
    ByteBuffer b = ByteBuffer.allocate(version == 1 ? 32 : 20).putInt(version << 24);
    if (version == 1) {
      b.putLong(0).putLong(0).putInt((int) timescale).putLong(duration);
    } else {
      b.putInt(0).putInt(0).putInt((int) timescale).putInt((int) duration);
    }
    return b.array();
  }

  private static byte[] track(String handler, long timescale, long duration, int channels, int rate) {
    byte[] hdlr = ByteBuffer.allocate(24).putInt(0).putInt(0).put(handler.getBytes(StandardCharsets.ISO_8859_1))
        .array();
    byte[] entry = ByteBuffer.allocate(36).putInt(36).put("mp4a".getBytes(StandardCharsets.ISO_8859_1))
        .put(new byte[6]).putShort((short) 1).put(new byte[8]).putShort((short) channels).putShort((short) 16)
        .putInt(0).putInt(rate << 16).array();
    byte[] stsd = concat(new byte[] {0, 0, 0, 0, 0, 0, 0, 1}, entry);
    return box("trak", box("mdia", box("mdhd", header(0, timescale, duration)), box("hdlr", hdlr),
        box("minf", box("stbl", box("stsd", stsd)))));
  }

  private static final byte[] FTYP = box("ftyp", "M4A \0\0\0\0".getBytes(StandardCharsets.ISO_8859_1));

  /** Probes {@code bytes} from an array and from a stream, checks they agree, and returns the answer. */
  private static AudioInfo probe(byte[] bytes) {
    AudioInfo info = AudioProbe.probe(bytes);
    assertEquals(info, AudioProbe.probe(new ByteArrayInputStream(bytes)));
    return info;
  }

  @Test
  void m4aDurationComesFromTheMovieHeaderOfEitherVersion() {
    byte[] sound = track("soun", 48000, 48000 * 9L, 2, 48000);
    assertEquals(new AudioInfo(AudioFormat.M4A, 2.5, 48000, 2),
        probe(concat(FTYP, box("moov", box("mvhd", header(0, 1000, 2500)), sound))));
    assertEquals(new AudioInfo(AudioFormat.M4A, 7.25, 48000, 2),
        probe(concat(FTYP, box("moov", box("mvhd", header(1, 600, 4350)), sound))));
  }

  @Test
  void m4aWithoutAMovieHeaderFallsBackToTheSoundTrackNotTheVideoTrack() {
    byte[] video = track("vide", 90000, 90000 * 100L, 0, 0);
    byte[] sound = track("soun", 22050, 22050 * 3L, 1, 22050);
    assertEquals(new AudioInfo(AudioFormat.M4A, 3.0, 22050, 1), probe(concat(FTYP, box("moov", video, sound))));
  }

  @Test
  void m4aWithTheMovieBoxAfterALargeMediaBoxAndA64BitSize() {
    byte[] mdat = ByteBuffer.allocate(16 + 1000).putInt(1).put("mdat".getBytes(StandardCharsets.ISO_8859_1))
        .putLong(16 + 1000).array();
    byte[] moov = box("moov", box("mvhd", header(0, 1000, 1234)), track("soun", 16000, 16000, 1, 16000));
    assertEquals(1.234, probe(concat(FTYP, mdat, moov)).durationSeconds(), 1e-9);
  }

  @Test
  void hugeBoxSizesAreRejectedOrSkippedNeverAllocated() {
    byte[] huge = ByteBuffer.allocate(24).putInt(1).put("moov".getBytes(StandardCharsets.ISO_8859_1))
        .putLong(Long.MAX_VALUE).putInt(8).put("free".getBytes(StandardCharsets.ISO_8859_1)).array();
    // At the top a box may run past the end (a cut-off mdat); this one hides the movie header.
    assertThrows(AudioFormatException.class, () -> AudioProbe.probe(concat(FTYP, huge)));
    assertThrows(AudioFormatException.class,
        () -> AudioProbe.probe(new ByteArrayInputStream(concat(FTYP, huge))));
    // Inside a box, a child larger than its parent is an error.
    byte[] nested = box("moov", huge);
    assertThrows(AudioFormatException.class, () -> AudioProbe.probe(concat(FTYP, nested)));
    byte[] unsigned = ByteBuffer.allocate(16).putInt(1).put("mdat".getBytes(StandardCharsets.ISO_8859_1))
        .putLong(-1L).array();
    assertThrows(AudioFormatException.class, () -> AudioProbe.probe(concat(FTYP, unsigned)));
  }

  @Test
  void mp3WithoutXingHeaderIsMeasuredFrameByFrameUpToTrailingTags() {
    byte[] id3v1 = concat("TAG".getBytes(StandardCharsets.ISO_8859_1), new byte[125]);
    byte[] mp3 = concat(frames(MPEG1_128K, MPEG1_128K_LENGTH, 100), id3v1);
    assertEquals(new AudioInfo(AudioFormat.MP3, 100 * 1152 / 44100.0, 44100, 2), probe(mp3));
  }

  @Test
  void mp3JunkBetweenFramesIsSkipped() {
    byte[] junk = "not a frame, just some bytes".getBytes(StandardCharsets.ISO_8859_1);
    byte[] mp3 = concat(frames(MPEG25_8K, 72, 10), junk, frames(MPEG25_8K, 72, 20));
    assertEquals(new AudioInfo(AudioFormat.MP3, 30 * 576 / 8000.0, 8000, 1), probe(mp3));
  }

  @Test
  void mp3Id3v2TagWithFooterIsSkipped() {
    byte[] tag = concat(new byte[] {'I', 'D', '3', 4, 0, 0x10, 0, 0, 1, 0}, new byte[128 + 10]); // 128 + footer
    tag[20] = (byte) 0xFF; // a false sync inside the tag must not be taken for a frame
    tag[21] = (byte) 0xFB;
    byte[] mp3 = concat(tag, frames(MPEG1_128K, MPEG1_128K_LENGTH, 5));
    assertEquals(5 * 1152 / 44100.0, probe(mp3).durationSeconds(), 1e-9);
  }

  @Test
  void mp3VbriHeaderGivesTheFrameCountWhenTheFramesArePresent() {
    byte[] first = frames(MPEG1_128K, MPEG1_128K_LENGTH, 1);
    ByteBuffer.wrap(first, 36, 18).put("VBRI".getBytes(StandardCharsets.ISO_8859_1)).putShort((short) 1)
        .putShort((short) 0).putShort((short) 0).putInt(0).putInt(50);
    byte[] mp3 = concat(first, frames(MPEG1_128K, MPEG1_128K_LENGTH, 50));
    assertEquals(50 * 1152 / 44100.0, probe(mp3).durationSeconds(), 1e-9);
  }

  @Test
  void mp3XingHeaderGivesTheFrameCountWhenTheFramesArePresent() {
    byte[] first = frames(MPEG1_128K, MPEG1_128K_LENGTH, 1);
    ByteBuffer.wrap(first, 36, 12).put("Xing".getBytes(StandardCharsets.ISO_8859_1)).putInt(1).putInt(77);
    byte[] mp3 = concat(first, frames(MPEG1_128K, MPEG1_128K_LENGTH, 77));
    assertEquals(77 * 1152 / 44100.0, probe(mp3).durationSeconds(), 1e-9);
  }

  @Test
  void mp3HeaderClaimingMoreFramesThanTheFileHoldsIsNotBelieved() {
    byte[] xing = frames(MPEG1_128K, MPEG1_128K_LENGTH, 1);
    ByteBuffer.wrap(xing, 36, 12).put("Xing".getBytes(StandardCharsets.ISO_8859_1)).putInt(1).putInt(777);
    byte[] vbri = frames(MPEG1_128K, MPEG1_128K_LENGTH, 1);
    ByteBuffer.wrap(vbri, 36, 18).put("VBRI".getBytes(StandardCharsets.ISO_8859_1)).putShort((short) 1)
        .putShort((short) 0).putShort((short) 0).putInt(0).putInt(5000);

    // Three frames of audio after the header's own frame, and the start of a fourth cut short.
    byte[] cut = java.util.Arrays.copyOf(frames(MPEG1_128K, MPEG1_128K_LENGTH, 4), 3 * MPEG1_128K_LENGTH + 100);
    assertEquals(3 * 1152 / 44100.0, probe(concat(xing, cut)).durationSeconds(), 1e-9);
    assertEquals(3 * 1152 / 44100.0, probe(concat(vbri, cut)).durationSeconds(), 1e-9);
  }

  @Test
  void wavDataChunkDeclaredPastTheEndIsMeasuredByTheWholeFramesPresent() {
    byte[] wav = Wav.write(PcmAudio.silence(16000, 16000));
    byte[] cut = java.util.Arrays.copyOf(wav, 44 + 8001 * 2 + 1); // half a frame past 8001 frames
    assertEquals(new AudioInfo(AudioFormat.WAV, 8001 / 16000.0, 16000, 1), probe(cut));
  }

  @Test
  void wavHeaderWithAnAbsurdRateChannelCountOrSampleSizeIsRefused() {
    assertRefused("Invalid WAV fmt chunk: 1 channels, 1 Hz, block 2 (expected 1-64 channels at 1000-768000 Hz)",
        wavWith(1, 1, 16));
    assertRefused("Invalid WAV fmt chunk: 1 channels, 4000000 Hz, block 2 (expected 1-64 channels at "
        + "1000-768000 Hz)", wavWith(1, 4_000_000, 16));
    assertRefused("Invalid WAV fmt chunk: 1000 channels, 16000 Hz, block 2000 (expected 1-64 channels at "
        + "1000-768000 Hz)", wavWith(1000, 16000, 16));
    assertRefused("Unsupported WAV sample size: 12 bits", wavWith(1, 16000, 12));
  }

  /** A 16 kHz mono 16-bit WAV of 0.1 s whose fmt chunk then claims {@code channels}, {@code rate} and {@code bits}. */
  private static byte[] wavWith(int channels, int rate, int bits) {
    byte[] wav = Wav.write(PcmAudio.silence(16000, 1600));
    ByteBuffer fmt = ByteBuffer.wrap(wav, 22, 14).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    fmt.putShort((short) channels).putInt(rate).putInt(rate * channels * bits / 8)
        .putShort((short) (channels * bits / 8)).putShort((short) bits);
    return wav;
  }

  private static void assertRefused(String message, byte[] bytes) {
    AudioFormatException e = assertThrows(AudioFormatException.class, () -> probe(bytes));
    assertEquals(message, e.getMessage());
  }

  @Test
  void bytesThatAreNoKnownAudioAreRejected() {
    assertThrows(AudioFormatException.class, () -> AudioProbe.probe(new byte[0]));
    assertThrows(AudioFormatException.class, () -> AudioProbe.probe(new ByteArrayInputStream(new byte[3])));
    assertThrows(AudioFormatException.class, () -> AudioProbe.probe("OggS and more bytes".getBytes()));
  }

  /** A stream of {@code size} bytes made on the fly from {@code head}, a repeated {@code pattern}, and {@code tail}. */
  private static InputStream generated(byte[] head, byte[] pattern, long size, byte[] tail) {
    return new InputStream() {
      private long position;

      @Override
      public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
      }

      @Override
      public int read(byte[] b, int off, int len) {
        long total = size + tail.length;
        if (position >= total) {
          return -1;
        }
        int n = (int) Math.min(len, total - position);
        for (int i = 0; i < n; i++, position++) {
          b[off + i] = position < head.length ? head[(int) position]
              : position < size ? pattern[(int) ((position - head.length) % pattern.length)]
              : tail[(int) (position - size)];
        }
        return n;
      }
    };
  }

  /**
   * Probes what {@code stream} gives, and checks the probe allocated less than a tenth of the stream's
   * size to do it: a probe that buffered the stream would allocate at least all of it. (The MP3 walk
   * makes a small record per frame, a few MiB of garbage for 50 MiB of frames.)
   */
  private static AudioInfo probeWithoutBuffering(Supplier<InputStream> stream) {
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    InputStream in = stream.get();
    long before = threads.getCurrentThreadAllocatedBytes();
    AudioInfo info = AudioProbe.probe(in);
    long allocated = threads.getCurrentThreadAllocatedBytes() - before;
    assertTrue(allocated < UPLOAD / 10, "probe allocated " + allocated + " bytes");
    return info;
  }

  private static final long UPLOAD = 50L * 1024 * 1024;

  @Test
  void fiftyMegabyteWavStreamIsProbedWithoutBufferingIt() {
    byte[] header = Wav.header(48000, UPLOAD - 44);
    AudioInfo info = probeWithoutBuffering(() -> generated(header, new byte[] {1, 2}, UPLOAD, new byte[0]));
    assertEquals((UPLOAD - 44) / 2 / 48000.0, info.durationSeconds(), 1e-9);
  }

  @Test
  void fiftyMegabyteMp3StreamWithoutXingHeaderIsProbedWithoutBufferingIt() {
    byte[] frame = frames(MPEG1_128K, MPEG1_128K_LENGTH, 1);
    long count = UPLOAD / MPEG1_128K_LENGTH;
    AudioInfo info = probeWithoutBuffering(
        () -> generated(new byte[0], frame, count * MPEG1_128K_LENGTH, new byte[128]));
    assertEquals(count * 1152 / 44100.0, info.durationSeconds(), 1e-9);
  }

  @Test
  void fiftyMegabyteM4aStreamWithTheMovieBoxLastIsProbedWithoutBufferingIt() {
    byte[] mdat = ByteBuffer.allocate(8).putInt((int) UPLOAD).put("mdat".getBytes(StandardCharsets.ISO_8859_1))
        .array();
    byte[] head = concat(FTYP, mdat);
    byte[] moov = box("moov", box("mvhd", header(1, 44100, 44100L * 600)), track("soun", 44100, 1, 2, 44100));
    AudioInfo info = probeWithoutBuffering(() -> generated(head, new byte[] {0}, head.length + UPLOAD - 8, moov));
    assertEquals(new AudioInfo(AudioFormat.M4A, 600, 44100, 2), info);
  }
}
