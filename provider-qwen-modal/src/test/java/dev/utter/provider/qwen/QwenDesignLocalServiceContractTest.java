package dev.utter.provider.qwen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.utter.AuthenticationException;
import dev.utter.DesignRequest;
import dev.utter.Utter;
import dev.utter.spi.TtsProvider;
import dev.utter.testing.ModalDeployService;
import dev.utter.testing.VoiceDesignContract;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The voice-design contract for {@code qwen-modal} against the real modal-deploy services on loopback
 * (fake engines): the Qwen service and the VoiceDesign service ({@code --service design}), both behind
 * a bearer token, which the provider sends to each.
 */
class QwenDesignLocalServiceContractTest extends VoiceDesignContract {
  private static final String TOKEN = "design-contract-token";
  private static ModalDeployService qwen;
  private static ModalDeployService design;

  @BeforeAll
  static void startServices() {
    qwen = ModalDeployService.builder("qwen").token(TOKEN).start();
    design = ModalDeployService.builder("design").token(TOKEN).start();
  }

  @AfterAll
  static void stopServices() {
    for (ModalDeployService service : new ModalDeployService[] {qwen, design}) {
      if (service != null) {
        service.close();
      }
    }
  }

  @Override
  protected TtsProvider createProvider() {
    return QwenModalProvider.builder().baseUrl(qwen.baseUrl()).designUrl(design.baseUrl()).bearerToken(TOKEN).build();
  }

  @Test
  void aWrongTokenIsRefusedByTheDesignServiceAsAnAuthenticationFailure() {
    try (TtsProvider wrong = QwenModalProvider.builder().baseUrl(qwen.baseUrl()).designUrl(design.baseUrl())
             .bearerToken("wrong-token").build();
         Utter utter = Utter.builder().provider(wrong).build()) {
      assertThrows(AuthenticationException.class,
          () -> utter.design(DesignRequest.builder(DESCRIPTION, PREVIEW_TEXT).build()));
    }
    List<ModalDeployService.Request> designs = design.accessLog().stream()
        .filter(r -> r.path().equals("/design")).toList();
    assertEquals(401, designs.get(designs.size() - 1).status());
  }

  @Override
  protected TtsProvider createProviderWithoutDesign() {
    return QwenModalProvider.builder().baseUrl(qwen.baseUrl()).bearerToken(TOKEN).build();
  }
}
