package dev.utter.provider.qwen;

import dev.utter.GenerationFailedException;
import dev.utter.UtterException;
import dev.utter.audio.Wav;
import dev.utter.spi.TtsProvider;
import dev.utter.testing.TtsProviderContract;
import dev.utter.transport.ModalRetries;
import java.io.IOException;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;

/**
 * The provider contract against a {@code mockwebserver3} scripted as the original separate endpoints:
 * four endpoints, the reference sent as base64 every time, a tone as long as the text asked for.
 */
class QwenSeparateEndpointsContractTest extends TtsProviderContract {
  private static final Pattern TEXT = Pattern.compile("\"text\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
  private static final Pattern TEXTS = Pattern.compile("\"texts\"\\s*:\\s*\\[([^\\]]*)\\]");
  private static final Pattern STRING = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");
  private final MockWebServer server = new MockWebServer();

  /** Starts the server here: the contract's own set-up, which runs first, already makes a provider. */
  QwenSeparateEndpointsContractTest() throws IOException {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        String path = request.getUrl().encodedPath();
        String body = request.getBody() == null ? "" : request.getBody().utf8();
        if (path.equals("/clone-fails")) {
          return ScriptedQwenService.json(500, "{\"detail\":\"Generation failed: CUDA out of memory\"}");
        }
        if (path.equals("/clone")) {
          Matcher text = TEXT.matcher(body);
          int chars = text.find() ? text.group(1).length() : 1;
          return ScriptedQwenService.wav(ScriptedQwenService.tone(24_000, chars * 24_000 / 14));
        }
        if (path.equals("/clone-batch")) {
          Matcher texts = TEXTS.matcher(body);
          Matcher text = STRING.matcher(texts.find() ? texts.group(1) : "");
          StringBuilder files = new StringBuilder();
          int count = 0;
          for (; text.find(); count++) {
            byte[] wav = Wav.write(ScriptedQwenService.tone(24_000, text.group(1).length() * 24_000 / 14));
            files.append(count == 0 ? "" : ",").append("{\"index\":").append(count)
                .append(",\"audio_base64\":\"").append(Base64.getEncoder().encodeToString(wav)).append("\"}");
          }
          return ScriptedQwenService.json(200,
              "{\"status\":\"success\",\"count\":" + count + ",\"audio_files\":[" + files + "]}");
        }
        return ScriptedQwenService.json(404, "{\"detail\":\"Not Found\"}");
      }
    });
    server.start();
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  private TtsProvider provider(String clonePath) {
    return QwenModalProvider.builder()
        .endpoints(QwenEndpoints.separateEndpoints(server.url(clonePath).toString(), server.url("/clone-batch").toString(),
            server.url("/health").toString(), server.url("/languages").toString()))
        .retryConfig(ModalRetries.none())
        .build();
  }

  @Override
  protected TtsProvider createProvider() {
    return provider("/clone");
  }

  @Override
  protected TtsProvider createFailingProvider() {
    return provider("/clone-fails");
  }

  @Override
  protected Class<? extends UtterException> expectedFailure() {
    return GenerationFailedException.class;
  }
}
