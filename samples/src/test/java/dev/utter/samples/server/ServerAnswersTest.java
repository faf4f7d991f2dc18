package dev.utter.samples.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every answer looks like over raw HTTP: the security headers on all of them, Jetty's own errors
 * as {@code {"detail"}}, {@code HEAD} on audio mirroring {@code GET}, and the original app's
 * {@code audio_path}.
 */
class ServerAnswersTest {
  private static final Map<String, String> SECURITY_HEADERS = Map.of(
      "x-content-type-options", "nosniff",
      "x-frame-options", "DENY",
      "referrer-policy", "no-referrer",
      "cross-origin-resource-policy", "same-origin");

  @TempDir Path dataDir;
  TestServer app;
  RawHttp raw;

  @BeforeEach
  void start() {
    app = TestServer.start(dataDir);
    raw = app.raw();
  }

  @AfterEach
  void stop() {
    app.close();
  }

  @Test
  void everyKindOfAnswerCarriesTheSecurityHeaders() {
    String voiceId = app.cloneVoice("Ada");
    String audio = generate(voiceId);
    Map<String, RawHttp.Response> answers = new LinkedHashMap<>();
    for (String path : List.of("/", "/voices.html", "/js/common.js", "/css/app.css",
        "/vendor/wavesurfer-7.12.12.min.js", "/api/voices", "/api/nothing", "/nothing.html", audio,
        "/api/voices/" + voiceId + "/preview", "/uploads/generated/x.wav")) {
      answers.put("GET " + path, raw.get(path, Map.of()));
    }
    answers.put("range", raw.get(audio, Map.of("Range", "bytes=0-3")));
    answers.put("416", raw.get(audio, Map.of("Range", "bytes=999999999-")));
    answers.put("HEAD", raw.send("HEAD", audio, Map.of(), new byte[0]));
    answers.put("421", raw.get("/", Map.of("Host", "evil.example:" + app.server.port())));
    answers.put("415", raw.send("POST", "/api/generate", Map.of("Content-Type", "text/plain"), bytes("{}")));
    answers.put("405", raw.send("PUT", "/api/voices", Map.of("Content-Type", "application/json"), bytes("{}")));
    answers.put("400 line", raw.exchange(bytes("NONSENSE\r\n\r\n")));
    answers.put("414", raw.get("/api/voices?q=" + "a".repeat(20_000), Map.of()));
    answers.put("431", raw.get("/api/voices", Map.of("X-Filler", "a".repeat(20_000))));
    answers.put("400 path", raw.get("/%2e%2e/%2e%2e/etc/passwd", Map.of()));
    for (Map.Entry<String, RawHttp.Response> answer : answers.entrySet()) {
      RawHttp.Response response = answer.getValue();
      SECURITY_HEADERS.forEach((name, value) ->
          assertEquals(value, response.header(name), answer.getKey() + " " + name + ": " + response));
      String policy = response.header("content-security-policy");
      assertNotNull(policy, answer.getKey() + ": " + response);
      assertTrue(policy.startsWith("default-src 'none'; script-src 'self';") && policy.contains("frame-ancestors 'none'"),
          answer.getKey() + ": " + policy);
    }
  }

