package dev.utter.audio;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * Reads and writes WAV files as {@link PcmAudio}. Reading accepts 8, 16, 24 and 32-bit PCM and 32 or
 * 64-bit float, plain or WAVE_FORMAT_EXTENSIBLE, any channel count, mixed down to mono; writing makes
 * 16-bit PCM mono.
 */
public final class Wav {
  private Wav() {}

  /**
   * A complete WAV file (RIFF header, fmt and data chunks) holding {@code audio} as PCM16 mono.
   *
   * @param audio the audio to write; not null
   * @return a new array of {@code 44 + 2 * audio.length()} bytes
   */
  public static byte[] write(PcmAudio audio) {
    Objects.requireNonNull(audio, "audio == null");
    if (audio.length() > (Integer.MAX_VALUE - 44) / 2) {
      throw new IllegalArgumentException("audio too long for one array: " + audio.length() + " samples");
    }
    byte[] out = new byte[44 + audio.length() * 2];
    System.arraycopy(header(audio.sampleRate(), audio.length() * 2L), 0, out, 0, 44);
    audio.copyPcmBytes(out, 44);
    return out;
  }

  /**
   * The 44-byte header of a PCM16 mono WAV file whose data chunk holds {@code dataBytes} bytes. Sizes
   * beyond what the format can say are written as the largest it can.
   *
   * @param sampleRate in Hz
   * @param dataBytes the data chunk's size in bytes, 0 or more
   * @return a new 44-byte array
   * @throws IllegalArgumentException when the rate is out of range or {@code dataBytes} is negative
   */
  public static byte[] header(int sampleRate, long dataBytes) {
    checkSampleRate(sampleRate);
    if (dataBytes < 0) {
      throw new IllegalArgumentException("dataBytes < 0: " + dataBytes);
    }
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

  /** Rejects a sample rate that is not positive or whose byte rate a WAV header cannot hold. */
  static void checkSampleRate(int sampleRate) {
    if (sampleRate <= 0 || sampleRate > Integer.MAX_VALUE / 2) {
      throw new IllegalArgumentException("sampleRate out of range: " + sampleRate);
    }
  }

  /**
   * Decodes a WAV file into mono PCM16.
   *
   * @param wav the whole file; not null, not changed
   * @return mono audio at the file's sample rate
   * @throws AudioFormatException when the bytes are not a WAV file this reader understands.
   */
  public static PcmAudio read(byte[] wav) {
    Objects.requireNonNull(wav, "wav == null");
    WavParser.Layout layout = WavParser.parse(ByteSource.of(wav));
    long frames = layout.frames();
    if (frames > Integer.MAX_VALUE) {
      throw new AudioFormatException("WAV file too long to hold in memory");
    }
    short[] out = new short[(int) frames];
    if (!layout.floating() && layout.bitsPerSample() == 16 && layout.channels() == 1) {
      // The common case, providers' own output: copy the samples straight across.
      ByteBuffer.wrap(wav, (int) layout.dataOffset(), out.length * 2).slice().order(ByteOrder.LITTLE_ENDIAN)
          .asShortBuffer().get(out);
      return PcmAudio.wrap(layout.sampleRate(), out);
    }
    int bytesPerSample = layout.bitsPerSample() / 8;
    ByteBuffer b = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
    for (int f = 0; f < out.length; f++) {
      double sum = 0;
      int frameStart = (int) (layout.dataOffset() + (long) f * layout.blockAlign());
      for (int c = 0; c < layout.channels(); c++) {
        sum += sample(b, frameStart + c * bytesPerSample, layout);
      }
      out[f] = toShort(sum / layout.channels());
    }
    return PcmAudio.wrap(layout.sampleRate(), out);
  }

  /** One sample at {@code at}, scaled to the range of a signed 16-bit sample. */
  private static double sample(ByteBuffer b, int at, WavParser.Layout layout) {
    if (layout.floating()) {
      double v = layout.bitsPerSample() == 32 ? b.getFloat(at) : b.getDouble(at);
      return Double.isNaN(v) ? 0 : v * 32767.0;
    }
    switch (layout.bitsPerSample()) {
      case 8:
        return ((b.get(at) & 0xFF) - 128) << 8;
      case 16:
        return b.getShort(at);
      case 24:
        int v = (b.get(at) & 0xFF) | (b.get(at + 1) & 0xFF) << 8 | b.get(at + 2) << 16;
        return v / 256.0;
      default:
        return b.getInt(at) / 65536.0;
    }
  }

  private static short toShort(double v) {
    return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(v)));
  }
}
