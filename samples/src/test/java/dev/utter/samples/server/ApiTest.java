package dev.utter.samples.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.utter.provider.mock.CallRecorder;
import dev.utter.samples.server.config.Limits;
import dev.utter.spi.TtsProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSink;
import okio.BufferedSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every API route over real HTTP against the real server, a real SQLite file and the mock provider;
 * {@link ApiOnPostgresTest} runs them all again on a real PostgreSQL server.
 */
class ApiTest {
  private static final String UNKNOWN_ID = "00000000-0000-4000-8000-000000000000";

  @TempDir Path dataDir;
  TestServer app;

  @BeforeEach
  void start() {
    app = startServer(Duration.ZERO);
  }

  /** The server under test on {@link #dataDir}, with {@code latency} a provider call. */
  final TestServer startServer(Duration latency) {
    return startServer(latency, UnaryOperator.identity());
  }

  /**
   * The server under test on {@link #dataDir}, with {@code latency} a provider call and its mock provider
   * wrapped by {@code wrap}: on SQLite here.
   */
  TestServer startServer(Duration latency, UnaryOperator<TtsProvider> wrap) {
    return TestServer.start(dataDir, latency, null, Limits.DEFAULTS, wrap);
  }

  /** Whether the database is the SQLite file {@code utter.db} in the data directory. */
  boolean databaseInDataDir() {
    return true;
  }

  @AfterEach
  void stop() {
    app.close();
  }

  // --- clone ---

  @Test
  void cloneStoresReferenceAndListsVoice() {
    TestServer.Reply reply = app.clone("Ada", TestAudio.wav(12), "ada.wav", TestServer.TRANSCRIPT, "English");
    assertEquals(201, reply.code(), reply.body());
    String id = (String) reply.json().get("id");
    assertEquals("Ada", reply.json().get("name"));
    assertTrue(Files.isRegularFile(dataDir.resolve("references/" + id + ".wav")));

    Map<String, Object> voice = onlyVoice();
    assertEquals(id, voice.get("id"));
    assertEquals("English", voice.get("language"));
    assertEquals(TestServer.TRANSCRIPT, voice.get("transcript"));
    assertEquals(12.0, (Double) voice.get("duration_seconds"), 0.01);
    assertNotNull(voice.get("created_at"));
  }

  @Test
  void cloneRejectsEachInvalidInputWithTheOriginalWordingAndLeavesNothing() {
    byte[] ok = TestAudio.wav(12);
    String t = TestServer.TRANSCRIPT;
    assertRejected(app.clone("", ok, "a.wav", t, "English"), "Name must be 1-100 characters");
    assertRejected(app.clone("x".repeat(101), ok, "a.wav", t, "English"), "Name must be 1-100 characters");
    assertRejected(app.clone("A", ok, "a.wav", "too short", "English"), "Transcript must be at least 10 characters");
    assertRejected(app.clone("A", ok, "a.wav", null, "English"), "Transcript must be at least 10 characters");
    assertRejected(app.clone("A", ok, "a.wav", t, "Klingon"), "Unsupported language: Klingon");
    assertRejected(app.clone("A", null, null, t, "English"), "No file provided");
    assertRejected(app.clone("A", ok, "a.txt", t, "English"), "Invalid file type. Allowed: .wav, .mp3, .m4a");
    assertRejected(app.clone("A", "not audio at all, just text".repeat(100).getBytes(StandardCharsets.UTF_8),
        "a.wav", t, "English"), "Invalid file type. Allowed: .wav, .mp3, .m4a");
    assertRejected(app.clone("A", TestAudio.wav(5), "a.wav", t, "English"), "Audio too short. Min: 10s");
    assertRejected(app.clone("A", TestAudio.wav(301), "a.wav", t, "English"), "Audio too long. Max: 300s");
    assertNothingStored();
  }

  @Test
  void cloneWithoutMultipartSaysNoFileProvided() {
    assertRejected(app.postJson("/api/clone", "{\"name\":\"A\"}"), "No file provided");
  }

