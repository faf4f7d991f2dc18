package dev.utter.samples.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.utter.samples.server.config.ServerConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The request rules against other web sites, over raw sockets so that {@code Host}, {@code Origin} and
 * {@code Sec-Fetch-Site} are sent exactly as a browser on another site (or a rebound name) would.
 */
class CrossSiteTest {
  private static final String JSON = "application/json";
  private static final String EVIL = "http://evil.example";

  @TempDir Path dataDir;
  TestServer app;

  @AfterEach
  void stop() {
    if (app != null) {
      app.close();
    }
  }

  private RawHttp startWithoutKey() {
    app = TestServer.start(dataDir);
    return app.raw();
  }

  // --- Host (DNS rebinding) ---

  @Test
  void aForeignHostIsRefused421OnPagesAndApi() {
    RawHttp raw = startWithoutKey();
    String voiceId = app.cloneVoice("Ada");
    String foreign = "evil.example:" + app.server.port();
    for (String path : List.of("/", "/voices.html", "/js/common.js", "/api/voices", "/api/voices/" + voiceId + "/preview")) {
      RawHttp.Response response = raw.get(path, Map.of("Host", foreign));
      assertEquals(421, response.status(), path + " " + response);
      assertTrue(response.detail().contains("UTTER_ALLOWED_HOSTS"), response.detail());
    }
    RawHttp.Response generate = raw.send("POST", "/api/generate", Map.of("Host", foreign, "Content-Type", JSON),
        ("{\"voice_id\":\"" + voiceId + "\",\"text\":\"Spend money.\"}").getBytes(StandardCharsets.UTF_8));
    assertEquals(421, generate.status(), generate.toString());
    assertEquals(0, app.provider.recorder().callCount());
  }

  @Test
  void loopbackNamesWithTheServersPortAreAccepted() {
    RawHttp raw = startWithoutKey();
    int port = app.server.port();
    for (String host : List.of("127.0.0.1:" + port, "localhost:" + port, "LocalHost:" + port, "[::1]:" + port,
        "[0:0:0:0:0:0:0:1]:" + port)) {
      assertEquals(200, raw.get("/api/voices", Map.of("Host", host)).status(), host);
    }
  }

  @Test
  void loopbackNamesOnAnotherPortOrMalformedAreRefused() {
    RawHttp raw = startWithoutKey();
    int port = app.server.port();
    for (String host : List.of("localhost", "localhost:1", "127.0.0.1:" + (port + 1), "127.0.0.2:" + port,
        "localhost.:" + port, "user@localhost:" + port, "[::1:" + port)) {
      RawHttp.Response response = raw.get("/api/voices", Map.of("Host", host));
      assertTrue(response.status() == 421 || response.status() == 400, host + " " + response);
      assertTrue(!response.detail().isEmpty());
    }
  }

