package dev.utter.audio;

import dev.utter.OutputFormat;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The encoders core needs no library for: 16-bit PCM and G.711 μ-law/A-law, raw or in a WAV file. A WAV
 * header streamed before the length is known declares the largest length a WAV file can hold (players and
 * ffprobe read such a stream to its end); {@link #finalHeader()} gives the true one.
 */
final class SampleEncoder implements AudioEncoder {
  private static final int WAVE_FORMAT_PCM = 1;
  private static final int WAVE_FORMAT_ALAW = 6;
  private static final int WAVE_FORMAT_MULAW = 7;

  private final OutputFormat.Encoding encoding;
  private final int sampleRate;
  private final OutputStream out;
  private final byte[] buffer = new byte[16 * 1024];
  private long samples;

  private SampleEncoder(OutputFormat.Encoding encoding, int sampleRate, OutputStream out) {
    this.encoding = encoding;
    this.sampleRate = sampleRate;
    this.out = out;
  }

  static boolean handles(OutputFormat.Encoding encoding) {
    return !encoding.needsCodecLibrary();
  }

  static SampleEncoder open(OutputFormat format, OutputStream out) throws IOException {
    SampleEncoder encoder = new SampleEncoder(format.encoding(), format.sampleRate().orElseThrow(), out);
    byte[] header = encoder.header(-1);
    out.write(header);
    return encoder;
  }

  @Override
  public void encode(short[] pcm, int offset, int length) throws IOException {
    int width = bytesPerSample();
    int step = buffer.length / width;
    for (int from = 0; from < length; from += step) {
      int count = Math.min(step, length - from);
      for (int i = 0; i < count; i++) {
        short s = pcm[offset + from + i];
        switch (encoding) {
          case WAV, PCM -> {
            buffer[2 * i] = (byte) s;
            buffer[2 * i + 1] = (byte) (s >> 8);
          }
          case ULAW, WAV_ULAW -> buffer[i] = G711.toUlaw(s);
          default -> buffer[i] = G711.toAlaw(s);
        }
      }
      out.write(buffer, 0, count * width);
    }
    samples += length;
  }

  @Override
  public void flush() throws IOException {
    out.flush();
  }

  @Override
  public void finish() throws IOException {
    out.flush();
  }

  @Override
  public byte[] finalHeader() {
    return header(samples);
  }

  private int bytesPerSample() {
    return encoding == OutputFormat.Encoding.WAV || encoding == OutputFormat.Encoding.PCM ? 2 : 1;
  }

  /** The WAV header for {@code sampleCount} samples (-1: open-ended), or nothing for a raw format. */
  private byte[] header(long sampleCount) {
    int tag = switch (encoding) {
      case WAV -> WAVE_FORMAT_PCM;
      case WAV_ULAW -> WAVE_FORMAT_MULAW;
      case WAV_ALAW -> WAVE_FORMAT_ALAW;
      default -> 0;
    };
    if (tag == 0) {
      return new byte[0];
    }
    if (tag == WAVE_FORMAT_PCM) {
      return Wav.header(sampleRate, sampleCount < 0 ? 0xFFFFFFFFL - 36 : sampleCount * 2);
    }
    // Non-PCM WAV: an 18-byte fmt chunk (cbSize 0) and a fact chunk with the sample count.
    int headerSize = 58;
    long dataBytes = sampleCount < 0 ? 0xFFFFFFFFL - (headerSize - 8) : sampleCount;
    long riffSize = Math.min(0xFFFFFFFFL, headerSize - 8 + dataBytes);
    ByteBuffer b = ByteBuffer.allocate(headerSize).order(ByteOrder.LITTLE_ENDIAN);
    b.put(new byte[] {'R', 'I', 'F', 'F'}).putInt((int) riffSize);
    b.put(new byte[] {'W', 'A', 'V', 'E'});
    b.put(new byte[] {'f', 'm', 't', ' '}).putInt(18);
    b.putShort((short) tag).putShort((short) 1).putInt(sampleRate).putInt(sampleRate);
    b.putShort((short) 1).putShort((short) 8).putShort((short) 0);
    b.put(new byte[] {'f', 'a', 'c', 't'}).putInt(4).putInt((int) Math.min(0xFFFFFFFFL, dataBytes));
    b.put(new byte[] {'d', 'a', 't', 'a'}).putInt((int) Math.min(0xFFFFFFFFL, dataBytes));
    return b.array();
  }
}
