package dev.utter.provider.qwen;

import dev.utter.AuthenticationException;
import dev.utter.UtterException;
import dev.utter.spi.TtsProvider;
import dev.utter.testing.ModalDeployService;
import dev.utter.testing.TtsProviderContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The provider contract against the real modal-deploy Qwen service (fake engine) on loopback, started
 * with a bearer token: the working provider sends it, the failing one does not.
 */
class QwenModalDeployContractTest extends TtsProviderContract {
  private static final String TOKEN = "contract-test-token";
  private static ModalDeployService service;

  @BeforeAll
  static void startService() {
    service = ModalDeployService.builder("qwen").token(TOKEN).start();
  }

  @AfterAll
  static void stopService() {
    if (service != null) {
      service.close();
    }
  }

  @Override
  protected TtsProvider createProvider() {
    return QwenModalProvider.builder().baseUrl(service.baseUrl()).bearerToken(TOKEN).build();
  }

  @Override
  protected TtsProvider createFailingProvider() {
    return QwenModalProvider.builder().baseUrl(service.baseUrl()).bearerToken("wrong-token").build();
  }

  @Override
  protected Class<? extends UtterException> expectedFailure() {
    return AuthenticationException.class;
  }
}
