package dev.utter.codecs;

import dev.utter.OutputFormat;
import dev.utter.audio.AudioEncoder;
import dev.utter.audio.AudioEncoderProvider;
import java.io.IOException;
import java.io.OutputStream;
import java.util.EnumSet;
import java.util.Set;

/**
 * The MP3 and Opus encoders, found by {@link java.util.ServiceLoader} when this module is on the class
 * path: MP3 with jump3r (a Java port of LAME, LGPL-2.1+), Opus in Ogg with Concentus (a Java port of
 * libopus, BSD-3-Clause). Stateless and thread-safe; each encoder it opens serves one output.
 */
public final class CodecEncoderProvider implements AudioEncoderProvider {
  @Override
  public Set<OutputFormat.Encoding> encodings() {
    return EnumSet.of(OutputFormat.Encoding.MP3, OutputFormat.Encoding.OPUS);
  }

  @Override
  public AudioEncoder open(OutputFormat format, OutputStream out) throws IOException {
    int sampleRate = format.sampleRate().orElseThrow(() -> new IllegalArgumentException("no sample rate: " + format));
    int kbps = format.kbps().orElseThrow(() -> new IllegalArgumentException("no bitrate: " + format));
    return switch (format.encoding()) {
      case MP3 -> new Mp3Encoder(sampleRate, kbps, out);
      case OPUS -> OggOpusEncoder.open(sampleRate, kbps, out);
      default -> throw new IllegalArgumentException("not an encoding of this module: " + format);
    };
  }
}
