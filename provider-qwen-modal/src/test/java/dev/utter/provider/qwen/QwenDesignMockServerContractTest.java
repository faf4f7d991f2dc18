package dev.utter.provider.qwen;

import dev.utter.spi.TtsProvider;
import dev.utter.testing.VoiceDesignContract;
import dev.utter.transport.ModalRetries;
import java.io.IOException;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;

/**
 * The voice-design contract for {@code qwen-modal} against a {@code mockwebserver3} playing a Qwen
 * service and a VoiceDesign service that lists three languages (so a fourth is refused before any call).
 */
class QwenDesignMockServerContractTest extends VoiceDesignContract {
  private final MockWebServer server = new MockWebServer();

  /** Starts the server here: the contract's own set-up, which runs first, already makes a provider. */
  QwenDesignMockServerContractTest() throws IOException {
    server.setDispatcher(new ScriptedDesignService());
    server.start();
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  @Override
  protected TtsProvider createProvider() {
    return QwenModalProvider.builder()
        .baseUrl(server.url(ScriptedDesignService.QWEN).toString())
        .designUrl(server.url(ScriptedDesignService.DESIGN).toString())
        .retryConfig(ModalRetries.none())
        .build();
  }

  @Override
  protected TtsProvider createProviderWithoutDesign() {
    return QwenModalProvider.builder()
        .baseUrl(server.url(ScriptedDesignService.QWEN).toString())
        .retryConfig(ModalRetries.none())
        .build();
  }
}
