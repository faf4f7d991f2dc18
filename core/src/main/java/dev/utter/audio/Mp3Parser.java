package dev.utter.audio;

/**
 * Reads the duration of an MPEG audio layer III stream without decoding it: skips ID3v2 tags, finds
 * the first frame (confirmed by the frame after it), and walks the frame headers to the end, so a CBR
 * or VBR file without a header is measured exactly. A Xing/Info or VBRI header's frame count is taken
 * when the file holds at least that many frames after the header's own frame (which holds no audio);
 * a frame cut short at the end does not count; a file cut short whose header still claims the full length is measured by the frames it holds. The walk stops at a trailing ID3v1, APE or Lyrics tag and
 * skips junk between frames. MPEG 1, 2 and 2.5 are understood. Reads forwards only, looking back less
 * than {@link ByteSource#WINDOW}. Like ffprobe's format duration, the duration counts whole frames: the
 * LAME tag's encoder delay and padding are not subtracted.
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
  private static final int SYNC_SEARCH_BYTES = 32 * 1024;
  private static final int MAX_FRAMES = 10_000_000;
  private static final int MAX_ID3_TAGS = 16;
  private static final String[] TRAILING_TAGS = {"TAG", "APETAGEX", "LYRICSBEGIN", "ID3"};
  private static final int LONGEST_TAG_MAGIC = 11;

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
    long position = findFrame(source, skipId3v2(source), null);
    if (position < 0) {
      throw new AudioFormatException("No MPEG audio frame found");
    }
    byte[] header = source.readFully(position, 4, "MP3 frame header");
    Frame first = frame(header, 0);
    byte[] firstFrame = new byte[first.length()];
    int length = source.readAll(position, firstFrame, firstFrame.length);
    long frames = xingFrames(firstFrame, length, first);
    if (frames <= 0) {
      frames = vbriFrames(firstFrame, length);
    }
    // A Xing/VBRI header sits in a frame of its own that holds no audio.
    boolean infoFrame = frames > 0 || xingOrVbri(firstFrame, first);
    long present = walk(source, infoFrame ? position + first.length() : position, first);
    long samples = frames > 0 ? Math.min(frames * first.samples(), present) : present;
    double seconds = samples / (double) first.sampleRate();
    return new AudioInfo(AudioFormat.MP3, seconds, first.sampleRate(), first.channels());
  }

  /**
   * The position of the first confirmed frame within {@link #SYNC_SEARCH_BYTES} of {@code from}, like
   * {@code like} when given, or -1.
   */
  private static long findFrame(ByteSource source, long from, Frame like) {
    byte[] b = new byte[4];
    for (long position = from; position < from + SYNC_SEARCH_BYTES; position++) {
      if (source.readAll(position, b, 4) < 4) {
        return -1;
      }
      Frame candidate = frame(b, 0);
      if (candidate != null && (like == null || sameStream(candidate, like)) && confirmed(source, position, candidate)) {
        return position;
      }
    }
    return -1;
  }

  private static boolean sameStream(Frame a, Frame b) {
    return a.version() == b.version() && a.sampleRate() == b.sampleRate();
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

  /**
   * Whether the frame at {@code position} is complete and followed by a frame like it, a trailing tag
   * or the end of the file.
   */
  private static boolean confirmed(ByteSource source, long position, Frame frame) {
    long next = position + frame.length();
    byte[] b = new byte[LONGEST_TAG_MAGIC];
    if (source.readAll(next - 1, b, 1) < 1) {
      return false; // the frame itself is cut short
    }
    int n = source.readAll(next, b, b.length);
    if (n == 0 || trailingTag(b, n)) {
      return true;
    }
    Frame second = n >= 4 ? frame(b, 0) : null;
    return second != null && sameStream(second, frame);
  }

  private static boolean trailingTag(byte[] b, int length) {
    for (String magic : TRAILING_TAGS) {
      if (magic.length() <= length && ByteSource.ascii(b, 0, magic)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The number of samples in the frames from {@code position} on, frame by frame: up to the end, a
   * trailing tag, or junk after which no frame of the same stream follows.
   */
  private static long walk(ByteSource source, long position, Frame first) {
    long samples = 0;
    byte[] b = new byte[LONGEST_TAG_MAGIC];
    for (int frames = 0; frames < MAX_FRAMES; frames++) {
      int n = source.readAll(position, b, b.length);
      Frame frame = n >= 4 ? frame(b, 0) : null;
      if (frame == null || !sameStream(frame, first)) {
        if (n < 4 || trailingTag(b, n)) {
          break;
        }
        position = findFrame(source, position + 1, first);
        if (position < 0) {
          break;
        }
        continue;
      }
      if (source.readAll(position + frame.length() - 1, b, 1) < 1) {
        break; // the last frame is cut short: it does not play
      }
      samples += frame.samples();
      position += frame.length();
    }
    return samples;
  }

  private static boolean xingOrVbri(byte[] frameBytes, Frame frame) {
    int at = sideInfoEnd(frame);
    return ByteSource.ascii(frameBytes, at, "Xing") || ByteSource.ascii(frameBytes, at, "Info")
        || ByteSource.ascii(frameBytes, 4 + 32, "VBRI");
  }

  /** Where the Xing/Info header sits in a frame: after the header and the side information. */
  private static int sideInfoEnd(Frame frame) {
    if (frame.version() == 1) {
      return 4 + (frame.channels() == 1 ? 17 : 32);
    }
    return 4 + (frame.channels() == 1 ? 9 : 17);
  }

  /** The frame count of a Xing or Info header in the first frame, or 0 when it has none. */
  private static long xingFrames(byte[] frameBytes, int length, Frame frame) {
    int at = sideInfoEnd(frame);
    if (!ByteSource.ascii(frameBytes, at, "Xing") && !ByteSource.ascii(frameBytes, at, "Info")) {
      return 0;
    }
    if (at + 12 > length) {
      throw new AudioFormatException("Truncated Xing header");
    }
    long flags = ByteSource.u32be(frameBytes, at + 4);
    return (flags & 1) == 0 ? 0 : ByteSource.u32be(frameBytes, at + 8);
  }

  /** The frame count of a VBRI header (32 bytes after the frame header), or 0 when there is none. */
  private static long vbriFrames(byte[] frameBytes, int length) {
    int at = 4 + 32;
    if (!ByteSource.ascii(frameBytes, at, "VBRI")) {
      return 0;
    }
    if (at + 18 > length) {
      throw new AudioFormatException("Truncated VBRI header");
    }
    return ByteSource.u32be(frameBytes, at + 14);
  }

  /** The position after the ID3v2 tags at the start (0 when there are none). */
  private static long skipId3v2(ByteSource source) {
    long position = 0;
    byte[] h = new byte[10];
    for (int tags = 0; tags < MAX_ID3_TAGS && source.readAll(position, h, 10) == 10
        && ByteSource.ascii(h, 0, "ID3"); tags++) {
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
}
