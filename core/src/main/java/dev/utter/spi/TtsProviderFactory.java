package dev.utter.spi;

/**
 * Creates a {@link TtsProvider}. Implementations are listed in
 * {@code META-INF/services/dev.utter.spi.TtsProviderFactory} and found with {@link java.util.ServiceLoader};
 * see {@link TtsProviders}. They need a public no-argument constructor.
 */
public interface TtsProviderFactory {

  /**
   * The stable id of the providers this factory creates.
   *
   * @return the id {@link TtsProviders#create} and {@code Utter.builder().provider(id)} select it
   *     by; never null
   */
  String id();

  /**
   * A new provider configured from {@code settings}; the caller closes it.
   *
   * @param settings where to read configuration (URLs, credentials, timeouts); not null
   * @return a new, open provider that the caller owns
   * @throws dev.utter.ConfigurationException when a required setting is missing or invalid.
   */
  TtsProvider create(ProviderSettings settings);
}