  @Test
  void oversizedUploadIsRefusedWhileStreamingAndLeavesNothing() {
    long size = 60L * 1024 * 1024;
    RequestBody huge = new RequestBody() {
      @Override
      public MediaType contentType() {
        return MediaType.get("audio/wav");
      }

      @Override
      public long contentLength() {
        return size;
      }

      @Override
      public void writeTo(BufferedSink sink) throws IOException {
        byte[] block = new byte[64 * 1024];
        System.arraycopy(TestAudio.wav(1), 0, block, 0, 44);
        for (long written = 0; written < size; written += block.length) {
          sink.write(block);
        }
      }
    };
    MultipartBody form = new MultipartBody.Builder().setType(MultipartBody.FORM)
        .addFormDataPart("name", "Big")
        .addFormDataPart("transcript", TestServer.TRANSCRIPT)
        .addFormDataPart("audio", "big.wav", huge)
        .build();
    TestServer.Reply reply = app.send(new Request.Builder().url(app.base + "/api/clone").post(form));
    assertRejected(reply, "File too large. Max: 50MB");
    assertNothingStored();
  }

  @Test
  void previewServesTheReferenceWithItsTypeAndRanges() {
    String id = app.cloneVoice("Ada");
    TestServer.Reply whole = app.get("/api/voices/" + id + "/preview");
    assertEquals(200, whole.code());
    assertEquals("audio/wav", whole.headers().get("Content-Type"));
    assertEquals("nosniff", whole.headers().get("X-Content-Type-Options"));
    TestServer.Reply part = app.send(new Request.Builder().url(app.base + "/api/voices/" + id + "/preview")
        .header("Range", "bytes=0-3"));
    assertEquals(206, part.code());
    assertEquals("RIFF", part.body());
  }

  @Test
  void deletingAVoiceRemovesItsReferenceAndGenerations() {
    String id = app.cloneVoice("Ada");
    String generationId = (String) generate(id, "Hello there.").get("generation_id");
    assertTrue(Files.exists(dataDir.resolve("generated/" + generationId + ".wav")));

    TestServer.Reply deleted = app.delete("/api/voices/" + id);
    assertEquals(200, deleted.code(), deleted.body());
    assertFalse(Files.exists(dataDir.resolve("references/" + id + ".wav")));
    assertFalse(Files.exists(dataDir.resolve("generated/" + generationId + ".wav")));
    assertEquals(List.of(), app.get("/api/generations").json().get("generations"));
    assertRejected(app.delete("/api/voices/" + id), 404, "Voice not found");
  }

  // --- generate and history ---

  @Test
  void generateWritesAWavServedWithRangesAndListedInHistory() {
    String voiceId = app.cloneVoice("Ada");
    Map<String, Object> result = generate(voiceId, "This is a test of the voice cloning system.");
    String generationId = (String) result.get("generation_id");
    assertEquals("/uploads/generated/" + generationId + ".wav", result.get("audio_url"));
    assertTrue((Double) result.get("duration_seconds") > 0.5);

    TestServer.Reply audio = app.get((String) result.get("audio_url"));
    assertEquals(200, audio.code());
    assertEquals("audio/wav", audio.headers().get("Content-Type"));
    assertEquals("nosniff", audio.headers().get("X-Content-Type-Options"));
    TestServer.Reply range = app.send(new Request.Builder().url(app.base + result.get("audio_url"))
        .header("Range", "bytes=8-11"));
    assertEquals(206, range.code());
    assertEquals("WAVE", range.body());
    assertTrue(range.headers().get("Content-Range").startsWith("bytes 8-11/"));

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> history = (List<Map<String, Object>>) app.get("/api/generations").json().get("generations");
    assertEquals(1, history.size());
    assertEquals("Ada", history.get(0).get("voice_name"));
    assertEquals("This is a test of the voice cloning system.", history.get(0).get("text"));
  }

  @Test
  void generationsAreListedNewestFirstInPages() {
    String voiceId = app.cloneVoice("Ada");
    String first = (String) generate(voiceId, "First one.").get("generation_id");
    String second = (String) generate(voiceId, "Second one.").get("generation_id");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> page = (List<Map<String, Object>>) app.get("/api/generations?limit=1&offset=0")
        .json().get("generations");
    assertEquals(second, page.get(0).get("id"));
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> next = (List<Map<String, Object>>) app.get("/api/generations?limit=1&offset=1")
        .json().get("generations");
    assertEquals(first, next.get(0).get("id"));
    assertEquals(400, app.get("/api/generations?limit=abc").code());
  }

