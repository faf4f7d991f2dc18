package dev.utter.audio;

import java.nio.charset.StandardCharsets;

/**
 * Reads the duration of an MPEG-4 audio file (M4A) from its boxes, without decoding. Takes the movie's
 * {@code mvhd}, which reflects edit lists (so, like ffprobe's format duration, it leaves out the AAC
 * encoder's priming samples), else the {@code mdhd} of the sound track ({@code hdlr} type
 * {@code soun}); channels and sample rate come from the sound track's sample entry. Understands
 * version 0 and 1 headers and 64-bit box sizes; every size is checked against its parent box before
 * anything is read, and boxes are skipped, never loaded, so the walk reads forwards only. A file cut
 * short (media data shorter than declared, or than the sound track's samples need) is refused: its
 * header would claim a duration the bytes do not hold.
 */
final class Mp4Parser {
  private static final int MAX_DEPTH = 8;
  private static final int MAX_BOXES = 100_000;

  private Mp4Parser() {}

  static boolean matches(byte[] head) {
    return head.length >= 12 && ByteSource.ascii(head, 4, "ftyp");
  }

  /** What the walk found in the file, and in the track being walked. */
  private static final class Found {
    double movieSeconds = -1;
    Track sound;
    int boxes;
    /** The body offset and declared length of each top-level {@code mdat}; -1 when it runs to the end. */
    final java.util.List<long[]> mediaData = new java.util.ArrayList<>();
  }

  /** What a {@code trak} box says about its media. */
  private static final class Track {
    boolean isSound;
    double seconds = -1;
    long timescale;
    int sampleRate;
    int channels;
    /** The bytes of all its samples, from {@code stsz}; -1 when unknown. */
    long sampleBytes = -1;
  }

  static AudioInfo probe(ByteSource source) {
    Found found = new Found();
    walk(source, 0, Long.MAX_VALUE, 0, found, null);
    Track sound = found.sound != null ? found.sound : new Track();
    double seconds = found.movieSeconds >= 0 ? found.movieSeconds : sound.seconds;
    if (seconds < 0) {
      throw new AudioFormatException("MP4 file has no movie header with a duration");
    }
    checkMediaDataPresent(source, found, sound);
    int sampleRate = sound.sampleRate > 0 ? sound.sampleRate : (int) Math.min(sound.timescale, Integer.MAX_VALUE);
    return new AudioInfo(AudioFormat.M4A, seconds, sampleRate, sound.channels);
  }

  /**
   * Walks the boxes in [from, to). At the top level {@code to} is {@link Long#MAX_VALUE}: the walk ends
   * where the file does, and a box that claims to run past the end (a cut-off {@code mdat}) ends it too.
   */
  private static void walk(ByteSource source, long from, long to, int depth, Found found, Track track) {
    if (depth > MAX_DEPTH) {
      throw new AudioFormatException("MP4 boxes nested too deep");
    }
    byte[] header = new byte[8];
    long position = from;
    while (to - position >= 8) {
      if (++found.boxes > MAX_BOXES) {
        throw new AudioFormatException("Too many MP4 boxes");
      }
      int n = source.readAll(position, header, 8);
      if (n < 8) {
        if (depth == 0) {
          return; // the end of the file, or a few stray bytes after the last box
        }
        throw new AudioFormatException("Truncated audio: MP4 box header at byte " + position);
      }
      long size = ByteSource.u32be(header, 0);
      int headerSize = 8;
      if (size == 1) {
        size = ByteSource.u64be(source.readFully(position + 8, 8, "MP4 box size"), 0);
        headerSize = 16;
      } else if (size == 0) {
        size = to - position; // runs to the end of its parent
      }
      if (size < headerSize || size > to - position) {
        throw new AudioFormatException("Invalid MP4 box size " + Long.toUnsignedString(size) + " at byte " + position);
      }
      String type = new String(header, 4, 4, StandardCharsets.ISO_8859_1);
      long body = position + headerSize;
      long end = position + size;
      switch (type) {
        case "moov", "mdia", "minf", "stbl" -> walk(source, body, end, depth + 1, found, track);
        case "trak" -> {
          Track walked = new Track();
          walk(source, body, end, depth + 1, found, walked);
          if (walked.isSound && found.sound == null) {
            found.sound = walked;
          }
        }
        case "mvhd" -> found.movieSeconds = headerDuration(source, body, end, "mvhd", null);
        case "mdhd" -> {
          if (track != null) {
            track.seconds = headerDuration(source, body, end, "mdhd", track);
          }
        }
        case "hdlr" -> {
          if (track != null) {
            // version/flags(4) pre_defined(4) handler_type(4)
            track.isSound = end - body >= 12 && ByteSource.ascii(source.readFully(body, 12, "hdlr"), 8, "soun");
          }
        }
        case "stsd" -> {
          if (track != null) {
            readSampleEntry(source, body, end, track);
          }
        }
        case "stsz" -> {
          if (track != null) {
            track.sampleBytes = sampleBytes(source, body, end);
          }
        }
        case "mdat" -> {
          if (depth == 0) {
            found.mediaData.add(new long[] {body, header[0] == 0 && header[1] == 0 && header[2] == 0
                && header[3] == 0 ? -1 : end - body});
          }
        }
        default -> { }
      }
      position = end;
    }
  }

