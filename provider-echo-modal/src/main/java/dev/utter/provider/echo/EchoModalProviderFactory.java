package dev.utter.provider.echo;

import dev.utter.spi.ProviderSettings;
import dev.utter.spi.TtsProviderFactory;

/**
 * Makes {@link EchoModalProvider}s selectable by the id {@value EchoModalProvider#ID}, configured from
 * {@code UTTER_ECHO_URL} (required), {@code MODAL_KEY} and {@code MODAL_SECRET}, and
 * {@code UTTER_SERVICE_TOKEN}. Listed in {@code META-INF/services}; stateless and thread-safe.
 *
 * <p>Echo-TTS weights and generated audio are CC-BY-NC-SA-4.0: non-commercial use only.
 */
public final class EchoModalProviderFactory implements TtsProviderFactory {

  /** For {@link java.util.ServiceLoader}. */
  public EchoModalProviderFactory() {}

  @Override
  public String id() {
    return EchoModalProvider.ID;
  }

  /** @throws dev.utter.ConfigurationException when {@code UTTER_ECHO_URL} is missing or invalid. */
  @Override
  public EchoModalProvider create(ProviderSettings settings) {
    return EchoModalProvider.builder().settings(settings).build();
  }
}
