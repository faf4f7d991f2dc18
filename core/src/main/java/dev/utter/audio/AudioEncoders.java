package dev.utter.audio;

import dev.utter.ConfigurationException;
import dev.utter.OutputFormat;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Objects;
import java.util.ServiceLoader;

/**
 * Opens an {@link AudioEncoder} for any {@link OutputFormat}: WAV, PCM and G.711 from core, MP3 and Opus
 * from an {@link AudioEncoderProvider} on the class path (the module {@code dev.utter:utter-codecs}).
 * Thread-safe.
 */
public final class AudioEncoders {
  /** The module that provides the encoders core lacks. */
  public static final String CODECS_MODULE = "dev.utter:utter-codecs";

  private static volatile List<AudioEncoderProvider> providers;

  private AudioEncoders() {}

  /**
   * Checks that {@code format} can be encoded here.
   *
   * @throws ConfigurationException when it needs a codec that no provider on the class path has, naming
   *     the module to add.
   */
  public static void checkAvailable(OutputFormat format) {
    provider(format.encoding());
  }

  /**
   * An encoder writing {@code format} to {@code out} at {@code sampleRate} (the format's own rate when it
   * has one, else the rate given).
   *
   * @throws ConfigurationException when no encoder for the format is on the class path.
   */
  public static AudioEncoder open(OutputFormat format, int sampleRate, OutputStream out) throws IOException {
    Objects.requireNonNull(format, "format == null");
    Objects.requireNonNull(out, "out == null");
    OutputFormat resolved = format.resolve(sampleRate);
    if (SampleEncoder.handles(format.encoding())) {
      return SampleEncoder.open(resolved, out);
    }
    return provider(format.encoding()).open(resolved, out);
  }

  private static AudioEncoderProvider provider(OutputFormat.Encoding encoding) {
    if (SampleEncoder.handles(encoding)) {
      return null;
    }
    for (AudioEncoderProvider provider : providers()) {
      if (provider.encodings().contains(encoding)) {
        return provider;
      }
    }
    throw new ConfigurationException("Output format " + encoding.name() + " needs an encoder that is not on the "
        + "class path: add the dependency " + CODECS_MODULE + " (MP3 and Opus encoders).");
  }

  private static List<AudioEncoderProvider> providers() {
    List<AudioEncoderProvider> found = providers;
    if (found == null) {
      found = ServiceLoader.load(AudioEncoderProvider.class, AudioEncoders.class.getClassLoader()).stream()
          .map(ServiceLoader.Provider::get)
          .toList();
      providers = found;
    }
    return found;
  }
}
