package dev.utter.audio;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Reads and writes WAV files as {@link PcmAudio}. */
public final class Wav {
  private Wav() {}

  /** A complete WAV file (RIFF header, fmt and data chunks) holding {@code audio} as PCM16 mono. */
  public static byte[] write(PcmAudio audio) {
    byte[] pcm = audio.toPcmBytes();
    byte[] out = new byte[44 + pcm.length];
    System.arraycopy(header(audio.sampleRate(), pcm.length), 0, out, 0, 44);
    System.arraycopy(pcm, 0, out, 44, pcm.length);
    return out;
  }

  /** The 44-byte header of a PCM16 mono WAV file whose data chunk holds {@code dataBytes} bytes. */
  public static byte[] header(int sampleRate, long dataBytes) {
    long riffSize = Math.min(0xFFFFFFFFL, 36 + dataBytes);
    long dataSize = Math.min(0xFFFFFFFFL, dataBytes);
    ByteBuffer b = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
    b.put(new byte[] {'R', 'I', 'F', 'F'}).putInt((int) riffSize);
    b.put(new byte[] {'W', 'A', 'V', 'E'});
    b.put(new byte[] {'f', 'm', 't', ' '}).putInt(16);
    b.putShort((short) 1).putShort((short) 1).putInt(sampleRate).putInt(sampleRate * 2);
    b.putShort((short) 2).putShort((short) 16);
    b.put(new byte[] {'d', 'a', 't', 'a'}).putInt((int) dataSize);
    return b.array();
  }

  /**
   * Decodes a WAV file into mono PCM16.
   *
   * @throws AudioFormatException when the bytes are not a WAV file this reader understands.
   */
  public static PcmAudio read(byte[] wav) {
    ByteBuffer b = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
    if (wav.length < 12 || b.getInt(0) != 0x46464952 || b.getInt(8) != 0x45564157) {
      throw new AudioFormatException("Not a WAV file");
    }
    int pos = 12;
    int sampleRate = 0;
    int channels = 0;
    int bits = 0;
    while (pos + 8 <= wav.length) {
      int id = b.getInt(pos);
      long size = b.getInt(pos + 4) & 0xFFFFFFFFL;
      int body = pos + 8;
      if (id == 0x20746d66) { // "fmt "
        if (size < 16 || body + 16 > wav.length) {
          throw new AudioFormatException("Truncated WAV fmt chunk");
        }
        channels = b.getShort(body + 2);
        sampleRate = b.getInt(body + 4);
        bits = b.getShort(body + 14);
      } else if (id == 0x61746164) { // "data"
        if (sampleRate <= 0 || channels <= 0 || bits != 16) {
          throw new AudioFormatException("Unsupported WAV encoding: only 16-bit PCM is read");
        }
        long available = Math.min(size, wav.length - body);
        int frames = (int) (available / (2L * channels));
        short[] out = new short[frames];
        for (int f = 0; f < frames; f++) {
          int sum = 0;
          for (int c = 0; c < channels; c++) {
            sum += b.getShort(body + 2 * (f * channels + c));
          }
          out[f] = (short) (sum / channels);
        }
        return PcmAudio.wrap(sampleRate, out);
      }
      pos = (int) Math.min(Integer.MAX_VALUE, body + size + (size & 1));
    }
    throw new AudioFormatException("WAV file has no data chunk");
  }
}