  @Test
  void deletingAGenerationRemovesItsFile() {
    String voiceId = app.cloneVoice("Ada");
    String generationId = (String) generate(voiceId, "Short.").get("generation_id");
    assertEquals(200, app.delete("/api/generations/" + generationId).code());
    assertFalse(Files.exists(dataDir.resolve("generated/" + generationId + ".wav")));
    assertRejected(app.delete("/api/generations/" + generationId), 404, "Generation not found");
    assertEquals(404, app.get("/uploads/generated/" + generationId + ".wav").code());
  }

  @Test
  void generateRejectsBadInputWithTheOriginalWording() {
    String voiceId = app.cloneVoice("Ada");
    assertRejected(app.postJson("/api/generate", Map.of("voice_id", UNKNOWN_ID, "text", "Hi")), 404, "Voice not found");
    assertRejected(app.postJson("/api/generate", Map.of("voice_id", "nope", "text", "Hi")), 404, "Voice not found");
    assertRejected(app.postJson("/api/generate", Map.of("voice_id", voiceId, "text", " ")),
        "Text must be 1-5000 characters");
    assertRejected(app.postJson("/api/generate", Map.of("voice_id", voiceId, "text", "a".repeat(5001))),
        "Text must be 1-5000 characters");
    assertRejected(app.postJson("/api/generate", Map.of("voice_id", voiceId, "text", "Hi", "language", "Elvish")),
        "Unsupported language: Elvish");
    assertRejected(app.postJson("/api/generate", "{\"voice_id\": "), "Invalid JSON body");
    assertRejected(app.postJson("/api/generate", "[1, 2]"), "Request body must be a JSON object");
    assertRejected(app.postJson("/api/generate", "{\"voice_id\": 5, \"text\": \"Hi\"}"), "Field 'voice_id' must be a string");
    assertEquals(0, app.provider.recorder().callCount());
  }

  // --- ids and paths ---

  @Test
  void nonUuidIdsAreNotFoundAndTouchNothing() {
    String voiceId = app.cloneVoice("Ada");
    assertRejected(app.delete("/api/voices/abc"), 404, "Voice not found");
    assertRejected(app.get("/api/voices/abc/preview"), 404, "Voice not found");
    assertRejected(app.delete("/api/voices/" + voiceId.toUpperCase() + "x"), 404, "Voice not found");
    assertRejected(app.delete("/api/generations/abc"), 404, "Generation not found");
    assertRejected(app.get("/api/tasks/abc"), 404, "Task not found");
    assertRejected(app.get("/api/tasks/" + UNKNOWN_ID), 404, "Task not found");
    assertRejected(app.get("/api/tasks/abc/events"), 404, "Task not found");
    assertRejected(app.postJson("/api/tasks/abc/cancel", "{}"), 404, "Task not found");
    assertRejected(app.delete("/api/tasks/abc"), 404, "Task not found");
    assertRejected(app.get("/uploads/generated/abc.wav"), 404, "Generation not found");
    assertEquals(1, ((List<?>) app.get("/api/voices").json().get("voices")).size());
  }

  @Test
  void pathTraversalNeverLeavesTheDataFolders() throws IOException {
    String voiceId = app.cloneVoice("Ada");
    Files.writeString(dataDir.resolve("secret.txt"), "SECRET");
    for (String path : List.of("/api/voices/..%2F..%2Fetc", "/api/voices/..%2F..%2Fetc/preview",
        "/uploads/generated/../x", "/uploads/generated/..%2F..%2Futter.db", "/uploads/generated/..%2Fsecret.txt",
        "/uploads/../secret.txt", "/api/voices/%2e%2e%2fsecret.txt/preview")) {
      for (String method : List.of("GET", "DELETE")) {
        RawHttp.Response response = new RawHttp(app.server.port()).send(method, path, Map.of(), new byte[0]);
        int status = response.status();
        assertTrue(status == 404 || status == 400 || status == 405, method + " " + path + " -> " + response);
        assertNotNull(response.detail());
        assertFalse(response.body().contains("SECRET") || response.body().contains("SQLite"), response.toString());
      }
    }
    assertTrue(Files.exists(dataDir.resolve("secret.txt")));
    assertEquals(databaseInDataDir(), Files.exists(dataDir.resolve("utter.db")));
    assertTrue(Files.exists(dataDir.resolve("references/" + voiceId + ".wav")));
  }

