package dev.utter.transport.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.utter.AuthenticationException;
import dev.utter.audio.PcmAudio;
import dev.utter.audio.Wav;
import dev.utter.transport.ModalAuth;
import dev.utter.transport.ModalRetries;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okio.Buffer;
import org.junit.jupiter.api.Test;

/**
 * What the transport logs at DEBUG, captured from slf4j-simple's System.err. The DEBUG level for
 * {@code dev.utter.transport} is set by surefire in this module's pom; the test checks the summaries are there.
 */
class ModalTransportLoggingTest {
  public record Reference(String text, @com.squareup.moshi.Json(name = "ref_audio_base64") String refAudioBase64) {}

  private static final String KEY = "wk-LOGGED-KEY-9f8e7d";
  private static final String SECRET = "ws-LOGGED-SECRET-1a2b3c";
  private static final String TOKEN = "tok-LOGGED-TOKEN-5d6e";

  @Test
  void credentialsAndAudioNeverAppearInLogsOrExceptions() throws IOException {
    String audioBase64 = Base64.getEncoder().encodeToString(Wav.write(PcmAudio.silence(24000, 2400)));
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream original = System.err;
    String exceptionText;
    try (MockWebServer server = new MockWebServer();
        ModalTransport transport = ModalTransport.builder()
            .auth(ModalAuth.modal(KEY, SECRET).withBearer(TOKEN))
            .retryConfig(ModalRetries.defaults())
            .build()) {
      server.start();
      server.enqueue(new MockResponse.Builder().code(503).addHeader("Retry-After-Ms", "0")
          .body("{\"detail\":\"busy\",\"code\":\"busy\"}").build());
      server.enqueue(new MockResponse.Builder().code(200).body("{}").build());
      server.enqueue(new MockResponse.Builder().code(303).addHeader("Location", "/clone?__modal_function_call_id=fc-9")
          .build());
      server.enqueue(new MockResponse.Builder().code(200).addHeader("X-Request-Id", "rid-ok")
          .body(new Buffer().write(Wav.write(PcmAudio.silence(24000, 2400)))).build());
      server.enqueue(new MockResponse.Builder().code(401)
          .body("{\"detail\":\"Missing or invalid bearer token\",\"code\":\"unauthorized\"}").build());
      System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));

      transport.get(server.url("/health"));

      transport.postJson(server.url("/clone"), new Reference("Hello there", audioBase64), 11, false);
      AuthenticationException e = assertThrows(AuthenticationException.class,
          () -> transport.postJson(server.url("/clone"), new Reference("Hi", null), 2, false));
      exceptionText = e + " " + e.getMessage() + " " + e.serverMessage().orElse("") + " " + transport;
    } finally {
      System.setErr(original);
    }
    String logs = captured.toString(StandardCharsets.UTF_8);

    assertTrue(logs.contains("--> POST http://"), logs);
    assertTrue(logs.contains("<-- 200 GET http://"), logs);
    assertTrue(logs.contains("rid-ok"), logs);
    assertTrue(logs.contains("Following the 303 hand-off"), logs);
    assertTrue(logs.contains("<-- 401 POST"), logs);
    assertTrue(logs.contains("Retry 1 in 0 ms after: GET /health failed with HTTP 503: busy"), logs);
    for (String secret : new String[] {KEY, SECRET, TOKEN, audioBase64.substring(0, 40)}) {
      assertFalse(logs.contains(secret), "logs hold a secret or audio: " + logs);
      assertFalse(exceptionText.contains(secret), exceptionText);
    }
  }
}
