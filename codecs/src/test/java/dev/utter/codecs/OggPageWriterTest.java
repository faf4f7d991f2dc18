package dev.utter.codecs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class OggPageWriterTest {
  @Test
  void crcIsTheOggCrc32() {
    // CRC-32 with polynomial 0x04C11DB7, initial value 0, unreflected, no final XOR: the check value of
    // "123456789" is 0x89A1897F (the complement of POSIX cksum's 0x765E7680, which adds a final XOR).
    assertEquals(0x89A1897F, OggPageWriter.crc("123456789".getBytes(StandardCharsets.US_ASCII)));
  }

  @Test
  void aPageLacesItsPacketsAndCarriesTheLastGranule() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    OggPageWriter pages = new OggPageWriter(out, 0x01020304);
    pages.addPacket(new byte[300], 300, 960);
    pages.addPacket(new byte[255], 255, 1920);
    pages.writePage(OggPageWriter.END_OF_STREAM);
    pages.writePage(0); // nothing pending: no page

    byte[] page = out.toByteArray();
    ByteBuffer b = ByteBuffer.wrap(page).order(ByteOrder.LITTLE_ENDIAN);
    assertEquals("OggS", new String(page, 0, 4, StandardCharsets.US_ASCII));
    assertEquals(OggPageWriter.END_OF_STREAM, page[5]);
    assertEquals(1920, b.getLong(6));
    assertEquals(0x01020304, b.getInt(14));
    assertEquals(0, b.getInt(18));
    assertEquals(4, page[26]); // 300 = 255 + 45; 255 = 255 + a closing 0
    assertEquals("[-1, 45, -1, 0]", Arrays.toString(Arrays.copyOfRange(page, 27, 31)));
    assertEquals(27 + 4 + 555, page.length);
    int crc = b.getInt(22);
    Arrays.fill(page, 22, 26, (byte) 0);
    assertEquals(OggPageWriter.crc(page), crc);
  }

  @Test
  void aPacketTooLongForOnePageIsRefused() {
    OggPageWriter pages = new OggPageWriter(new ByteArrayOutputStream(), 1);
    assertThrows(IllegalArgumentException.class, () -> pages.addPacket(new byte[255 * 255], 255 * 255, 0));
  }
}