  // --- tasks ---

  @Test
  void taskStreamsProgressToCompletionAndKeepsIt() throws IOException {
    // Every chunk after the first waits until the event stream has delivered its first event, so the
    // stream is open before the task can end, however busy the machine.
    CountDownLatch firstEventRead = new CountDownLatch(1);
    app.close();
    app = startServer(Duration.ofMillis(5), provider -> new InterceptingProvider(
        InterceptingProvider.holding(request -> request.chunkIndex() >= 1, firstEventRead), provider));
    String voiceId = app.cloneVoice("Ada");
    String text = "The first sentence is here. The second sentence follows it. A third one ends the text.";
    TestServer.Reply created = app.postJson("/api/tasks", Map.of("voice_id", voiceId, "text", text));
    assertEquals(202, created.code(), created.body());
    String taskId = (String) created.json().get("task_id");
    assertEquals(Boolean.FALSE, created.json().get("is_long_running"));
    assertNotNull(created.json().get("estimated_duration_minutes"));

    List<String[]> events = events(taskId, firstEventRead::countDown);
    String[] last = events.get(events.size() - 1);
    assertEquals("completed", last[0], last[1]);
    Map<?, ?> progress = (Map<?, ?>) app.get("/api/tasks/" + taskId).json().get("progress");
    int total = ((Double) progress.get("chunks_total")).intValue();
    assertEquals("progress", events.get(0)[0]);
    assertTrue(total >= 2, "chunks_total " + total);
    assertTrue(last[1].contains("\"chunks_done\":" + total), last[1]);
    assertTrue(last[1].contains("elapsed_seconds"), last[1]);

    Map<String, Object> task = app.get("/api/tasks/" + taskId).json();
    assertEquals("completed", task.get("status"));
    @SuppressWarnings("unchecked")
    Map<String, Object> result = (Map<String, Object>) task.get("result");
    String generationId = (String) result.get("generation_id");
    assertEquals("/uploads/generated/" + generationId + ".wav", result.get("audio_url"));
    assertTrue(Files.exists(dataDir.resolve("generated/" + generationId + ".wav")));
    assertEquals(200, app.get((String) result.get("audio_url")).code());
  }

  @Test
  void cancellingATaskStopsProviderCalls() throws IOException {
    app.close();
    app = startServer(Duration.ofMillis(150));
    String voiceId = app.cloneVoice("Ada");
    StringBuilder text = new StringBuilder();
    for (int i = 1; i <= 30; i++) {
      text.append("Sentence number ").append(i).append(" of the long text. ");
    }
    String taskId = (String) app.postJson("/api/tasks", Map.of("voice_id", voiceId, "text", text.toString()))
        .json().get("task_id");
    Polling.await("a chunk done", Duration.ofSeconds(20), () -> {
      Map<?, ?> progress = (Map<?, ?>) app.get("/api/tasks/" + taskId).json().get("progress");
      return (Double) progress.get("chunks_done") >= 1;
    });
    TestServer.Reply cancelled = app.postJson("/api/tasks/" + taskId + "/cancel", "{}");
    java.time.Instant cancelledAt = java.time.Instant.now();
    assertEquals("cancelled", cancelled.json().get("status"), cancelled.body());

    // A later generation on the same provider has started and finished: the cancelled task had time to
    // start its next call, and must not have.
    generate(voiceId, "A barrier.");
    List<CallRecorder.Call> late = new ArrayList<>();
    for (CallRecorder.Call call : app.provider.recorder().calls()) {
      if (call.start().isAfter(cancelledAt) && call.texts().stream().anyMatch(s -> s.contains("Sentence number"))) {
        late.add(call);
      }
    }
    assertEquals(List.of(), late);
    assertEquals("cancelled", app.get("/api/tasks/" + taskId).json().get("status"));
    List<String[]> events = events(taskId);
    assertEquals("cancelled", events.get(events.size() - 1)[0]);
    assertEquals(1, listGenerated().size(), "only the barrier's file: " + listGenerated());
  }

