package dev.utter.audio;

/**
 * Reads the duration of an MPEG audio layer III stream without decoding it: skips an ID3v2 tag, finds
 * the first frame (confirmed by the frame after it), then takes the frame count from a Xing/Info or
 * VBRI header when there is one, and otherwise walks the frame headers to the end (bounded by the file
 * size, so a CBR or VBR file without a header is measured exactly). MPEG 1, 2 and 2.5 are understood.
 * Like ffprobe, the duration counts whole frames: the LAME tag's encoder delay and padding are not
 * subtracted.
 */
final class Mp3Parser {
  private static final int[][] BITRATES_KBPS = {
    {0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 0}, // MPEG 1
    {0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160, 0}, // MPEG 2 and 2.5
  };
  private static final int[][] SAMPLE_RATES = {
    {44100, 48000, 32000}, // MPEG 1
    {22050, 24000, 16000}, // MPEG 2
    {11025, 12000, 8000}, // MPEG 2.5
  };
  private static final int SYNC_SEARCH_BYTES = 64 * 1024;
  private static final int MAX_FRAMES = 10_000_000;

  /** One frame header. */
  record Frame(int version, int sampleRate, int bitrateKbps, int length, int samples, int channels) {}

  private Mp3Parser() {}

  static boolean matches(byte[] head) {
    if (ByteSource.ascii(head, 0, "ID3")) {
      return true;
    }
    return head.length >= 4 && frame(head, 0) != null;
  }

  static AudioInfo probe(ByteSource source) {
    long start = skipId3v2(source);
    long end = source.size() - trailingTags(source);
    Frame first = null;
    long position = start;
    long searchEnd = Math.min(end - 4, start + SYNC_SEARCH_BYTES);
    byte[] window = new byte[8];
    for (; position <= searchEnd; position++) {
      if (source.read(position, window, 0, 4) < 4) {
        break;
      }
      Frame candidate = frame(window, 0);
      if (candidate != null && confirmed(source, position, candidate, end)) {
        first = candidate;
        break;
      }
    }
    if (first == null) {
      throw new AudioFormatException("No MPEG audio frame found");
    }
    byte[] firstFrame = source.readFully(position, (int) Math.min(first.length(), end - position), "MP3 frame");
    Long frames = xingFrames(firstFrame, first);
    if (frames == null) {
      frames = vbriFrames(firstFrame);
    }
    long samples = frames != null ? frames * first.samples() : walk(source, position, end, first.sampleRate());
    double seconds = samples / (double) first.sampleRate();
    return new AudioInfo(AudioFormat.MP3, seconds, first.sampleRate(), first.channels());
  }

  /** The frame header at {@code at}, or null when those four bytes are not a layer III header. */
  static Frame frame(byte[] b, int at) {
    int h = (b[at] & 0xFF) << 24 | (b[at + 1] & 0xFF) << 16 | (b[at + 2] & 0xFF) << 8 | (b[at + 3] & 0xFF);
    if ((h & 0xFFE00000) != 0xFFE00000) {
      return null;
    }
    int versionBits = h >>> 19 & 3;
    int layerBits = h >>> 17 & 3;
    int bitrateIndex = h >>> 12 & 0xF;
    int rateIndex = h >>> 10 & 3;
    if (versionBits == 1 || layerBits != 1 || bitrateIndex == 0 || bitrateIndex == 15 || rateIndex == 3) {
      return null;
    }
    int version = versionBits == 3 ? 1 : versionBits == 2 ? 2 : 25;
    int sampleRate = SAMPLE_RATES[version == 1 ? 0 : version == 2 ? 1 : 2][rateIndex];
    int bitrate = BITRATES_KBPS[version == 1 ? 0 : 1][bitrateIndex];
    int padding = h >>> 9 & 1;
    int samples = version == 1 ? 1152 : 576;
    int length = samples / 8 * bitrate * 1000 / sampleRate + padding;
    int channels = (h >>> 6 & 3) == 3 ? 1 : 2;
    return new Frame(version, sampleRate, bitrate, length, samples, channels);
  }

