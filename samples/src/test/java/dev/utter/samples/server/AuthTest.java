package dev.utter.samples.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import okhttp3.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code UTTER_API_KEY}: with a key set, {@code /api/*} needs it as a bearer token or X-API-Key. */
class AuthTest {
  @TempDir Path dataDir;
  TestServer app;

  @BeforeEach
  void start() {
    app = TestServer.start(dataDir, Duration.ZERO, "s3cret-key");
  }

  @AfterEach
  void stop() {
    app.close();
  }

  @Test
  void apiWithoutKeyIs401() {
    TestServer.Reply reply = app.get("/api/voices");
    assertEquals(401, reply.code());
    assertEquals("Invalid or missing API key", reply.detail());
  }

  @Test
  void apiWithWrongKeyIs401() {
    assertEquals(401, app.send(new Request.Builder().url(app.base + "/api/voices")
        .header("Authorization", "Bearer wrong")).code());
  }

  @Test
  void bearerTokenIsAccepted() {
    assertEquals(200, app.send(new Request.Builder().url(app.base + "/api/voices")
        .header("Authorization", "Bearer s3cret-key")).code());
  }

  @Test
  void apiKeyHeaderIsAccepted() {
    assertEquals(200, app.send(new Request.Builder().url(app.base + "/api/voices")
        .header("X-API-Key", "s3cret-key")).code());
  }

  @Test
  void pagesNeedNoKey() {
    assertEquals(200, app.get("/").code());
  }
}
