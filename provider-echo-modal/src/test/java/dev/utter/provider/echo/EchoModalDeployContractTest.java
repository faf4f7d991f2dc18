package dev.utter.provider.echo;

import dev.utter.AuthenticationException;
import dev.utter.UtterException;
import dev.utter.spi.TtsProvider;
import dev.utter.testing.ModalDeployService;
import dev.utter.testing.TtsProviderContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The provider contract against the real modal-deploy Echo service (fake engine) on loopback, started
 * with a bearer token: the working provider sends it, the failing one sends a wrong one.
 */
class EchoModalDeployContractTest extends TtsProviderContract {
  private static final String TOKEN = "echo-contract-token";
  private static ModalDeployService service;

  @BeforeAll
  static void startService() {
    service = ModalDeployService.builder("echo").token(TOKEN).start();
  }

  @AfterAll
  static void stopService() {
    if (service != null) {
      service.close();
    }
  }

  @Override
  protected TtsProvider createProvider() {
    return EchoModalProvider.builder().baseUrl(service.baseUrl()).bearerToken(TOKEN).build();
  }

  @Override
  protected TtsProvider createFailingProvider() {
    return EchoModalProvider.builder().baseUrl(service.baseUrl()).bearerToken("wrong-token").build();
  }

  @Override
  protected Class<? extends UtterException> expectedFailure() {
    return AuthenticationException.class;
  }
}