  /** Whether a frame like {@code frame} also starts where {@code frame} ends (or the file ends there). */
  private static boolean confirmed(ByteSource source, long position, Frame frame, long end) {
    long next = position + frame.length();
    if (next + 4 > end) {
      return next <= end + 1 && next >= end - 4;
    }
    byte[] b = new byte[4];
    if (source.read(next, b, 0, 4) < 4) {
      return false;
    }
    Frame second = frame(b, 0);
    return second != null && second.version() == frame.version() && second.sampleRate() == frame.sampleRate();
  }

  /** The number of samples in the frames from {@code position} to {@code end}, frame by frame. */
  private static long walk(ByteSource source, long position, long end, int sampleRate) {
    long samples = 0;
    byte[] b = new byte[4];
    for (int frames = 0; frames < MAX_FRAMES && position + 4 <= end; frames++) {
      if (source.read(position, b, 0, 4) < 4) {
        break;
      }
      Frame frame = frame(b, 0);
      if (frame == null || frame.sampleRate() != sampleRate) {
        break;
      }
      samples += frame.samples();
      position += frame.length();
    }
    return samples;
  }

  /** Where the Xing/Info header sits in a frame: after the header and the side information. */
  private static int sideInfoEnd(Frame frame) {
    if (frame.version() == 1) {
      return 4 + (frame.channels() == 1 ? 17 : 32);
    }
    return 4 + (frame.channels() == 1 ? 9 : 17);
  }

  private static Long xingFrames(byte[] frameBytes, Frame frame) {
    int at = sideInfoEnd(frame);
    if (!ByteSource.ascii(frameBytes, at, "Xing") && !ByteSource.ascii(frameBytes, at, "Info")) {
      return null;
    }
    if (at + 12 > frameBytes.length) {
      throw new AudioFormatException("Truncated Xing header");
    }
    long flags = ByteSource.u32be(frameBytes, at + 4);
    return (flags & 1) == 0 ? null : ByteSource.u32be(frameBytes, at + 8);
  }

  private static Long vbriFrames(byte[] frameBytes) {
    int at = 4 + 32;
    if (!ByteSource.ascii(frameBytes, at, "VBRI")) {
      return null;
    }
    if (at + 18 > frameBytes.length) {
      throw new AudioFormatException("Truncated VBRI header");
    }
    return ByteSource.u32be(frameBytes, at + 14);
  }

  /** The length of an ID3v2 tag at the start, or 0. */
  private static long skipId3v2(ByteSource source) {
    long position = 0;
    byte[] h = new byte[10];
    while (source.read(position, h, 0, 10) == 10 && ByteSource.ascii(h, 0, "ID3")) {
      for (int i = 6; i < 10; i++) {
        if ((h[i] & 0x80) != 0) {
          throw new AudioFormatException("Invalid ID3v2 tag size");
        }
      }
      long size = (h[6] & 0x7F) << 21 | (h[7] & 0x7F) << 14 | (h[8] & 0x7F) << 7 | (h[9] & 0x7F);
      position += 10 + size + ((h[5] & 0x10) != 0 ? 10 : 0);
    }
    return position;
  }

  /** The length of ID3v1 and APEv2 tags at the end, or 0. */
  private static long trailingTags(ByteSource source) {
    long size = source.size();
    long tags = 0;
    byte[] b = new byte[32];
    if (size >= 128 && source.read(size - 128, b, 0, 3) == 3 && ByteSource.ascii(b, 0, "TAG")) {
      tags += 128;
    }
    if (size - tags >= 32 && source.read(size - tags - 32, b, 0, 32) == 32 && ByteSource.ascii(b, 0, "APETAGEX")) {
      long apeSize = ByteSource.u32le(b, 12);
      boolean hasHeader = (ByteSource.u32le(b, 20) & 0x80000000L) != 0;
      tags += Math.min(size - tags, apeSize + (hasHeader ? 32 : 0));
    }
    return tags;
  }
}