  /** Duration in seconds from an {@code mvhd} or {@code mdhd} body; -1 when it says "unknown". */
  private static double headerDuration(ByteSource source, long body, long end, String what, Track track) {
    byte[] version = source.readFully(body, 1, what);
    boolean v1 = version[0] == 1;
    int length = v1 ? 32 : 20;
    if (end - body < length) {
      throw new AudioFormatException("Truncated MP4 " + what + " box");
    }
    byte[] b = source.readFully(body, length, what);
    long timescale = v1 ? ByteSource.u32be(b, 20) : ByteSource.u32be(b, 12);
    long duration = v1 ? ByteSource.u64be(b, 24) : ByteSource.u32be(b, 16);
    if (timescale == 0 || (v1 && duration < -1)) {
      throw new AudioFormatException("Invalid MP4 " + what + ": duration " + Long.toUnsignedString(duration)
          + " in timescale " + timescale);
    }
    if (track != null) {
      track.timescale = timescale;
    }
    if (duration == (v1 ? -1L : 0xFFFFFFFFL)) {
      return -1; // all ones: unknown duration
    }
    return duration / (double) timescale;
  }

  /**
   * Refuses a file cut short: a top-level {@code mdat} that declares more bytes than the file holds, or
   * a sound track whose samples need more bytes than the media data holds. Asked last, since learning
   * the size of a stream reads it to its end.
   */
  private static void checkMediaDataPresent(ByteSource source, Found found, Track sound) {
    long size = source.size();
    long present = 0;
    for (long[] mdat : found.mediaData) {
      long available = Math.max(0, size - mdat[0]);
      if (mdat[1] > available) {
        throw new AudioFormatException("Truncated audio: the M4A media data holds " + available + " of the "
            + mdat[1] + " bytes its header declares");
      }
      present += mdat[1] < 0 ? available : mdat[1];
    }
    if (sound.sampleBytes > present) {
      throw new AudioFormatException("Truncated audio: the M4A sound track needs " + sound.sampleBytes
          + " bytes of samples but the file holds " + present);
    }
  }

  /** The total size of the samples an {@code stsz} body lists; -1 when it is too short to say. */
  private static long sampleBytes(ByteSource source, long body, long end) {
    // version/flags(4) sample_size(4) sample_count(4), then sample_count sizes when sample_size is 0
    if (end - body < 12) {
      return -1;
    }
    byte[] head = source.readFully(body, 12, "stsz");
    long uniform = ByteSource.u32be(head, 4);
    long count = ByteSource.u32be(head, 8);
    if (uniform != 0) {
      return uniform * count;
    }
    if (count * 4 > end - body - 12) {
      throw new AudioFormatException("Invalid MP4 stsz: " + count + " samples in " + (end - body) + " bytes");
    }
    long total = 0;
    long position = body + 12;
    for (long left = count; left > 0; ) {
      int n = (int) Math.min(left, ByteSource.WINDOW / 4);
      byte[] sizes = source.readFully(position, n * 4, "stsz sample sizes");
      for (int i = 0; i < n; i++) {
        total += ByteSource.u32be(sizes, i * 4);
      }
      position += n * 4L;
      left -= n;
    }
    return total;
  }

  /** Channels and sample rate from the first audio sample entry of an {@code stsd} body. */
  private static void readSampleEntry(ByteSource source, long body, long end, Track track) {
    // stsd: version/flags(4) count(4), then an entry: size(4) type(4) reserved(6) index(2)
    // version(2) revision(2) vendor(4) channels(2) sampleSize(2) compression(2) packet(2) rate(16.16)
    if (end - body < 8 + 36) {
      return;
    }
    byte[] entry = source.readFully(body + 8, 36, "stsd entry");
    track.channels = ByteSource.u16be(entry, 24);
    track.sampleRate = (int) (ByteSource.u32be(entry, 32) >>> 16);
  }
}
