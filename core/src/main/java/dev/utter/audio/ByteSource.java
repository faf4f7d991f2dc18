package dev.utter.audio;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;

/**
 * The bytes of an audio file, in memory, in a seekable file or arriving on a stream, read by position
 * so parsers take only the parts they need. Parsers read almost only forwards: a stream source keeps
 * just the last {@link #WINDOW} bytes it has read, so a parser may look back no further than that.
 * Reads past the end come back short; parsers treat that as the end or as truncation.
 */
abstract class ByteSource {
  /** How far back a parser may read on a stream source, and how much such a source holds. */
  static final int WINDOW = 64 * 1024;

  /** Reads up to {@code length} bytes at {@code position} into {@code into}; the count, or -1 at the end. */
  abstract int read(long position, byte[] into, int offset, int length);

  /** The number of bytes. A stream source reads to its end to learn it, so parsers ask for it last. */
  abstract long size();

  /** Exactly {@code length} (at most {@link #WINDOW}) bytes at {@code position}, or an error naming {@code what}. */
  final byte[] readFully(long position, int length, String what) {
    if (position < 0 || length < 0 || length > WINDOW) {
      throw new AudioFormatException("Invalid audio: " + what + " has an impossible position or size");
    }
    byte[] out = new byte[length];
    if (readAll(position, out, length) < length) {
      throw new AudioFormatException("Truncated audio: " + what + " runs past the end of the file");
    }
    return out;
  }

  /** Reads up to {@code length} bytes at {@code position} into {@code into}, stopping only at the end. */
  final int readAll(long position, byte[] into, int length) {
    int done = 0;
    while (done < length) {
      int n = read(position + done, into, done, length - done);
      if (n <= 0) {
        break;
      }
      done += n;
    }
    return done;
  }

  static ByteSource of(byte[] bytes) {
    return new ByteSource() {
      @Override
      long size() {
        return bytes.length;
      }

      @Override
      int read(long position, byte[] into, int offset, int length) {
        if (position >= bytes.length) {
          return -1;
        }
        int n = (int) Math.min(length, bytes.length - position);
        System.arraycopy(bytes, (int) position, into, offset, n);
        return n;
      }
    };
  }

  /** A source over {@code channel} that reads it in blocks, so walking small headers costs few reads. */
  static ByteSource of(SeekableByteChannel channel) throws IOException {
    long size = channel.size();
    return new ByteSource() {
      private final byte[] block = new byte[8 * 1024];
      private long blockStart;
      private int blockLength;

      @Override
      long size() {
        return size;
      }

      @Override
      int read(long position, byte[] into, int offset, int length) {
        if (position >= size) {
          return -1;
        }
        if (position < blockStart || position >= blockStart + blockLength) {
          try {
            channel.position(position);
            blockStart = position;
            blockLength = Math.max(0, channel.read(ByteBuffer.wrap(block)));
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
          if (blockLength == 0) {
            return -1;
          }
        }
        int n = (int) Math.min(length, blockStart + blockLength - position);
        System.arraycopy(block, (int) (position - blockStart), into, offset, n);
        return n;
      }
    };
  }

  /** A source over {@code in} from its current position; holds at most {@link #WINDOW} bytes. */
  static ByteSource of(InputStream in) {
    return new StreamSource(in);
  }

  private static final class StreamSource extends ByteSource {
    private final InputStream in;
    private final byte[] window = new byte[WINDOW];
    private long windowStart; // the stream position of window[0]
    private int filled;
    private boolean ended;

    StreamSource(InputStream in) {
      this.in = in;
    }

    @Override
    int read(long position, byte[] into, int offset, int length) {
      if (position < windowStart) {
        throw new IllegalStateException("read at " + position + " before the window at " + windowStart);
      }
      int wanted = Math.min(length, WINDOW);
      fill(position, wanted);
      long available = windowStart + filled - position;
      if (available <= 0) {
        return -1;
      }
      int n = (int) Math.min(wanted, available);
      System.arraycopy(window, (int) (position - windowStart), into, offset, n);
      return n;
    }

    @Override
    long size() {
      while (!ended) {
        fill(windowStart + filled, WINDOW / 2); // keeps the last half window for reads near the end
      }
      return windowStart + filled;
    }

    /** Makes the window hold [position, position + length), or up to the end, keeping what it can before. */
    private void fill(long position, int length) {
      long target = position + length;
      long windowEnd = windowStart + filled;
      if (target <= windowEnd) {
        return;
      }
      long keepFrom = Math.max(windowStart, target - WINDOW);
      try {
        if (keepFrom >= windowEnd) {
          windowStart = windowEnd + skip(keepFrom - windowEnd);
          filled = 0;
        } else {
          int drop = (int) (keepFrom - windowStart);
          System.arraycopy(window, drop, window, 0, filled - drop);
          windowStart = keepFrom;
          filled -= drop;
        }
        while (!ended && windowStart + filled < target) {
          int n = in.read(window, filled, window.length - filled);
          if (n < 0) {
            ended = true;
          } else {
            filled += n;
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** Skips up to {@code count} bytes; returns how many were skipped (fewer at the end). */
    private long skip(long count) throws IOException {
      long skipped = 0;
      while (skipped < count && !ended) {
        long n = in.skip(count - skipped);
        if (n > 0) {
          skipped += n;
        } else if (in.read() < 0) {
          ended = true;
        } else {
          skipped++;
        }
      }
      return skipped;
    }
  }

  static int u16le(byte[] b, int at) {
    return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
  }

  static long u32le(byte[] b, int at) {
    return (u16le(b, at) | (long) u16le(b, at + 2) << 16) & 0xFFFFFFFFL;
  }

  static int u16be(byte[] b, int at) {
    return (b[at] & 0xFF) << 8 | (b[at + 1] & 0xFF);
  }

  static long u32be(byte[] b, int at) {
    return ((long) u16be(b, at) << 16 | u16be(b, at + 2)) & 0xFFFFFFFFL;
  }

  static long u64be(byte[] b, int at) {
    return u32be(b, at) << 32 | u32be(b, at + 4);
  }

  static boolean ascii(byte[] b, int at, String text) {
    if (at < 0 || at + text.length() > b.length) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      if (b[at + i] != text.charAt(i)) {
        return false;
      }
    }
    return true;
  }
}
