package dev.utter.codecs;

import dev.utter.audio.AudioEncoder;
import io.github.jaredmdobson.concentus.OpusApplication;
import io.github.jaredmdobson.concentus.OpusEncoder;
import io.github.jaredmdobson.concentus.OpusException;
import io.github.jaredmdobson.concentus.OpusSignal;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Mono Opus in Ogg (RFC 7845) through Concentus: an OpusHead page, an OpusTags page, then 20 ms packets,
 * a page per {@link #flush()} or per second of audio. Granule positions count 48 kHz samples from the
 * start; the header's pre-skip drops the encoder's look-ahead and the last page's granule position trims
 * the final packet's padding, so a decoder returns exactly the samples encoded.
 */
final class OggOpusEncoder implements AudioEncoder {
  private static final int FRAME_MILLIS = 20;
  private static final int PACKETS_PER_PAGE = 50;
  private static final int MAX_PACKET = 1500;
  private static final String VENDOR = "utter-codecs (Concentus)";

  private final OpusEncoder opus;
  private final OggPageWriter pages;
  private final OutputStream out;
  private final int samplesPer48k;
  private final int preSkip48k;
  private final short[] frame;
  private final byte[] packet = new byte[MAX_PACKET];
  private int framed;
  private long samplesIn;
  private long packetsOut;

  private OggOpusEncoder(OpusEncoder opus, int sampleRate, OutputStream out) {
    this.opus = opus;
    this.out = out;
    this.pages = new OggPageWriter(out, ThreadLocalRandom.current().nextInt());
    this.samplesPer48k = 48_000 / sampleRate;
    this.preSkip48k = opus.getLookahead() * samplesPer48k;
    this.frame = new short[sampleRate * FRAME_MILLIS / 1000];
  }

  static OggOpusEncoder open(int sampleRate, int kbps, OutputStream out) throws IOException {
    if (48_000 % sampleRate != 0) {
      throw new IllegalArgumentException("Opus cannot encode at " + sampleRate + " Hz");
    }
    OpusEncoder opus;
    try {
      opus = new OpusEncoder(sampleRate, 1, OpusApplication.OPUS_APPLICATION_AUDIO);
    } catch (OpusException e) {
      throw new IllegalArgumentException("Opus cannot encode at " + sampleRate + " Hz: " + e.getMessage(), e);
    }
    opus.setBitrate(kbps * 1000);
    opus.setSignalType(OpusSignal.OPUS_SIGNAL_VOICE);
    opus.setComplexity(10);
    OggOpusEncoder encoder = new OggOpusEncoder(opus, sampleRate, out);
    encoder.writeHeaders(sampleRate);
    return encoder;
  }

  private void writeHeaders(int sampleRate) throws IOException {
    byte[] head = new byte[19];
    System.arraycopy("OpusHead".getBytes(StandardCharsets.US_ASCII), 0, head, 0, 8);
    head[8] = 1; // version
    head[9] = 1; // channels
    head[10] = (byte) preSkip48k;
    head[11] = (byte) (preSkip48k >>> 8);
    for (int i = 0; i < 4; i++) {
      head[12 + i] = (byte) (sampleRate >>> (8 * i)); // the input's rate, for information
    }
    // bytes 16-17: output gain 0; byte 18: channel mapping family 0
    pages.addPacket(head, head.length, 0);
    pages.writePage(OggPageWriter.BEGINNING_OF_STREAM);

    byte[] vendor = VENDOR.getBytes(StandardCharsets.UTF_8);
    byte[] tags = new byte[8 + 4 + vendor.length + 4];
    System.arraycopy("OpusTags".getBytes(StandardCharsets.US_ASCII), 0, tags, 0, 8);
    tags[8] = (byte) vendor.length;
    tags[9] = (byte) (vendor.length >>> 8);
    System.arraycopy(vendor, 0, tags, 12, vendor.length);
    // last four bytes: zero user comments
    pages.addPacket(tags, tags.length, 0);
    pages.writePage(0);
  }

  @Override
  public void encode(short[] samples, int offset, int length) throws IOException {
    for (int i = 0; i < length; ) {
      int n = Math.min(frame.length - framed, length - i);
      System.arraycopy(samples, offset + i, frame, framed, n);
      framed += n;
      i += n;
      if (framed == frame.length) {
        encodeFrame(-1);
      }
    }
    samplesIn += length;
  }

  @Override
  public void flush() throws IOException {
    pages.writePage(0);
    out.flush();
  }

  /**
   * Pads with silence through the encoder's look-ahead to a whole frame, and ends the stream with a page
   * whose granule position marks the last real sample.
   */
  @Override
  public void finish() throws IOException {
    long end48k = preSkip48k + samplesIn * samplesPer48k;
    long needed = samplesIn + preSkip48k / samplesPer48k; // the speech and the encoder's look-ahead
    while (packetsOut * frame.length < needed) {
      Arrays.fill(frame, framed, frame.length, (short) 0);
      framed = frame.length;
      boolean last = (packetsOut + 1) * frame.length >= needed;
      encodeFrame(last ? end48k : -1);
    }
    pages.writePage(OggPageWriter.END_OF_STREAM);
    out.flush();
  }

  /** Encodes the full frame; {@code endGranule} >= 0 marks the stream's last packet. */
  private void encodeFrame(long endGranule) throws IOException {
    int bytes;
    try {
      bytes = opus.encode(frame, 0, frame.length, packet, 0, packet.length);
    } catch (OpusException e) {
      throw new IOException("Opus encoding failed: " + e.getMessage(), e);
    }
    packetsOut++;
    framed = 0;
    long granule = endGranule >= 0 ? endGranule : packetsOut * frame.length * samplesPer48k;
    pages.addPacket(packet, bytes, granule);
    if (pages.pendingPackets() >= PACKETS_PER_PAGE) {
      pages.writePage(0);
    }
  }
}
