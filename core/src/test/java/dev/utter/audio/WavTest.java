package dev.utter.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WavTest {
  private static PcmAudio ramp(int rate, int n) {
    short[] s = new short[n];
    for (int i = 0; i < n; i++) {
      s[i] = (short) (i * 37 - 8000);
    }
    return PcmAudio.of(rate, s);
  }

  /** A WAV file with the given format fields, extra chunks before the data, and raw data bytes. */
  private static byte[] wav(int tag, int channels, int rate, int bits, byte[] data, boolean extraChunks) {
    ByteBuffer b = ByteBuffer.allocate(200 + data.length).order(ByteOrder.LITTLE_ENDIAN);
    b.put("RIFF".getBytes()).putInt(0).put("WAVE".getBytes());
    if (extraChunks) {
      b.put("LIST".getBytes()).putInt(5).put(new byte[] {1, 2, 3, 4, 5, 0}); // odd size, padded
    }
    boolean ext = tag == 0xFFFE;
    b.put("fmt ".getBytes()).putInt(ext ? 40 : 16);
    b.putShort((short) tag).putShort((short) channels).putInt(rate).putInt(rate * channels * bits / 8)
        .putShort((short) (channels * bits / 8)).putShort((short) bits);
    if (ext) {
      b.putShort((short) 22).putShort((short) bits).putInt(0).putShort((short) 1).put(new byte[14]); // PCM sub-format
    }
    if (extraChunks) {
      b.put("fact".getBytes()).putInt(4).putInt(data.length);
    }
    b.put("data".getBytes()).putInt(data.length).put(data);
    byte[] out = new byte[b.position()];
    b.flip().get(out);
    ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN).putInt(4, out.length - 8);
    return out;
  }

  @Test
  void writesAndReadsBackPcm16() {
    PcmAudio audio = ramp(24000, 1000);
    assertEquals(audio, Wav.read(Wav.write(audio)));
  }

  @Test
  void readsEveryBitDepthAndMixesChannelsDown() {
    ByteBuffer pcm24 = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
    for (int v : new int[] {0x123456, -0x100000, 0x7FFFFF, -0x800000}) {
      pcm24.put((byte) v).put((byte) (v >> 8)).put((byte) (v >> 16));
    }
    assertArrayEquals(new short[] {(short) 0x1234, (short) -0x1000, 32767, -32768},
        Wav.read(wav(1, 1, 8000, 24, pcm24.array(), false)).samples());

    assertArrayEquals(new short[] {0, -32768 + 256, 32512},
        Wav.read(wav(1, 1, 8000, 8, new byte[] {(byte) 128, 1, (byte) 255}, false)).samples());

    ByteBuffer floats = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putFloat(0.5f).putFloat(-0.5f)
        .putFloat(1f).putFloat(1f);
    assertArrayEquals(new short[] {0, 32767}, Wav.read(wav(3, 2, 8000, 32, floats.array(), true)).samples());

    ByteBuffer ints = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(0x40000000).putInt(-0x40000000);
    assertArrayEquals(new short[] {16384, -16384}, Wav.read(wav(0xFFFE, 1, 8000, 32, ints.array(), true)).samples());
  }

  @Test
  void probeReadsDurationOfExtensibleFileWithExtraChunks() {
    byte[] data = new byte[48000 * 2 * 2]; // one second, stereo 16-bit at 48 kHz
    AudioInfo info = AudioProbe.probe(wav(0xFFFE, 2, 48000, 16, data, true));
    assertEquals(new AudioInfo(AudioFormat.WAV, 1.0, 48000, 2), info);
  }

  @Test
  void streamedWavWithOversizedDataChunkIsReadToTheEnd() {
    byte[] file = Wav.write(ramp(8000, 100));
    ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).putInt(40, -1);
    assertEquals(100, Wav.read(file).length());
  }

  @Test
  void rejectsWhatItCannotRead() {
    assertThrows(AudioFormatException.class, () -> Wav.read("not a wav file at all".getBytes()));
    assertThrows(AudioFormatException.class, () -> Wav.read(wav(2, 1, 8000, 4, new byte[8], false)));
    assertThrows(AudioFormatException.class, () -> Wav.read(wav(1, 0, 8000, 16, new byte[8], false)));
    byte[] noData = java.util.Arrays.copyOf(Wav.write(ramp(8000, 4)), 36);
    assertThrows(AudioFormatException.class, () -> Wav.read(noData));
  }

  @Test
  void readsAStreamAsItArrivesExactlyAsTheWholeFile() throws IOException {
    PcmAudio long1 = ramp(24000, 200_000); // several 64 KiB chunks
    assertEquals(long1, Wav.read(trickle(Wav.write(long1))));
    ByteBuffer stereo24 = ByteBuffer.allocate(6 * 30_000).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < 60_000; i++) {
      int v = i * 97 - 0x300000;
      stereo24.put((byte) v).put((byte) (v >> 8)).put((byte) (v >> 16));
    }
    byte[] file = wav(0xFFFE, 2, 48000, 24, stereo24.array(), true);
    assertEquals(Wav.read(file), Wav.read(trickle(file)));
  }

  @Test
  void aStreamStopsAtTheEndOfItsDataChunk() throws IOException {
    byte[] file = Wav.write(ramp(8000, 100));
    byte[] withTrailer = Arrays.copyOf(file, file.length + 10); // e.g. a LIST chunk after the data
    ByteArrayInputStream in = new ByteArrayInputStream(withTrailer);
    assertEquals(100, Wav.read(in).length());
  }

  @Test
  void aStreamWhoseHeaderLeavesTheSizeOpenIsReadToItsEnd() throws IOException {
    byte[] file = Wav.write(ramp(8000, 3000));
    ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).putInt(40, -1);
    assertEquals(ramp(8000, 3000), Wav.read(trickle(file)));
  }

  @Test
  void aStreamEndingBeforeItsDeclaredDataIsRefused() {
    byte[] file = Wav.write(ramp(8000, 1000));
    byte[] cut = Arrays.copyOf(file, file.length - 501);
    AudioFormatException e = assertThrows(AudioFormatException.class, () -> Wav.read(trickle(cut)));
    assertEquals("WAV data is truncated: the stream ended after 1498 of 2000 bytes", e.getMessage());
  }

  @Test
  void aStreamWhoseHeaderClaimsGigabytesAllocatesOnlyForWhatArrives() {
    byte[] file = Wav.write(ramp(8000, 10));
    ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).putInt(40, 0x7FFFFFF0); // 2 GB of data, 20 bytes sent
    AudioFormatException e = assertThrows(AudioFormatException.class, () -> Wav.read(trickle(file)));
    assertTrue(e.getMessage().startsWith("WAV data is truncated: the stream ended after 20 of"), e.getMessage());
  }

  @Test
  void aStreamsReadFailureIsItsOwn() {
    InputStream broken = new SequenceInputStream(new ByteArrayInputStream(Arrays.copyOf(Wav.write(ramp(8000, 9000)), 5000)),
        new InputStream() {
          @Override
          public int read() throws IOException {
            throw new IOException("connection reset");
          }
        });
    IOException e = assertThrows(IOException.class, () -> Wav.read(broken));
    assertEquals("connection reset", e.getMessage());
    assertThrows(AudioFormatException.class, () -> Wav.read(new ByteArrayInputStream("not a wav file at all".getBytes())));
  }

  /** A stream that hands out its bytes a few at a time, as a network does. */
  private static InputStream trickle(byte[] bytes) {
    return new FilterInputStream(new ByteArrayInputStream(bytes)) {
      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        return super.read(b, off, Math.min(len, 1 + (len % 4093)));
      }
    };
  }

  @Test
  void sniffsByContentNotName() {
    assertEquals(Optional.of(AudioFormat.WAV), AudioProbe.sniff(Wav.write(ramp(8000, 4))));
    assertEquals(Optional.empty(), AudioProbe.sniff("RIFF....AVI LIST".getBytes()));
    assertEquals(Optional.of(AudioFormat.MP3), AudioProbe.sniff(new byte[] {'I', 'D', '3', 4, 0, 0, 0, 0, 0, 0}));
    assertEquals(Optional.of(AudioFormat.M4A), AudioProbe.sniff("\0\0\0\u0020ftypM4A ".getBytes()));
    assertEquals(Optional.empty(), AudioProbe.sniff(new byte[0]));
  }
}
