package dev.utter.provider.echo;

import dev.utter.ProviderUnavailableException;
import dev.utter.UtterException;
import dev.utter.spi.TtsProvider;
import dev.utter.testing.TtsProviderContract;
import dev.utter.transport.ModalRetries;
import java.io.IOException;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The provider contract against {@code mockwebserver3} scripted as the Echo service; the failing
 * provider talks to a server that answers 503 to everything.
 */
class EchoMockServerContractTest extends TtsProviderContract {
  private static final MockWebServer server = new MockWebServer();
  private static final MockWebServer unavailable = new MockWebServer();

  @BeforeAll
  static void startServers() throws IOException {
    server.setDispatcher(new ScriptedEchoService());
    server.start();
    unavailable.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return ScriptedEchoService.error(503, "No GPU is available", "unavailable");
      }
    });
    unavailable.start();
  }

  @AfterAll
  static void stopServers() {
    server.close();
    unavailable.close();
  }

  @Override
  protected TtsProvider createProvider() {
    return EchoModalProvider.builder().baseUrl(server.url("/")).retryConfig(ModalRetries.none()).build();
  }

  @Override
  protected TtsProvider createFailingProvider() {
    return EchoModalProvider.builder().baseUrl(unavailable.url("/")).retryConfig(ModalRetries.none()).build();
  }

  @Override
  protected Class<? extends UtterException> expectedFailure() {
    return ProviderUnavailableException.class;
  }
}
