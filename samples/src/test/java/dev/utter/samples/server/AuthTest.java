package dev.utter.samples.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import okhttp3.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code UTTER_API_KEY}: with a key set, {@code /api/*} and {@code /uploads/*} need it as a bearer token
 * or X-API-Key, or for a stored file a signed URL from the API.
 */
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

  @Test
  void storedFilesNeedTheKeyOrTheirSignedUrl() {
    String voiceId = app.cloneVoice("Ada");
    Map<String, Object> generated = app.postJson("/api/generate",
        Map.of("voice_id", voiceId, "text", "Keep this private.")).json();
    String audio = (String) generated.get("audio_url");
    String signedAudio = (String) generated.get("signed_audio_url");
    assertTrue(signedAudio.startsWith(audio + "?expires="), signedAudio);

    assertEquals(401, app.get(audio).code());
    assertEquals(200, key(new Request.Builder().url(app.base + audio)).code());
    assertEquals(200, app.get(signedAudio).code());
    assertEquals(206, app.send(new Request.Builder().url(app.base + signedAudio).header("Range", "bytes=0-3")).code());
    assertEquals(200, app.send(new Request.Builder().url(app.base + signedAudio).head()).code());

    @SuppressWarnings("unchecked")
    Map<String, Object> listed = ((List<Map<String, Object>>) key(new Request.Builder().url(app.base + "/api/generations"))
        .json().get("generations")).get(0);
    assertEquals(200, app.get((String) listed.get("signed_audio_url")).code());
    @SuppressWarnings("unchecked")
    Map<String, Object> voice = ((List<Map<String, Object>>) key(new Request.Builder().url(app.base + "/api/voices"))
        .json().get("voices")).get(0);
    String preview = (String) voice.get("preview_url");
    assertEquals("/api/voices/" + voiceId + "/preview", preview);
    assertEquals(401, app.get(preview).code());
    TestServer.Reply signedPreview = app.get((String) voice.get("signed_preview_url"));
    assertEquals(200, signedPreview.code());
    assertEquals("audio/wav", signedPreview.headers().get("Content-Type"));

    String query = signedAudio.substring(signedAudio.indexOf('?'));
    String otherId = "00000000-0000-4000-8000-000000000000";
    assertEquals(401, app.get("/uploads/generated/" + otherId + ".wav" + query).code(), "signed for another file");
    assertEquals(401, app.get("/api/voices" + query).code(), "a file's signature opens no API route");
    assertEquals(401, app.send(new Request.Builder().url(app.base + "/api/generations/"
        + generated.get("generation_id") + query).delete()).code(), "nor a DELETE");
    assertEquals(401, app.get(signedAudio.replace("expires=", "expires=1")).code(), "another expiry");
    assertEquals(401, app.get(signedAudio.substring(0, signedAudio.length() - 2)).code(), "a cut signature");
  }

  private TestServer.Reply key(Request.Builder request) {
    return app.send(app.authorized(request));
  }
}
