package dev.utter.audio;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;

/**
 * Random access to the bytes of an audio file, in memory or on disk, so parsers read only the parts
 * they need. Reads past the end come back short; a parser treats that as truncation.
 */
abstract class ByteSource {
  /** The number of bytes. */
  abstract long size();

  /** Reads up to {@code length} bytes at {@code position} into {@code into}; returns how many were read. */
  abstract int read(long position, byte[] into, int offset, int length);

  /** Exactly {@code length} bytes at {@code position}, or an {@link AudioFormatException} naming {@code what}. */
  final byte[] readFully(long position, int length, String what) {
    if (position < 0 || length < 0 || position + length > size()) {
      throw new AudioFormatException("Truncated audio: " + what + " runs past the end of the file");
    }
    byte[] out = new byte[length];
    int done = 0;
    while (done < length) {
      int n = read(position + done, out, done, length - done);
      if (n <= 0) {
        throw new AudioFormatException("Truncated audio: " + what + " runs past the end of the file");
      }
      done += n;
    }
    return out;
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

  static ByteSource of(SeekableByteChannel channel) throws IOException {
    long size = channel.size();
    return new ByteSource() {
      @Override
      long size() {
        return size;
      }

      @Override
      int read(long position, byte[] into, int offset, int length) {
        try {
          channel.position(position);
          return channel.read(ByteBuffer.wrap(into, offset, length));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    };
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
