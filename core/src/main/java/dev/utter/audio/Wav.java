package dev.utter.audio;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;

/**
 * Reads and writes WAV files as {@link PcmAudio}. Reading, from an array or from a stream as it
 * arrives, accepts 8, 16, 24 and 32-bit PCM and 32 or 64-bit float, plain or WAVE_FORMAT_EXTENSIBLE,
 * any channel count, mixed down to mono; writing makes 16-bit PCM mono.
 */
public final class Wav {
  /** How many bytes of a stream are decoded at a time. */
  private static final int STREAM_CHUNK_BYTES = 64 * 1024;
  /** The most frames allocated for a stream before they have arrived (about 40 s at 24 kHz). */
  private static final int STREAM_FIRST_FRAMES = 1 << 20;

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
    decode(wav, (int) layout.dataOffset(), out.length, layout, out, 0);
    return PcmAudio.wrap(layout.sampleRate(), out);
  }

  /**
   * Decodes a WAV file into mono PCM16 as it arrives on a stream (a response body, a pipe), holding its
   * samples but never the whole file's bytes. Reads to the end of the data chunk, or to the end of the
   * stream when the header leaves the data size open ({@code 0xFFFFFFFF}); what follows the data chunk
   * is not read. Unlike {@link #read(byte[])}, which decodes the whole frames present in a file cut
   * short, a stream that ends before the data size its header declares is refused: on a stream that
   * means the transfer broke.
   *
   * @param in the stream, at the file's first byte; read, not closed
   * @return mono audio at the file's sample rate
   * @throws AudioFormatException when the stream is not a WAV file this reader understands, or ends
   *     before the data its header declares.
   * @throws IOException what reading the stream threw
   */
  public static PcmAudio read(InputStream in) throws IOException {
    Objects.requireNonNull(in, "in == null");
    ByteSource source = ByteSource.of(in);
    try {
      WavParser.Layout layout = WavParser.parseHead(source);
      boolean open = layout.dataLength() == WavParser.OPEN;
      long declaredFrames = open ? Long.MAX_VALUE : layout.frames();
      int frameBytes = layout.blockAlign();
      byte[] chunk = new byte[STREAM_CHUNK_BYTES / frameBytes * frameBytes];
      // A header may lie about the size: allocate for what arrives, not for what it claims.
      short[] out = new short[(int) Math.min(declaredFrames, STREAM_FIRST_FRAMES)];
      long position = layout.dataOffset();
      long end = open ? Long.MAX_VALUE : position + declaredFrames * frameBytes;
      int frames = 0;
      while (position < end) {
        int wanted = (int) Math.min(chunk.length, end - position);
        int n = source.readAll(position, chunk, wanted);
        int whole = n / frameBytes;
        if (whole > out.length - frames) {
          out = Arrays.copyOf(out, grownLength(out.length, (long) frames + whole, declaredFrames));
        }
        decode(chunk, 0, whole, layout, out, frames);
        frames += whole;
        position += n;
        if (n < wanted) {
          break;
        }
      }
      if (!open && frames < declaredFrames) {
        throw new AudioFormatException("WAV data is truncated: the stream ended after " + (long) frames * frameBytes
            + " of " + layout.dataLength() + " bytes");
      }
      return PcmAudio.wrap(layout.sampleRate(), frames == out.length ? out : Arrays.copyOf(out, frames));
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /** Doubles, at least to {@code needed}, at most to {@code declared} when that is enough. */
  private static int grownLength(int length, long needed, long declared) {
    if (needed > Integer.MAX_VALUE - 8) {
      throw new AudioFormatException("WAV file too long to hold in memory");
    }
    long doubled = Math.max(needed, Math.min(2L * length, Integer.MAX_VALUE - 8));
    return (int) (declared >= needed ? Math.min(doubled, declared) : doubled);
  }

  /** Decodes {@code frames} frames of {@code data} from {@code offset} into {@code out} from {@code at}, mixed to mono. */
  private static void decode(byte[] data, int offset, int frames, WavParser.Layout layout, short[] out, int at) {
    if (!layout.floating() && layout.bitsPerSample() == 16 && layout.channels() == 1) {
      // The common case, providers' own output: copy the samples straight across.
      ByteBuffer.wrap(data, offset, frames * 2).slice().order(ByteOrder.LITTLE_ENDIAN).asShortBuffer()
          .get(out, at, frames);
      return;
    }
    int bytesPerSample = layout.bitsPerSample() / 8;
    ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
    for (int f = 0; f < frames; f++) {
      double sum = 0;
      int frameStart = offset + f * layout.blockAlign();
      for (int c = 0; c < layout.channels(); c++) {
        sum += sample(b, frameStart + c * bytesPerSample, layout);
      }
      out[at + f] = toShort(sum / layout.channels());
    }
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