  @Test
  void aRequestWithoutHostIsRefused400() {
    RawHttp raw = startWithoutKey();
    RawHttp.Response http10 = raw.exchange("GET /api/voices HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    assertEquals(400, http10.status(), http10.toString());
    assertEquals("Missing Host header", http10.detail());
    RawHttp.Response http11 = raw.exchange("GET /api/voices HTTP/1.1\r\nConnection: close\r\n\r\n"
        .getBytes(StandardCharsets.US_ASCII));
    assertEquals(400, http11.status(), http11.toString());
    http11.detail();
  }

  @Test
  void configuredNamesAreAcceptedWithAnyPortOrTheirOwn() {
    app = TestServer.start(new ServerConfig(0, "127.0.0.1", dataDir, "mock", null,
        ServerConfig.parse(new String[0], Map.of("UTTER_ALLOWED_HOSTS", " Utter.Example , other.example:9999,")).allowedHosts()),
        Duration.ZERO);
    RawHttp raw = app.raw();
    for (String host : List.of("utter.example", "utter.example:443", "UTTER.EXAMPLE:" + app.server.port(),
        "other.example:9999")) {
      assertEquals(200, raw.get("/api/voices", Map.of("Host", host)).status(), host);
    }
    assertEquals(421, raw.get("/api/voices", Map.of("Host", "other.example:9998")).status());
    assertEquals(421, raw.get("/api/voices", Map.of("Host", "sub.utter.example")).status());
  }

  // --- cross-site requests without a key ---

  @Test
  void aTextPlainPostIsRefused415AndStartsNothing() {
    RawHttp raw = startWithoutKey();
    String voiceId = app.cloneVoice("Ada");
    byte[] body = ("{\"voice_id\":\"" + voiceId + "\",\"text\":\"Spend money.\"}").getBytes(StandardCharsets.UTF_8);
    for (String type : List.of("text/plain", "text/plain;charset=UTF-8", "application/x-www-form-urlencoded",
        "application/json-seq", "text/plain; application/json")) {
      RawHttp.Response response = raw.send("POST", "/api/generate", Map.of("Content-Type", type), body);
      assertEquals(415, response.status(), type + " " + response);
      assertEquals("Content-Type must be application/json or multipart/form-data", response.detail());
    }
    RawHttp.Response untyped = raw.send("POST", "/api/tasks", Map.of(), body);
    assertEquals(415, untyped.status(), untyped.toString());
    assertEquals(0, app.provider.recorder().callCount());
    assertEquals(List.of(), app.get("/api/generations").json().get("generations"));
  }

  @Test
  void aCrossSiteFormUploadIsRefused403AndStoresNothing() {
    RawHttp raw = startWithoutKey();
    byte[] form = cloneForm("Forged");
    List<Map<String, String>> foreign = List.of(
        Map.of("Origin", EVIL),
        Map.of("Origin", "null"),
        Map.of("Origin", "http://127.0.0.1:" + (app.server.port() + 1)),
        Map.of("Origin", "https://evil.example:" + app.server.port()),
        Map.of("Sec-Fetch-Site", "cross-site"),
        Map.of("Sec-Fetch-Site", "same-site"),
        Map.of("Origin", "http://" + raw.host(), "Sec-Fetch-Site", "cross-site"));
    for (Map<String, String> headers : foreign) {
      Map<String, String> all = new java.util.HashMap<>(headers);
      all.put("Content-Type", RawHttp.MULTIPART);
      RawHttp.Response response = raw.send("POST", "/api/clone", all, form);
      assertEquals(403, response.status(), headers + " " + response);
      assertEquals("Cross-site request refused", response.detail());
    }
    assertEquals(List.of(), app.get("/api/voices").json().get("voices"));
    assertEquals(List.of(), list(dataDir.resolve("references")));
    Polling.await("an empty tmp/", Duration.ofSeconds(10), () -> list(dataDir.resolve("tmp")).isEmpty());
  }

  @Test
  void theServersOwnPagesUploadAndPostJson() {
    RawHttp raw = startWithoutKey();
    Map<String, String> own = Map.of("Content-Type", RawHttp.MULTIPART, "Origin", "http://" + raw.host(),
        "Sec-Fetch-Site", "same-origin");
    RawHttp.Response cloned = raw.send("POST", "/api/clone", own, cloneForm("Own"));
    assertEquals(201, cloned.status(), cloned.toString());
    String localhostOrigin = "http://localhost:" + app.server.port();
    RawHttp.Response viaLocalhost = raw.send("POST", "/api/clone", Map.of("Content-Type", RawHttp.MULTIPART,
        "Host", "localhost:" + app.server.port(), "Origin", localhostOrigin), cloneForm("Own too"));
    assertEquals(201, viaLocalhost.status(), viaLocalhost.toString());
    RawHttp.Response curlLike = raw.send("POST", "/api/languages", Map.of("Content-Type", JSON + "; charset=utf-8"),
        "{}".getBytes(StandardCharsets.UTF_8));
    assertEquals(405, curlLike.status(), "passes the guard, then meets the router: " + curlLike);
  }

  @Test
  void jsonFromAnotherOriginIsRefused403() {
    RawHttp raw = startWithoutKey();
    String voiceId = app.cloneVoice("Ada");
    RawHttp.Response response = raw.send("POST", "/api/tasks", Map.of("Content-Type", JSON, "Origin", EVIL),
        ("{\"voice_id\":\"" + voiceId + "\",\"text\":\"Spend money.\"}").getBytes(StandardCharsets.UTF_8));
    assertEquals(403, response.status(), response.toString());
    assertEquals(0, app.provider.recorder().callCount());
  }

  @Test
  void bodilessPostsAndDeletesNeedNoContentTypeButAnOwnOrigin() {
    RawHttp raw = startWithoutKey();
    String voiceId = app.cloneVoice("Ada");
    RawHttp.Response foreignDelete = raw.send("DELETE", "/api/voices/" + voiceId, Map.of("Origin", EVIL), new byte[0]);
    assertEquals(403, foreignDelete.status(), foreignDelete.toString());
    RawHttp.Response foreignCancel = raw.send("POST", "/api/tasks/00000000-0000-4000-8000-000000000000/cancel",
        Map.of("Sec-Fetch-Site", "cross-site"), new byte[0]);
    assertEquals(403, foreignCancel.status(), foreignCancel.toString());
    assertEquals(1, ((List<?>) app.get("/api/voices").json().get("voices")).size());

    RawHttp.Response cancel = raw.send("POST", "/api/tasks/00000000-0000-4000-8000-000000000000/cancel", Map.of(),
        new byte[0]);
    assertEquals(404, cancel.status(), "the original page's bodiless cancel passes the guard: " + cancel);
    assertEquals("Task not found", cancel.detail());
    RawHttp.Response delete = raw.send("DELETE", "/api/voices/" + voiceId, Map.of("Origin", "http://" + raw.host()),
        new byte[0]);
    assertEquals(200, delete.status(), delete.toString());
  }

  @Test
  void withAKeyTheKeyIsTheGuardAndHostStillCounts() {
    app = TestServer.start(dataDir, Duration.ZERO, "k3y");
    RawHttp raw = app.raw();
    RawHttp.Response withoutKey = raw.send("POST", "/api/tasks", Map.of("Content-Type", "text/plain", "Origin", EVIL),
        "{}".getBytes(StandardCharsets.UTF_8));
    assertEquals(401, withoutKey.status(), withoutKey.toString());
    RawHttp.Response withKey = raw.send("POST", "/api/tasks", Map.of("Content-Type", "text/plain",
        "X-API-Key", "k3y"), "{\"voice_id\":\"x\",\"text\":\"Hi\"}".getBytes(StandardCharsets.UTF_8));
    assertEquals(404, withKey.status(), "past the guard to the voice lookup: " + withKey);
    RawHttp.Response rebound = raw.get("/api/voices", Map.of("Host", "evil.example:" + app.server.port(),
        "X-API-Key", "k3y"));
    assertEquals(421, rebound.status(), rebound.toString());
  }

  private static byte[] cloneForm(String name) {
    return RawHttp.multipart(List.of(
        RawHttp.Part.field("name", name),
        RawHttp.Part.file("audio", "voice.wav", "audio/wav", TestAudio.wav(12)),
        RawHttp.Part.field("transcript", TestServer.TRANSCRIPT),
        RawHttp.Part.field("language", "English")));
  }

  private static List<Path> list(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.toList();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
