package dev.utter.codecs;

import de.sciss.jump3r.lowlevel.LameEncoder;
import dev.utter.audio.AudioEncoder;
import java.io.IOException;
import java.io.OutputStream;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;

/**
 * Mono constant-bitrate MP3 through jump3r's LAME port, at the input's own sample rate (LAME would
 * otherwise pick a lower one for low bitrates). Writes plain frames with no Xing/LAME header, so the
 * stream is valid from its first byte; decoders see LAME's usual padding (about 1100 samples) around the
 * speech.
 */
final class Mp3Encoder implements AudioEncoder {
  /** Samples handed to LAME a call: four MPEG-1 frames. */
  private static final int SAMPLES_PER_CALL = 4608;
  /** LAME's worst case for that many samples: 1.25 bytes a sample plus 7200 (lame.h). */
  private static final int MP3_BUFFER = SAMPLES_PER_CALL * 5 / 4 + 7200;

  private final LameEncoder lame;
  private final OutputStream out;
  private final byte[] pcm;
  private final byte[] mp3;

  Mp3Encoder(int sampleRate, int kbps, OutputStream out) {
    AudioFormat source = new AudioFormat(sampleRate, 16, 1, true, false);
    this.lame = new LameEncoder(source, kbps, LameEncoder.CHANNEL_MODE_MONO, LameEncoder.QUALITY_MIDDLE, false);
    lame.setTargetFormat(new AudioFormat(LameEncoder.MPEG1L3, sampleRate, AudioSystem.NOT_SPECIFIED, 1,
        AudioSystem.NOT_SPECIFIED, AudioSystem.NOT_SPECIFIED, false));
    if (lame.getEffectiveSampleRate() != sampleRate || lame.getEffectiveBitRate() != kbps) {
      throw new IllegalArgumentException("LAME cannot encode " + sampleRate + " Hz at " + kbps + " kb/s; it chose "
          + lame.getEffectiveSampleRate() + " Hz at " + lame.getEffectiveBitRate() + " kb/s");
    }
    this.out = out;
    this.pcm = new byte[2 * SAMPLES_PER_CALL];
    this.mp3 = new byte[MP3_BUFFER];
  }

  @Override
  public void encode(short[] samples, int offset, int length) throws IOException {
    for (int from = 0; from < length; from += SAMPLES_PER_CALL) {
      int count = Math.min(SAMPLES_PER_CALL, length - from);
      for (int i = 0; i < count; i++) {
        short s = samples[offset + from + i];
        pcm[2 * i] = (byte) s;
        pcm[2 * i + 1] = (byte) (s >> 8);
      }
      out.write(mp3, 0, lame.encodeBuffer(pcm, 0, 2 * count, mp3));
    }
  }

  /** LAME writes each frame as soon as its granules are coded; nothing more can leave before the end. */
  @Override
  public void flush() throws IOException {
    out.flush();
  }

  @Override
  public void finish() throws IOException {
    out.write(mp3, 0, lame.encodeFinish(mp3));
    lame.close();
    out.flush();
  }
}
