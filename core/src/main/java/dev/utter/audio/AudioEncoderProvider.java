package dev.utter.audio;

import dev.utter.OutputFormat;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Set;

/**
 * A source of {@link AudioEncoder}s for some encodings, found with {@link java.util.ServiceLoader} (list
 * the implementation in {@code META-INF/services/dev.utter.audio.AudioEncoderProvider}). Core provides
 * WAV, PCM and G.711 itself; the optional module {@code dev.utter:utter-codecs} provides MP3 and Opus.
 * Implementations are stateless and thread-safe, with a public no-argument constructor.
 */
public interface AudioEncoderProvider {
  /** The encodings this provider can open encoders for. */
  Set<OutputFormat.Encoding> encodings();

  /**
   * An encoder writing {@code format} to {@code out}, at {@code format}'s sample rate. May write a header
   * at once.
   *
   * @param format one of {@link #encodings()}, with its sample rate set
   * @param out where the encoded bytes go; the encoder never closes it
   */
  AudioEncoder open(OutputFormat format, OutputStream out) throws IOException;
}
