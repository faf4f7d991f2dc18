package dev.utter.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.utter.testing.AudioTools;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * G.711 against ITU-T G.711's tables and against sox. The tables are built here from the
 * Recommendation's own description (Tables 1a/1b and 2a/2b): eight segments of sixteen steps, μ-law
 * decoding to ((2·step + 33) · 2^segment − 33) in 14-bit units, A-law to (2·step + 1) in segment 0 and
 * (2·step + 33) · 2^(segment − 1) above it in 13-bit units; the character signal is the sign and
 * segment/step bits with every bit inverted (μ-law) or the even bits inverted (A-law).
 */
class G711Test {
  @TempDir Path dir;

  @Test
  void ulawDecodesEveryCodeToTheItuValue() {
    for (int code = 0; code < 256; code++) {
      int bits = ~code & 0xFF;
      int segment = (bits >> 4) & 7;
      int step = bits & 0x0F;
      int magnitude14 = ((2 * step + 33) << segment) - 33;
      int expected = ((bits & 0x80) != 0 ? -magnitude14 : magnitude14) * 4;
      assertEquals(expected, G711.fromUlaw((byte) code), "μ-law code " + Integer.toHexString(code));
    }
  }

  @Test
  void alawDecodesEveryCodeToTheItuValue() {
    for (int code = 0; code < 256; code++) {
      int bits = code ^ 0x55;
      int segment = (bits >> 4) & 7;
      int step = bits & 0x0F;
      int magnitude13 = segment == 0 ? 2 * step + 1 : (2 * step + 33) << (segment - 1);
      int expected = ((bits & 0x80) != 0 ? magnitude13 : -magnitude13) * 8;
      assertEquals(expected, G711.fromAlaw((byte) code), "A-law code " + Integer.toHexString(code));
    }
  }

  @Test
  void everyCodeSurvivesDecodingAndEncodingAgain() {
    for (int code = 0; code < 256; code++) {
      byte c = (byte) code;
      // μ-law has two zeros (0x7F and 0xFF); both decode to 0, which encodes as 0xFF.
      byte ulaw = G711.toUlaw(G711.fromUlaw(c));
      assertEquals(code == 0x7F ? (byte) 0xFF : c, ulaw, "μ-law " + Integer.toHexString(code));
      assertEquals(c, G711.toAlaw(G711.fromAlaw(c)), "A-law " + Integer.toHexString(code));
    }
  }

  @Test
  void encodingEverySixteenBitSampleMatchesSox() throws Exception {
    byte[] pcm = new byte[65536 * 2];
    for (int v = Short.MIN_VALUE, i = 0; v <= Short.MAX_VALUE; v++, i += 2) {
      pcm[i] = (byte) v;
      pcm[i + 1] = (byte) (v >> 8);
    }
    Path in = Files.write(dir.resolve("all.raw"), pcm);
    for (String encoding : new String[] {"mu-law", "a-law"}) {
      byte[] sox = AudioTools.run("sox", "-V1", "-D", "-t", "raw", "-r", "8000", "-e", "signed", "-b", "16",
          "-c", "1", in.toString(), "-t", "raw", "-e", encoding, "-b", "8", "-");
      assertEquals(65536, sox.length);
      for (int v = Short.MIN_VALUE; v <= Short.MAX_VALUE; v++) {
        short s = (short) v;
        byte ours = encoding.equals("mu-law") ? G711.toUlaw(s) : G711.toAlaw(s);
        assertEquals(sox[v - Short.MIN_VALUE], ours, encoding + " of " + v);
      }
    }
  }

  @Test
  void quantizationErrorIsBoundedBySegment() {
    // The largest step is 1024 (μ-law, top segment, 16-bit units) and 1024 (A-law); the truncating
    // encoder is off by less than a step, and by less than 16 near zero.
    for (int v = Short.MIN_VALUE; v <= Short.MAX_VALUE; v++) {
      short s = (short) v;
      int ulawError = Math.abs(G711.fromUlaw(G711.toUlaw(s)) - v);
      int alawError = Math.abs(G711.fromAlaw(G711.toAlaw(s)) - v);
      int limit = Math.abs(v) < 256 ? 16 : 1024 + Math.max(0, Math.abs(v) - 32124);
      assertTrue(ulawError <= limit, "μ-law error " + ulawError + " at " + v);
      assertTrue(alawError <= limit, "A-law error " + alawError + " at " + v);
    }
  }
}
