package dev.utter.audio;

/**
 * Reads the duration of an MPEG-4 audio file (M4A) from its boxes, without decoding: the movie's
 * {@code mvhd} (which reflects edit lists, so encoder priming is not counted, as ffprobe reports it),
 * else the {@code mdhd} of the sound track ({@code hdlr} type {@code soun}). Understands
 * version 0 and 1 headers and 64-bit box sizes; every size is checked against its parent box.
 */
final class Mp4Parser {
  private static final int MAX_DEPTH = 8;
  private static final int MAX_BOXES = 100_000;

  private Mp4Parser() {}

  static boolean matches(byte[] head) {
    return head.length >= 12 && ByteSource.ascii(head, 4, "ftyp");
  }

  /** What the walk found. */
  private static final class Found {
    double movieSeconds = -1;
    double soundSeconds = -1;
    int sampleRate;
    int channels;
    int boxes;
  }

  static AudioInfo probe(ByteSource source) {
    Found found = new Found();
    walk(source, 0, source.size(), 0, found, false);
    double seconds = found.movieSeconds >= 0 ? found.movieSeconds : found.soundSeconds;
    if (seconds < 0) {
      throw new AudioFormatException("MP4 file has no movie header");
    }
    return new AudioInfo(AudioFormat.M4A, seconds, found.sampleRate, found.channels);
  }

  private static void walk(ByteSource source, long from, long to, int depth, Found found, boolean inSoundTrak) {
    if (depth > MAX_DEPTH) {
      throw new AudioFormatException("MP4 boxes nested too deep");
    }
    long position = from;
    while (position + 8 <= to) {
      if (++found.boxes > MAX_BOXES) {
        throw new AudioFormatException("Too many MP4 boxes");
      }
      byte[] header = source.readFully(position, 8, "MP4 box header");
      long size = ByteSource.u32be(header, 0);
      int headerSize = 8;
      if (size == 1) {
        size = ByteSource.u64be(source.readFully(position + 8, 8, "MP4 box size"), 0);
        headerSize = 16;
      } else if (size == 0) {
        size = to - position;
      }
      if (size < headerSize || size > to - position) {
        throw new AudioFormatException("Invalid MP4 box size " + size + " at byte " + position);
      }
      String type = new String(header, 4, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
      long body = position + headerSize;
      long end = position + size;
      switch (type) {
        case "moov", "mdia", "minf", "stbl" -> walk(source, body, end, depth + 1, found, inSoundTrak);
        case "trak" -> walk(source, body, end, depth + 1, found, isSoundTrack(source, body, end));
        case "mvhd" -> found.movieSeconds = headerDuration(source, body, end, "mvhd");
        case "mdhd" -> {
          if (inSoundTrak) {
            found.soundSeconds = headerDuration(source, body, end, "mdhd");
          }
        }
        case "stsd" -> {
          if (inSoundTrak) {
            readSampleEntry(source, body, end, found);
          }
        }
        default -> { }
      }
      position = end;
    }
  }

  /** Whether the {@code trak} whose body spans [from, to) has a {@code hdlr} of type {@code soun}. */
  private static boolean isSoundTrack(ByteSource source, long from, long to) {
    long mdia = child(source, from, to, "mdia");
    if (mdia < 0) {
      return false;
    }
    long mdiaEnd = mdia + ByteSource.u32be(source.readFully(mdia, 4, "mdia"), 0);
    long hdlr = child(source, mdia + 8, Math.min(mdiaEnd, to), "hdlr");
    return hdlr >= 0 && ByteSource.ascii(source.readFully(hdlr + 16, 4, "hdlr"), 0, "soun");
  }

  /** The offset of the first child box of {@code type} in [from, to), or -1. */
  private static long child(ByteSource source, long from, long to, String type) {
    long position = from;
    for (int i = 0; i < 1000 && position + 8 <= to; i++) {
      byte[] header = source.readFully(position, 8, "MP4 box header");
      long size = ByteSource.u32be(header, 0);
      if (size < 8 || size > to - position) {
        return -1;
      }
      if (ByteSource.ascii(header, 4, type)) {
        return position;
      }
      position += size;
    }
    return -1;
  }

  /** Duration in seconds from an {@code mvhd} or {@code mdhd} body. */
  private static double headerDuration(ByteSource source, long body, long end, String what) {
    byte[] version = source.readFully(body, 1, what);
    boolean v1 = version[0] == 1;
    int length = v1 ? 32 : 20;
    if (body + length > end) {
      throw new AudioFormatException("Truncated MP4 " + what + " box");
    }
    byte[] b = source.readFully(body, length, what);
    long timescale = v1 ? ByteSource.u32be(b, 20) : ByteSource.u32be(b, 12);
    long duration = v1 ? ByteSource.u64be(b, 24) : ByteSource.u32be(b, 16);
    if (timescale == 0 || duration < 0) {
      throw new AudioFormatException("Invalid MP4 " + what + ": timescale " + timescale);
    }
    if (!v1 && duration == 0xFFFFFFFFL) {
      return -1; // unknown duration
    }
    return duration / (double) timescale;
  }

  /** Channels and sample rate from the first audio sample entry of an {@code stsd} body. */
  private static void readSampleEntry(ByteSource source, long body, long end, Found found) {
    // stsd: version/flags(4) count(4), then an entry: size(4) type(4) reserved(6) index(2)
    // version(2) revision(2) vendor(4) channels(2) sampleSize(2) compression(2) packet(2) rate(16.16)
    if (body + 8 + 36 > end) {
      return;
    }
    byte[] entry = source.readFully(body + 8, 36, "stsd entry");
    found.channels = ByteSource.u16be(entry, 24);
    found.sampleRate = (int) (ByteSource.u32be(entry, 32) >>> 16);
  }
}
