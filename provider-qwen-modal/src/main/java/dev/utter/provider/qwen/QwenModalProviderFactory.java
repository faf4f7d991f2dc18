package dev.utter.provider.qwen;

import dev.utter.spi.ProviderSettings;
import dev.utter.spi.TtsProvider;
import dev.utter.spi.TtsProviderFactory;
import dev.utter.transport.ModalAuth;

/**
 * Creates {@link QwenModalProvider}s from settings (code first, then the environment): the endpoints
 * from {@code UTTER_QWEN_URL}, {@code UTTER_QWEN_WORKSPACE} (with {@code QWEN_MODAL_APP},
 * {@code QWEN_MODAL_CLASS}) or the four {@code UTTER_QWEN_*_URL}s (see {@link QwenEndpoints#fromSettings}),
 * the credentials from {@code MODAL_KEY}/{@code MODAL_SECRET} and {@code UTTER_SERVICE_TOKEN}, and the
 * VoiceDesign service from {@code UTTER_QWEN_DESIGN_URL} when set. Found by
 * {@link java.util.ServiceLoader} under the id {@code qwen-modal}.
 */
public final class QwenModalProviderFactory implements TtsProviderFactory {
  /** For {@link java.util.ServiceLoader}; holds no state. */
  public QwenModalProviderFactory() {}

  @Override
  public String id() {
    return QwenModalProvider.ID;
  }

  /** @throws dev.utter.ConfigurationException when no endpoints, or half a Modal key pair, are set. */
  @Override
  public TtsProvider create(ProviderSettings settings) {
    QwenModalProvider.Builder builder = QwenModalProvider.builder()
        .endpoints(QwenEndpoints.fromSettings(settings))
        .auth(ModalAuth.fromSettings(settings));
    settings.get(QwenEndpoints.DESIGN_URL).ifPresent(builder::designUrl);
    return builder.build();
  }
}
