package dev.utter.codecs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Packs packets of one logical bitstream into Ogg pages (RFC 3533): lacing, page sequence numbers, granule
 * positions and the page CRC. A page holds whole packets only (none here is near 64 KiB), so every page's
 * granule position is that of its last packet. Not thread-safe.
 */
final class OggPageWriter {
  static final int BEGINNING_OF_STREAM = 0x02;
  static final int END_OF_STREAM = 0x04;
  private static final int MAX_SEGMENTS = 255;
  private static final int[] CRC_TABLE = crcTable();

  private final OutputStream out;
  private final int serial;
  private final ByteArrayOutputStream body = new ByteArrayOutputStream();
  private final byte[] segments = new byte[MAX_SEGMENTS];
  private int segmentCount;
  private int packetCount;
  private long granule;
  private int sequence;

  OggPageWriter(OutputStream out, int serial) {
    this.out = out;
    this.serial = serial;
  }

  /** The packets waiting for the next page. */
  int pendingPackets() {
    return packetCount;
  }

  /**
   * Adds a packet that ends at {@code granulePosition}, writing out the page so far first when the packet
   * would not fit in it.
   */
  void addPacket(byte[] packet, int length, long granulePosition) throws IOException {
    int needed = length / 255 + 1;
    if (needed > MAX_SEGMENTS) {
      throw new IllegalArgumentException("packet of " + length + " bytes does not fit one Ogg page");
    }
    if (segmentCount + needed > MAX_SEGMENTS) {
      writePage(0);
    }
    for (int left = length; ; left -= 255) {
      segments[segmentCount++] = (byte) Math.min(left, 255);
      if (left < 255) {
        break;
      }
    }
    body.write(packet, 0, length);
    granule = granulePosition;
    packetCount++;
  }

  /** Writes the packets added since the last page as one page with {@code flags}; nothing when none. */
  void writePage(int flags) throws IOException {
    if (packetCount == 0) {
      return;
    }
    byte[] page = new byte[27 + segmentCount + body.size()];
    page[0] = 'O';
    page[1] = 'g';
    page[2] = 'g';
    page[3] = 'S';
    page[4] = 0; // version
    page[5] = (byte) flags;
    putLong(page, 6, granule);
    putInt(page, 14, serial);
    putInt(page, 18, sequence++);
    // bytes 22..25: CRC, computed with the field zero
    page[26] = (byte) segmentCount;
    System.arraycopy(segments, 0, page, 27, segmentCount);
    byte[] data = body.toByteArray();
    System.arraycopy(data, 0, page, 27 + segmentCount, data.length);
    putInt(page, 22, crc(page));
    out.write(page);
    body.reset();
    segmentCount = 0;
    packetCount = 0;
  }

  /** The Ogg CRC-32: polynomial 0x04C11DB7, initial value 0, not reflected, no final XOR. */
  static int crc(byte[] bytes) {
    int crc = 0;
    for (byte b : bytes) {
      crc = (crc << 8) ^ CRC_TABLE[((crc >>> 24) ^ b) & 0xFF];
    }
    return crc;
  }

  private static int[] crcTable() {
    int[] table = new int[256];
    for (int i = 0; i < 256; i++) {
      int r = i << 24;
      for (int bit = 0; bit < 8; bit++) {
        r = (r & 0x80000000) != 0 ? (r << 1) ^ 0x04C11DB7 : r << 1;
      }
      table[i] = r;
    }
    return table;
  }

  private static void putInt(byte[] b, int at, int v) {
    b[at] = (byte) v;
    b[at + 1] = (byte) (v >>> 8);
    b[at + 2] = (byte) (v >>> 16);
    b[at + 3] = (byte) (v >>> 24);
  }

  private static void putLong(byte[] b, int at, long v) {
    putInt(b, at, (int) v);
    putInt(b, at + 4, (int) (v >>> 32));
  }
}
