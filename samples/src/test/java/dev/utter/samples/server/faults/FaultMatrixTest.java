package dev.utter.samples.server.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.squareup.moshi.Moshi;
import dev.utter.samples.server.UtterServer;
import dev.utter.samples.server.config.ServerConfig;
import dev.utter.samples.server.faults.FaultProxy.HandOff;
import dev.utter.samples.server.faults.FaultProxy.Recorded;
import dev.utter.samples.server.faults.FaultProxy.Redirect;
import dev.utter.samples.server.faults.FaultProxy.ReplaceStatus;
import dev.utter.samples.server.faults.FaultProxy.ResetMidBody;
import dev.utter.samples.server.faults.FaultProxy.RewriteBody;
import dev.utter.samples.server.faults.FaultProxy.Stall;
import dev.utter.spi.ProviderSettings;
import dev.utter.spi.TtsProvider;
import dev.utter.spi.TtsProviders;
import dev.utter.testing.ModalDeployService;
import dev.utter.testing.TestAudio;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fault matrix of issue 18: the web app on the {@code qwen-modal} provider, the real local
 * modal-deploy service (fake engine) and a {@link FaultProxy} between them. Each test drives the web
 * API as a user would and checks the outcome (a task completed, or failed with a cause a person can
 * read; never stuck) and what the service did: its {@code engine_calls} count every generation, so a
 * retry that generated twice shows.
 *
 * <p>The service runs with {@code UTTER_MAX_BATCH_SIZE=1}, so each chunk is one call and one
 * generation, and with a bearer token the provider sends (with a Modal key pair) on every call, so a
 * credential that follows a redirect shows at the other port.
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class FaultMatrixTest {
  private static final String TOKEN = "fault-matrix-token";
  private static final String MODAL_KEY = "wk-fault-matrix";
  private static final String MODAL_SECRET = "ws-fault-matrix";
  private static final MediaType JSON = MediaType.get("application/json");
  private static final Moshi MOSHI = new Moshi.Builder().build();
  /** A Java class name or a stack-trace fragment, which no answer or task error may show. */
  private static final Pattern JAVA_NAME = Pattern.compile(
      "\\b(java|javax|okhttp3|okio|kotlin|dev\\.utter)\\.[\\w.$]+|\\b\\w+(Exception|Error)\\b|\\tat ");
  /** Three chunks at the client's default of 300 characters a chunk. */
  private static final String LONG_TEXT = longText();
  private static final String SHORT_TEXT = "A short sentence, one chunk.";

  private static final Predicate<Recorded> SPEECH = r -> r.method().equals("POST")
      && (r.path().equals("/clone") || r.path().equals("/clone-batch"));

  @TempDir Path dataDir;

  private ModalDeployService service;
  private FaultProxy proxy;
  private FaultProxy otherPort;
  private TtsProvider provider;
  private UtterServer app;
  private String voiceId;
  private final OkHttpClient http = new OkHttpClient.Builder()
      .readTimeout(120, TimeUnit.SECONDS)
      .build();

  @AfterEach
  void stop() {
    if (app != null) {
      app.close();
    }
    if (provider != null) {
      provider.close();
    }
    if (proxy != null) {
      proxy.close();
    }
    if (otherPort != null) {
      otherPort.close();
    }
    if (service != null) {
      service.close();
    }
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }

  @ParameterizedTest(name = "{0} after the work was done")
  @ValueSource(ints = {502, 504})
  void gatewayErrorAfterTheWorkIsRepeatedWithItsKeyAndGeneratesEachChunkOnce(int status) {
    start(Duration.ZERO);
    proxy.once(SPEECH, new ReplaceStatus(status));
    int before = service.engineCalls();

    Map<String, Object> task = runTask(LONG_TEXT);

    assertEquals("completed", task.get("status"), () -> "task: " + task);
    int chunks = chunksTotal(task);
    assertTrue(chunks >= 2, "the text makes several chunks: " + chunks);
    assertEquals(chunks, service.engineCalls() - before, "exactly one generation per chunk");
    List<Recorded> posts = proxy.requests(SPEECH);
    assertEquals(chunks + 1, posts.size(), "the chunk whose answer was lost is sent once more");
    assertSameKeyOnTheRepeat(posts);
  }

  @Test
  void handOffGetAnswered502IsRetriedAsGetAndThePostIsNotSentAgain() {
    start(Duration.ZERO);
    proxy.once(SPEECH, new HandOff(List.of(502)));
    int before = service.engineCalls();

    Map<String, Object> task = runTask(LONG_TEXT);

    assertEquals("completed", task.get("status"), () -> "task: " + task);
    int chunks = chunksTotal(task);
    assertEquals(chunks, proxy.requests(SPEECH).size(), "no POST sent twice");
    assertEquals(chunks, service.engineCalls() - before, "exactly one generation per chunk");
    List<Recorded> gets = proxy.requests(r -> r.method().equals("GET") && r.target().contains(FaultProxy.CALL_ID));
    assertEquals(2, gets.size(), "the hand-off GET, answered 502, then once more: " + gets);
    for (Recorded get : gets) {
      assertEquals("Bearer " + TOKEN, get.header("Authorization"), "same origin: the hand-off keeps its credentials");
    }
  }

  @Test
  void resetMidBodyIsRepeatedWithItsKeyWhenTheServiceHonoursKeys() {
    start(Duration.ZERO);
    proxy.once(SPEECH, new ResetMidBody());
    int before = service.engineCalls();

    Map<String, Object> task = runTask(LONG_TEXT);

    assertEquals("completed", task.get("status"), () -> "task: " + task);
    int chunks = chunksTotal(task);
    assertEquals(chunks, service.engineCalls() - before, "the repeat is replayed, not generated again");
    List<Recorded> posts = proxy.requests(SPEECH);
    assertEquals(chunks + 1, posts.size());
    assertSameKeyOnTheRepeat(posts);
  }

  @Test
  void resetMidBodyFailsTheTaskWithoutAResendWhenTheServiceHonoursNoKeys() {
    // Before the app starts: the provider reads /health once, when the voice is cloned.
    start(Duration.ZERO, proxy -> proxy.always(r -> r.method().equals("GET") && r.path().equals("/health"),
        new RewriteBody(body -> body.replace("\"idempotency_keys\":true", "\"idempotency_keys\":false"))));
    proxy.once(SPEECH, new ResetMidBody());
    int before = service.engineCalls();

    Map<String, Object> task = runTask(LONG_TEXT);

    assertEquals("failed", task.get("status"), () -> "task: " + task + "\nproxy saw: " + seen(proxy));
    assertClearCause((String) task.get("error"));
    List<Recorded> posts = proxy.requests(SPEECH);
    Map<String, Long> sends = posts.stream().collect(Collectors.groupingBy(Recorded::bodySha256, Collectors.counting()));
    assertTrue(sends.values().stream().allMatch(n -> n == 1), "no POST sent twice: " + sends.values());
    assertEquals(posts.size(), service.engineCalls() - before, "every POST that reached the service generated once");
  }

  @ParameterizedTest(name = "{0} to another port")
  @ValueSource(ints = {303, 307})
  void redirectToAnotherPortCarriesNoCredentials(int status) {
    start(Duration.ZERO);
    otherPort = FaultProxy.start(servicePort());
    proxy.once(SPEECH, new Redirect(status, otherPort.url()));

    Map<String, Object> task = runTask(SHORT_TEXT);

    assertEquals("failed", task.get("status"), () -> "task: " + task);
    assertClearCause((String) task.get("error"));
    for (Recorded request : otherPort.requests()) {
      assertEquals(null, request.header("Authorization"), "Authorization followed the redirect");
      assertEquals(null, request.header("Modal-Key"), "Modal-Key followed the redirect");
      assertEquals(null, request.header("Modal-Secret"), "Modal-Secret followed the redirect");
    }
    if (status == 303) {
      assertEquals(1, otherPort.requests().size(), "the hand-off is followed, once, as a GET");
      assertEquals("GET", otherPort.requests().get(0).method());
    }
  }

  @Test
  void serviceKilledMidTaskFailsItWithACauseAndARestartedServiceGenerates() {
    start(Duration.ofMillis(1500));
    int port = servicePort();
    String taskId = submitTask(LONG_TEXT);
    await("a chunk to reach the service", Duration.ofSeconds(30), () -> !proxy.requests(SPEECH).isEmpty());

    service.kill();

    Map<String, Object> task = awaitFinal(taskId, Duration.ofSeconds(60));
    assertEquals("failed", task.get("status"), () -> "task: " + task);
    assertClearCause((String) task.get("error"));
    Reply down = postJson("/api/generate", Map.of("voice_id", voiceId, "text", SHORT_TEXT));
    assertEquals(503, down.code(), "provider unavailable: " + down.body());
    assertClearCause(down.detail());

    service.close();
    service = serviceBuilder(Duration.ZERO).port(port).start();
    Reply up = postJson("/api/generate", Map.of("voice_id", voiceId, "text", SHORT_TEXT));
    assertEquals(200, up.code(), up.body());
    assertEquals(1, service.engineCalls(), "the restarted service generated the one chunk once");
  }

  @Test
  void serviceRestartedBetweenCallsServesTheNextCall() {
    start(Duration.ZERO);
    int port = servicePort();
    assertEquals(200, postJson("/api/generate", Map.of("voice_id", voiceId, "text", SHORT_TEXT)).code());

    service.close(); // the pooled connection through the proxy closes with it
    service = serviceBuilder(Duration.ZERO).port(port).start();

    Reply reply = postJson("/api/generate", Map.of("voice_id", voiceId, "text", SHORT_TEXT));
    assertEquals(200, reply.code(), reply.body());
    assertEquals(1, service.engineCalls(), "one generation for one chunk");
  }

  @Test
  void serviceStalledThenResumedCompletesTheTask() {
    start(Duration.ofMillis(500));
    int before = service.engineCalls();
    String taskId = submitTask(LONG_TEXT);
    await("a chunk to reach the service", Duration.ofSeconds(30), () -> !proxy.requests(SPEECH).isEmpty());

    service.pause();
    try {
      sleep(Duration.ofSeconds(3));
      assertEquals("processing", task(taskId).get("status"), "a stalled service is waited for");
    } finally {
      service.resume();
    }

    Map<String, Object> task = awaitFinal(taskId, Duration.ofSeconds(60));
    assertEquals("completed", task.get("status"), () -> "task: " + task);
    assertEquals(chunksTotal(task), service.engineCalls() - before, "exactly one generation per chunk");
  }

  @Test
  void answerStalledInTransitIsWaitedForAndNotRepeated() {
    start(Duration.ZERO);
    proxy.once(SPEECH, new Stall(Duration.ofSeconds(3)));
    int before = service.engineCalls();

    Map<String, Object> task = runTask(LONG_TEXT);

    assertEquals("completed", task.get("status"), () -> "task: " + task);
    int chunks = chunksTotal(task);
    assertEquals(chunks, proxy.requests(SPEECH).size(), "no POST sent twice");
    assertEquals(chunks, service.engineCalls() - before);
  }

  /** Uvicorn closes a keep-alive connection after 5 s idle; calls after 4, 6, 8 and 11 s all succeed. */
  @Test
  void callsAfterTheServiceClosedIdleConnectionsSucceed() {
    start(Duration.ZERO);
    int before = service.engineCalls();
    List<Duration> gaps = List.of(Duration.ofSeconds(4), Duration.ofSeconds(6), Duration.ofSeconds(8),
        Duration.ofSeconds(11));

    assertEquals(200, postJson("/api/generate", Map.of("voice_id", voiceId, "text", SHORT_TEXT)).code());
    for (Duration gap : gaps) {
      sleep(gap);
      Reply reply = postJson("/api/generate", Map.of("voice_id", voiceId, "text", SHORT_TEXT));
      assertEquals(200, reply.code(), () -> "after " + gap.toSeconds() + " s idle: " + reply.body());
    }

    assertEquals(gaps.size() + 1, service.engineCalls() - before, "one generation per call");
    assertEquals(gaps.size() + 1, proxy.requests(SPEECH).size(), "no POST sent twice");
    assertTrue(proxy.connections() >= 4,
        "the service closed idle connections (after the 6, 8 and 11 s gaps): " + proxy.connections() + " connections");
  }

  // ---------------------------------------------------------------------------------------- fixture

  private void start(Duration delay) {
    start(delay, proxy -> {});
  }

  /** Starts the service, the proxy with {@code rules}, then the app on them, and clones a voice. */
  private void start(Duration delay, Consumer<FaultProxy> rules) {
    service = serviceBuilder(delay).start();
    proxy = FaultProxy.start(servicePort());
    rules.accept(proxy);
    provider = TtsProviders.create("qwen-modal", ProviderSettings.of(Map.of(
        "UTTER_QWEN_URL", proxy.url(),
        "UTTER_SERVICE_TOKEN", TOKEN,
        "MODAL_KEY", MODAL_KEY,
        "MODAL_SECRET", MODAL_SECRET)));
    app = UtterServer.start(new ServerConfig(0, "127.0.0.1", dataDir, "qwen-modal", null), provider);
    voiceId = cloneVoice();
  }

  private static ModalDeployService.Builder serviceBuilder(Duration delay) {
    return ModalDeployService.builder("qwen").token(TOKEN).env("UTTER_MAX_BATCH_SIZE", "1").delay(delay);
  }

  private int servicePort() {
    return URI.create(service.baseUrl()).getPort();
  }

  private String cloneVoice() {
    MultipartBody form = new MultipartBody.Builder().setType(MultipartBody.FORM)
        .addFormDataPart("name", "Fault matrix")
        .addFormDataPart("audio", "reference.wav",
            RequestBody.create(TestAudio.speechLikeWav(12, 24_000), MediaType.get("audio/wav")))
        .addFormDataPart("transcript", "Hello, this is my voice sample for testing.")
        .addFormDataPart("language", "English")
        .build();
    Reply reply = send(new Request.Builder().url(app.url() + "/api/clone").post(form));
    assertEquals(201, reply.code(), reply.body());
    return (String) reply.json().get("id");
  }

  private Map<String, Object> runTask(String text) {
    return awaitFinal(submitTask(text), Duration.ofSeconds(90));
  }

  private String submitTask(String text) {
    Reply reply = postJson("/api/tasks", Map.of("voice_id", voiceId, "text", text));
    assertEquals(202, reply.code(), reply.body());
    return (String) reply.json().get("task_id");
  }

  private Map<String, Object> task(String id) {
    Reply reply = send(new Request.Builder().url(app.url() + "/api/tasks/" + id));
    assertEquals(200, reply.code(), reply.body());
    return reply.json();
  }

  /** Polls the task until it is completed, failed or cancelled; a task still running at the deadline fails the test. */
  private Map<String, Object> awaitFinal(String id, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Map<String, Object> task = task(id);
      if (List.of("completed", "failed", "cancelled").contains(task.get("status"))) {
        return task;
      }
      if (System.nanoTime() > deadline) {
        fail("Task stuck after " + timeout.toSeconds() + " s: " + task + "\nproxy saw: " + seen(proxy)
            + "\nservice:\n" + service.output());
      }
      sleep(Duration.ofMillis(100));
    }
  }

  /** What {@code proxy} received, one line a request, for failure messages. */
  private static String seen(FaultProxy proxy) {
    return proxy.requests().stream()
        .map(r -> r.method() + " " + r.target() + " key=" + r.header("Idempotency-Key") + " body=" + r.bodySha256().substring(0, 8))
        .collect(Collectors.joining("\n  ", "\n  ", ""));
  }

  private static int chunksTotal(Map<String, Object> task) {
    @SuppressWarnings("unchecked")
    Map<String, Object> progress = (Map<String, Object>) task.get("progress");
    return ((Number) progress.get("chunks_total")).intValue();
  }

  /** Every POST has an idempotency key; exactly one key was sent twice (the repeat), the others once. */
  private static void assertSameKeyOnTheRepeat(List<Recorded> posts) {
    Map<String, Long> perKey = posts.stream().collect(Collectors.groupingBy(
        r -> String.valueOf(r.header("Idempotency-Key")), Collectors.counting()));
    assertFalse(perKey.containsKey("null"), "every generating POST carries an Idempotency-Key: " + posts);
    assertEquals(posts.size() - 1, perKey.size(), "one key repeated, the others once: " + perKey);
    assertTrue(perKey.containsValue(2L), "the repeat carries its first attempt's key: " + perKey);
  }

  private static void assertClearCause(String message) {
    assertNotNull(message, "a cause is given");
    assertFalse(message.isBlank(), "a cause is given");
    assertFalse(JAVA_NAME.matcher(message).find(), "no Java names in what a user reads: " + message);
  }

  private static void await(String what, Duration timeout, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        fail("Timed out waiting for " + what);
      }
      sleep(Duration.ofMillis(20));
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  private static String longText() {
    StringBuilder text = new StringBuilder();
    for (int i = 1; i <= 10; i++) {
      text.append("Sentence number ").append(i).append(" is here to make this text long enough for three chunks. ");
    }
    return text.toString().strip();
  }

  // ----------------------------------------------------------------------------------------- client

  private record Reply(int code, String body) {
    @SuppressWarnings("unchecked")
    Map<String, Object> json() {
      try {
        return (Map<String, Object>) MOSHI.adapter(Object.class).fromJson(body);
      } catch (IOException | RuntimeException e) {
        throw new AssertionError("Not JSON: " + body, e);
      }
    }

    String detail() {
      return (String) json().get("detail");
    }
  }

  private Reply postJson(String path, Map<String, ?> body) {
    return send(new Request.Builder().url(app.url() + path)
        .post(RequestBody.create(MOSHI.adapter(Object.class).toJson(body), JSON)));
  }

  private Reply send(Request.Builder request) {
    try (Response response = http.newCall(request.build()).execute()) {
      return new Reply(response.code(), response.body().string());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