  @Test
  void deletedTaskIsGone() {
    String voiceId = app.cloneVoice("Ada");
    String taskId = (String) app.postJson("/api/tasks", Map.of("voice_id", voiceId, "text", "Hello."))
        .json().get("task_id");
    assertEquals(200, app.delete("/api/tasks/" + taskId).code());
    assertRejected(app.get("/api/tasks/" + taskId), 404, "Task not found");
  }

  @Test
  void taskRejectsBadInputBeforeStarting() {
    assertRejected(app.postJson("/api/tasks", Map.of("voice_id", UNKNOWN_ID, "text", "Hi")), 404, "Voice not found");
    String voiceId = app.cloneVoice("Ada");
    assertRejected(app.postJson("/api/tasks", Map.of("voice_id", voiceId, "text", "")), "Text must be 1-5000 characters");
    assertEquals(0, app.provider.recorder().callCount());
  }

  // --- system ---

  @Test
  void languagesListTheProvidersLanguages() {
    Map<String, Object> body = app.get("/api/languages").json();
    assertEquals("Auto", body.get("default"));
    assertEquals("mock", body.get("provider"));
    assertEquals(11, ((List<?>) body.get("languages")).size());
    assertEquals("Auto", ((List<?>) body.get("languages")).get(0));
  }

  @Test
  void healthReportsTheProvider() {
    TestServer.Reply health = app.get("/api/health");
    assertEquals(200, health.code());
    assertEquals("healthy", health.json().get("status"));
    assertEquals("mock", health.json().get("provider"));
  }

  @Test
  void unknownApiRouteIsJsonNotFound() {
    TestServer.Reply reply = app.get("/api/nothing-here");
    assertEquals(404, reply.code());
    assertNotNull(reply.detail());
  }

  // --- helpers ---

  private Map<String, Object> generate(String voiceId, String text) {
    TestServer.Reply reply = app.postJson("/api/generate", Map.of("voice_id", voiceId, "text", text));
    assertEquals(200, reply.code(), reply.body());
    return reply.json();
  }

  /** The task's server-sent events, each {name, data}, until the stream ends. */
  private List<String[]> events(String taskId) throws IOException {
    return events(taskId, () -> {});
  }

  /** The task's server-sent events until the stream ends, running {@code afterFirst} once the first is read. */
  private List<String[]> events(String taskId, Runnable afterFirst) throws IOException {
    List<String[]> events = new ArrayList<>();
    try (Response response = app.http.newCall(new Request.Builder()
        .url(app.base + "/api/tasks/" + taskId + "/events").header("Accept", "text/event-stream").build()).execute()) {
      assertEquals(200, response.code());
      assertTrue(String.valueOf(response.header("Content-Type")).startsWith("text/event-stream"), response.headers().toString());
      BufferedSource source = response.body().source();
      String name = null;
      String line;
      while ((line = source.readUtf8Line()) != null) {
        if (line.startsWith("event:")) {
          name = line.substring(6).strip();
        } else if (line.startsWith("data:")) {
          events.add(new String[] {name, line.substring(5).strip()});
          if (events.size() == 1) {
            afterFirst.run();
          }
        }
      }
    }
    assertFalse(events.isEmpty());
    return events;
  }

  private Map<String, Object> onlyVoice() {
    List<?> voices = (List<?>) app.get("/api/voices").json().get("voices");
    assertEquals(1, voices.size());
    @SuppressWarnings("unchecked")
    Map<String, Object> voice = (Map<String, Object>) voices.get(0);
    return voice;
  }

  private List<String> listGenerated() {
    try (Stream<Path> files = Files.list(dataDir.resolve("generated"))) {
      return files.map(p -> p.getFileName().toString()).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void assertNothingStored() {
    assertEquals(List.of(), ((List<?>) app.get("/api/voices").json().get("voices")));
    Polling.await("empty tmp and references", Duration.ofSeconds(10),
        () -> isEmpty(dataDir.resolve("tmp")) && isEmpty(dataDir.resolve("references")));
  }

  private static boolean isEmpty(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.findAny().isEmpty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void assertRejected(TestServer.Reply reply, String detail) {
    assertRejected(reply, 400, detail);
  }

  private static void assertRejected(TestServer.Reply reply, int status, String detail) {
    assertEquals(status, reply.code(), reply.body());
    assertTrue(reply.detail().startsWith(detail), reply.body());
  }

}
