package dev.utter.spi;

/**
 * Creates a {@link TtsProvider}. Implementations are listed in
 * {@code META-INF/services/dev.utter.spi.TtsProviderFactory} and found with {@link java.util.ServiceLoader};
 * see {@link TtsProviders}. They need a public no-argument constructor.
 */
public interface TtsProviderFactory {

  /** The stable id of the providers this factory creates. */
  String id();

  /**
   * A new provider configured from {@code settings}; the caller closes it.
   *
   * @throws dev.utter.ConfigurationException when a required setting is missing or invalid.
   */
  TtsProvider create(ProviderSettings settings);
}
