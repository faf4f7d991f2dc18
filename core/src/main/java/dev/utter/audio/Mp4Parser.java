package dev.utter.audio;

import java.nio.charset.StandardCharsets;

/**
 * Reads the duration of an MPEG-4 audio file (M4A) from its boxes, without decoding. Takes the movie's
 * {@code mvhd}, which reflects edit lists (so, like ffprobe's format duration, it leaves out the AAC
 * encoder's priming samples), else the {@code mdhd} of the sound track ({@code hdlr} type
 * {@code soun}); channels and sample rate come from the sound track's sample entry. Understands
 * version 0 and 1 headers and 64-bit box sizes; every size is checked against its parent box before
 * anything is read, and boxes are skipped, never loaded, so the walk reads forwards only.
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
  }

  /** What a {@code trak} box says about its media. */
  private static final class Track {
    boolean isSound;
    double seconds = -1;
    long timescale;
    int sampleRate;
    int channels;
  }

  static AudioInfo probe(ByteSource source) {
    Found found = new Found();
    walk(source, 0, Long.MAX_VALUE, 0, found, null);
    Track sound = found.sound != null ? found.sound : new Track();
    double seconds = found.movieSeconds >= 0 ? found.movieSeconds : sound.seconds;
    if (seconds < 0) {
      throw new AudioFormatException("MP4 file has no movie header with a duration");
    }
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
