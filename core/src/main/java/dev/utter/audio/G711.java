package dev.utter.audio;

/**
 * ITU-T G.711 companding: 16-bit linear PCM to 8-bit μ-law or A-law and back, as the reference
 * implementation (Sun's {@code g711.c}) does it on 14-bit (μ-law) and 13-bit (A-law) input, after rounding
 * the 16-bit sample to that width as sox does. Stateless and thread-safe.
 */
public final class G711 {
  private static final int BIAS = 0x84;
  private static final int CLIP = 8159;
  private static final int[] ULAW_SEGMENT_ENDS = {0x3F, 0x7F, 0xFF, 0x1FF, 0x3FF, 0x7FF, 0xFFF, 0x1FFF};
  private static final int[] ALAW_SEGMENT_ENDS = {0x1F, 0x3F, 0x7F, 0xFF, 0x1FF, 0x3FF, 0x7FF, 0xFFF};

  private G711() {}

  /** The μ-law byte for a 16-bit sample. */
  public static byte toUlaw(short sample) {
    int value = Math.min((sample + 2) >> 2, 8191); // rounded to the 14 bits G.711 μ-law works on
    int mask;
    if (value < 0) {
      value = -value;
      mask = 0x7F;
    } else {
      mask = 0xFF;
    }
    value = Math.min(value, CLIP) + (BIAS >> 2);
    int segment = segment(value, ULAW_SEGMENT_ENDS);
    int code = segment >= 8 ? 0x7F : (segment << 4) | ((value >> (segment + 1)) & 0xF);
    return (byte) (code ^ mask);
  }

  /** The 16-bit sample a μ-law byte stands for. */
  public static short fromUlaw(byte code) {
    int u = ~code & 0xFF;
    int t = (((u & 0x0F) << 3) + BIAS) << ((u & 0x70) >> 4);
    return (short) ((u & 0x80) != 0 ? BIAS - t : t - BIAS);
  }

  /** The A-law byte for a 16-bit sample. */
  public static byte toAlaw(short sample) {
    int value = Math.min((sample + 4) >> 3, 4095); // rounded to the 13 bits G.711 A-law works on
    int mask;
    if (value >= 0) {
      mask = 0xD5;
    } else {
      mask = 0x55;
      value = -value - 1;
    }
    int segment = segment(value, ALAW_SEGMENT_ENDS);
    int code;
    if (segment >= 8) {
      code = 0x7F;
    } else {
      code = (segment << 4) | ((segment < 2 ? value >> 1 : value >> segment) & 0x0F);
    }
    return (byte) (code ^ mask);
  }

  /** The 16-bit sample an A-law byte stands for. */
  public static short fromAlaw(byte code) {
    int a = (code & 0xFF) ^ 0x55;
    int t = (a & 0x0F) << 4;
    int segment = (a & 0x70) >> 4;
    if (segment == 0) {
      t += 8;
    } else {
      t = (t + 0x108) << (segment - 1);
    }
    return (short) ((a & 0x80) != 0 ? t : -t);
  }

  private static int segment(int value, int[] ends) {
    for (int i = 0; i < ends.length; i++) {
      if (value <= ends[i]) {
        return i;
      }
    }
    return ends.length;
  }
}