  @Test
  void jettysOwnErrorsAreJsonDetails() {
    Map<String, RawHttp.Response> errors = new LinkedHashMap<>();
    errors.put("400 bad request line", raw.exchange(bytes("NONSENSE\r\n\r\n")));
    errors.put("505 bad version", raw.exchange(bytes("GET / HTTP/7.3\r\nHost: " + raw.host() + "\r\n\r\n")));
    errors.put("400 bad encoding", raw.get("/api/voices/%zz/preview", Map.of()));
    errors.put("400 ambiguous path", raw.get("/%2e%2e/%2e%2e/etc/passwd", Map.of()));
    errors.put("400 bad header", raw.exchange(bytes("GET / HTTP/1.1\r\nHost: " + raw.host() + "\r\nBad Header\r\n\r\n")));
    errors.put("414 URI too long", raw.get("/" + "a".repeat(20_000), Map.of()));
    errors.put("431 headers too large", raw.get("/api/voices", Map.of("X-Filler", "a".repeat(20_000))));
    errors.put("404 no route", raw.get("/api/nothing", Map.of()));
    errors.put("404 no page", raw.get("/nothing.html", Map.of()));
    errors.put("405 method", raw.send("DELETE", "/api/health", Map.of(), new byte[0]));
    errors.put("404 TRACE", raw.send("TRACE", "/", Map.of(), new byte[0]));
    errors.put("413 JSON too large", raw.send("POST", "/api/generate", Map.of("Content-Type", "application/json"),
        bytes("{\"text\":\"" + "a".repeat(2_000_000) + "\"}")));
    errors.put("400 broken multipart", raw.send("POST", "/api/clone", Map.of("Content-Type", RawHttp.MULTIPART),
        bytes("--not-the-boundary\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\n")));
    Map<String, Integer> expected = Map.ofEntries(Map.entry("400 bad request line", 400), Map.entry("505 bad version", 505),
        Map.entry("400 bad encoding", 400), Map.entry("400 ambiguous path", 400), Map.entry("400 bad header", 400),
        Map.entry("414 URI too long", 414), Map.entry("431 headers too large", 431), Map.entry("404 no route", 404),
        Map.entry("404 no page", 404), Map.entry("405 method", 405), Map.entry("404 TRACE", 404),
        Map.entry("413 JSON too large", 413), Map.entry("400 broken multipart", 400));
    for (Map.Entry<String, RawHttp.Response> error : errors.entrySet()) {
      RawHttp.Response response = error.getValue();
      assertEquals(expected.get(error.getKey()), response.status(), error.getKey() + ": " + response);
      assertTrue(response.header("content-type").startsWith("application/json"), error.getKey() + ": " + response);
      String detail = response.detail();
      for (String leak : List.of("Exception", "java.", "jetty", "javalin", "<html", "\tat ")) {
        assertFalse(detail.toLowerCase().contains(leak.toLowerCase()), error.getKey() + ": " + detail);
      }
    }
    assertEquals(200, raw.get("/api/health", Map.of()).status());
  }

  @Test
  void anUnsatisfiableRangeIs416WithTheSizeAndADetail() throws Exception {
    String audio = generate(app.cloneVoice("Ada"));
    long size = Files.size(dataDir.resolve(audio.substring("/uploads/".length())));
    for (String range : List.of("bytes=" + size + "-", "bytes=5-2", "bytes=99999999999999999999-")) {
      RawHttp.Response response = raw.get(audio, Map.of("Range", range));
      assertEquals(416, response.status(), range + " " + response);
      assertEquals("bytes */" + size, response.header("content-range"));
      assertEquals("Range not satisfiable", response.detail());
    }
  }

  @Test
  void headOnAudioMirrorsGetWithoutABody() {
    String voiceId = app.cloneVoice("Ada");
    String audio = generate(voiceId);
    for (String path : List.of(audio, "/api/voices/" + voiceId + "/preview")) {
      for (Map<String, String> headers : List.of(Map.<String, String>of(), Map.of("Range", "bytes=4-11"))) {
        RawHttp.Response get = raw.get(path, headers);
        RawHttp.Response head = raw.send("HEAD", path, headers, new byte[0]);
        assertEquals(get.status(), head.status(), path + " " + headers);
        for (String name : List.of("content-type", "content-length", "accept-ranges", "content-range")) {
          assertEquals(get.header(name), head.header(name), path + " " + headers + " " + name);
        }
        assertEquals("audio/wav", head.header("content-type"));
        assertEquals(String.valueOf(get.content().length), head.header("content-length"),
            "the GET's body is as long as the HEAD said");
        assertEquals(0, head.content().length);
      }
    }
    RawHttp.Response missing = raw.send("HEAD", "/uploads/generated/00000000-0000-4000-8000-000000000000.wav",
        Map.of(), new byte[0]);
    assertEquals(404, missing.status());
  }

  @Test
  void generationsCarryTheOriginalAudioPathThatItsHistoryPageLinksTo() {
    String voiceId = app.cloneVoice("Ada");
    String audio = generate(voiceId);
    @SuppressWarnings("unchecked")
    Map<String, Object> item = ((List<Map<String, Object>>) app.get("/api/generations").json().get("generations")).get(0);
    String id = (String) item.get("id");
    assertEquals("uploads/generated/" + id + ".wav", item.get("audio_path"));
    assertEquals(audio, item.get("audio_url"));
    assertFalse(item.containsKey("signed_audio_url"), "no key, nothing signed");
    // The original history.html: '/uploads/generated/' + getFilename(gen.audio_path), split on / or \.
    String[] parts = ((String) item.get("audio_path")).split("[/\\\\]");
    TestServer.Reply play = app.get("/uploads/generated/" + parts[parts.length - 1]);
    assertEquals(200, play.code());
    assertEquals("audio/wav", play.headers().get("Content-Type"));
  }

  private String generate(String voiceId) {
    TestServer.Reply reply = app.postJson("/api/generate", Map.of("voice_id", voiceId, "text", "Hello there, world."));
    assertEquals(200, reply.code(), reply.body());
    return (String) reply.json().get("audio_url");
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
