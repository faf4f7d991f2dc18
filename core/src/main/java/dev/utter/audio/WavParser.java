package dev.utter.audio;

/**
 * Reads the layout of a RIFF/WAVE file: its fmt chunk and where its data chunk lies. Understands PCM
 * (8, 16, 24, 32-bit), IEEE float (32, 64-bit) and WAVE_FORMAT_EXTENSIBLE, skips any other chunk
 * (LIST, fact, ...) honouring the pad byte of odd-sized chunks, and accepts a data chunk whose declared
 * size runs past the end (a stream written without knowing its length, or a file cut short) by
 * measuring only the whole frames present. A header with a sample rate, channel count or sample size
 * no recording has is refused.
 */
final class WavParser {
  private static final int PCM = 1;
  private static final int FLOAT = 3;
  private static final int EXTENSIBLE = 0xFFFE;
  private static final int MAX_CHUNKS = 10_000;
  /** Sample rates outside these bounds are no recording's: a header that says so is lying or corrupt. */
  static final int MIN_SAMPLE_RATE = 1_000;
  static final int MAX_SAMPLE_RATE = 768_000;
  static final int MAX_CHANNELS = 64;
  /** The data size a streaming writer declares when it does not know the length: "to the end". */
  static final long OPEN = 0xFFFFFFFFL;

  /**
   * The layout of a WAV file.
   *
   * @param floating whether samples are IEEE floats (else signed PCM, unsigned for 8-bit)
   */
  record Layout(boolean floating, int channels, int sampleRate, int bitsPerSample, int blockAlign,
      long dataOffset, long dataLength) {
    Layout withDataLength(long length) {
      return new Layout(floating, channels, sampleRate, bitsPerSample, blockAlign, dataOffset, length);
    }

    long frames() {
      return dataLength / blockAlign;
    }

    double durationSeconds() {
      return frames() / (double) sampleRate;
    }
  }

  private WavParser() {}

  static boolean matches(byte[] head) {
    return head.length >= 12 && ByteSource.ascii(head, 0, "RIFF") && ByteSource.ascii(head, 8, "WAVE");
  }

  /** The layout of a whole file: its data chunk measured against the bytes present. */
  static Layout parse(ByteSource source) {
    Layout head = parseHead(source);
    return head.withDataLength(Math.max(0, Math.min(head.dataLength(), source.size() - head.dataOffset())));
  }

  /**
   * The layout as the header declares it, read up to the start of the data chunk and no further (for
   * a stream, whose size is known only at its end): {@code dataLength} is the data chunk's declared
   * size, {@link #OPEN} when the writer left it open.
   */
  static Layout parseHead(ByteSource source) {
    byte[] riff = source.readFully(0, 12, "RIFF header");
    if (!matches(riff)) {
      throw new AudioFormatException("Not a WAV file");
    }
    long position = 12;
    byte[] fmt = null;
    byte[] header = new byte[8];
    for (int chunks = 0; chunks < MAX_CHUNKS && source.readAll(position, header, 8) == 8; chunks++) {
      long size = ByteSource.u32le(header, 4);
      long body = position + 8;
      if (ByteSource.ascii(header, 0, "fmt ")) {
        if (size < 16 || size > 1024) {
          throw new AudioFormatException("Invalid WAV fmt chunk of " + size + " bytes");
        }
        fmt = source.readFully(body, (int) size, "WAV fmt chunk");
      } else if (ByteSource.ascii(header, 0, "data")) {
        if (fmt == null) {
          throw new AudioFormatException("WAV data chunk comes before its fmt chunk");
        }
        return layout(fmt, body).withDataLength(size);
      }
      position = body + size + (size & 1);
    }
    throw new AudioFormatException(fmt == null ? "WAV file has no fmt chunk" : "WAV file has no data chunk");
  }

  private static Layout layout(byte[] fmt, long dataOffset) {
    int tag = ByteSource.u16le(fmt, 0);
    int channels = ByteSource.u16le(fmt, 2);
    long sampleRate = ByteSource.u32le(fmt, 4);
    int blockAlign = ByteSource.u16le(fmt, 12);
    int bits = ByteSource.u16le(fmt, 14);
    if (tag == EXTENSIBLE) {
      if (fmt.length < 40) {
        throw new AudioFormatException("Truncated WAVE_FORMAT_EXTENSIBLE fmt chunk");
      }
      tag = ByteSource.u16le(fmt, 24);
    }
    boolean floating = tag == FLOAT;
    if (tag != PCM && !floating) {
      throw new AudioFormatException("Unsupported WAV encoding (format tag " + tag + "): only PCM and float");
    }
    boolean bitsOk = floating ? bits == 32 || bits == 64 : bits == 8 || bits == 16 || bits == 24 || bits == 32;
    if (!bitsOk) {
      throw new AudioFormatException("Unsupported WAV sample size: " + bits + " bits");
    }
    if (channels < 1 || channels > MAX_CHANNELS || sampleRate < MIN_SAMPLE_RATE || sampleRate > MAX_SAMPLE_RATE
        || blockAlign != channels * (bits / 8)) {
      throw new AudioFormatException("Invalid WAV fmt chunk: " + channels + " channels, " + sampleRate
          + " Hz, block " + blockAlign + " (expected 1-" + MAX_CHANNELS + " channels at " + MIN_SAMPLE_RATE + "-"
          + MAX_SAMPLE_RATE + " Hz)");
    }
    return new Layout(floating, channels, (int) sampleRate, bits, blockAlign, dataOffset, 0);
  }
}
