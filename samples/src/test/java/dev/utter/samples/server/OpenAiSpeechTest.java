package dev.utter.samples.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.squareup.moshi.Moshi;
import dev.utter.ProviderUnavailableException;
import dev.utter.RateLimitedException;
import dev.utter.UtterException;
import dev.utter.audio.PcmAudio;
import dev.utter.provider.mock.MockTtsProvider;
import dev.utter.samples.server.config.ServerConfig;
import dev.utter.spi.ProviderCapabilities;
import dev.utter.spi.ProviderHealth;
import dev.utter.spi.SynthesisRequest;
import dev.utter.spi.TtsProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.Semaphore;
import java.util.function.Predicate;
import java.util.function.Supplier;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /v1/audio/speech} and {@code /v1/models} over real HTTP on loopback, the files checked with ffprobe. */
class OpenAiSpeechTest {
  private static final Moshi MOSHI = new Moshi.Builder().build();
  private static final MediaType JSON = MediaType.get("application/json");
  /** Three chunks under {@link TestServer#SMALL_CHUNKS}: one sentence each. */
  private static final String THREE_SENTENCES = "Alpha is the first sentence of this little test text. "
      + "Bravo is the second sentence, and it is not short either. "
      + "Charlie closes the text with a third and last sentence.";

  @TempDir Path dir;

  @Test
  void eachResponseFormatIsPlayableAtOpenAisRate() throws Exception {
    try (TestServer s = TestServer.start(dir)) {
      s.cloneVoice("Ada");
      Map<String, String[]> expected = Map.of(
          "mp3", new String[] {"audio/mpeg", "mp3", "mp3", "24000"},
          "opus", new String[] {"audio/opus", "ogg", "opus", "48000"},
          "wav", new String[] {"audio/wav", "wav", "pcm_s16le", "24000"},
          "pcm", new String[] {"audio/pcm", "s16le", "pcm_s16le", "24000"});
      for (Map.Entry<String, String[]> e : expected.entrySet()) {
        Reply reply = post(s, body("Ada", THREE_SENTENCES, Map.of("response_format", e.getKey())), null);
        assertEquals(200, reply.code, e.getKey() + ": " + reply.text());
        assertEquals(e.getValue()[0], reply.contentType, e.getKey());
        assertEquals("chunked", reply.transferEncoding, e.getKey());
        Map<String, String> probe = FfProbe.probe(dir, reply.bytes, e.getKey());
        assertTrue(probe.get("format_name").contains(e.getValue()[1]), e.getKey() + " " + probe);
        assertEquals(e.getValue()[2], probe.get("codec_name"), e.getKey());
        assertEquals(e.getValue()[3], probe.get("sample_rate"), e.getKey());
        assertEquals("1", probe.get("channels"), e.getKey());
        double seconds = Double.parseDouble(probe.get("duration"));
        double spoken = lastGenerationSeconds(s);
        assertEquals(spoken, seconds, 0.1, e.getKey() + " decodes to the speech's length");
      }
      assertEquals(4.0, ((Number) s.get("/api/generations").json().get("total")).doubleValue(),
          "each request is recorded in history");
    }
  }

  @Test
  void defaultFormatIsMp3AndAliasesAndVoiceIdsAreAccepted() throws Exception {
    try (TestServer s = TestServer.start(dir)) {
      String id = s.cloneVoice("Ada");
      for (String model : List.of("mock", "tts-1", "tts-1-hd", "gpt-4o-mini-tts")) {
        Reply reply = post(s, body(model, id, "Hello there.", Map.of()), null);
        assertEquals(200, reply.code, model + ": " + reply.text());
        assertEquals("audio/mpeg", reply.contentType);
      }
      Reply byObject = post(s, body("tts-1", Map.of("id", id), "Hello there.", Map.of()), null);
      assertEquals(200, byObject.code, byObject.text());
    }
  }

  @Test
  void speedStretchesTheSpeechByItsFactor() throws Exception {
    try (TestServer s = TestServer.start(dir)) {
      s.cloneVoice("Ada");
      for (double speed : new double[] {0.5, 2.0, 4.0}) {
        Reply reply = post(s, body("Ada", THREE_SENTENCES, Map.of("response_format", "wav", "speed", speed)), null);
        assertEquals(200, reply.code, reply.text());
        double seconds = Double.parseDouble(FfProbe.probe(dir, reply.bytes, "wav").get("duration"));
        assertEquals(lastGenerationSeconds(s) / speed, seconds, 0.01, "speed " + speed);
      }
    }
  }

  @Test
  void modelsAreListedInOpenAisShape() {
    try (TestServer s = TestServer.start(dir)) {
      TestServer.Reply reply = s.get("/v1/models");
      assertEquals(200, reply.code());
      assertEquals("list", reply.json().get("object"));
      List<String> ids = new ArrayList<>();
      for (Object o : (List<?>) reply.json().get("data")) {
        Map<?, ?> model = (Map<?, ?>) o;
        assertEquals("model", model.get("object"));
        assertEquals("utter", model.get("owned_by"));
        assertTrue(model.get("created") instanceof Number);
        ids.add((String) model.get("id"));
      }
      assertEquals(List.of("mock", "tts-1", "tts-1-hd", "gpt-4o-mini-tts"), ids);
    }
  }

  @Test
  void sseDeliversBase64DeltasThenDone() throws Exception {
    try (TestServer s = TestServer.start(dir)) {
      s.cloneVoice("Ada");
      Reply reply = post(s, body("Ada", THREE_SENTENCES, Map.of("response_format", "wav", "stream_format", "sse")),
          null);
      assertEquals(200, reply.code, reply.text());
      assertEquals("text/event-stream", reply.contentType);
      ByteArrayOutputStream audio = new ByteArrayOutputStream();
      List<Map<String, Object>> events = sseEvents(reply.text());
      for (Map<String, Object> event : events.subList(0, events.size() - 1)) {
        assertEquals("speech.audio.delta", event.get("type"));
        audio.writeBytes(Base64.getDecoder().decode((String) event.get("audio")));
      }
      Map<String, Object> done = events.get(events.size() - 1);
      assertEquals("speech.audio.done", done.get("type"));
      assertEquals(Map.of("input_tokens", 0.0, "output_tokens", 0.0, "total_tokens", 0.0), done.get("usage"));
      assertTrue(events.size() >= 4, "a delta per chunk at least: " + events.size());
      Map<String, String> probe = FfProbe.probe(dir, audio.toByteArray(), "wav");
      assertEquals("24000", probe.get("sample_rate"));
      assertEquals(lastGenerationSeconds(s), Double.parseDouble(probe.get("duration")), 0.1);
    }
  }

  @Test
  void firstAudioArrivesBeforeTheLastChunkIsSynthesized() throws Exception {
    String voice = cloneAndStop("Ada");
    GatedProvider provider = new GatedProvider();
    try (UtterServer server = UtterServer.start(new ServerConfig(0, "127.0.0.1", dir, "mock", null), provider)) {
      for (String streamFormat : List.of("audio", "sse")) {
        provider.gated = GatedProvider.LATER_CHUNKS;
        Request request = speechRequest(server.url(),
            body("mock", voice, THREE_SENTENCES, Map.of("response_format", "pcm", "stream_format", streamFormat)), null);
        try (Response response = client().newCall(request).execute()) {
          InputStream in = response.body().byteStream();
          int first = in.read();
          assertTrue(first >= 0, streamFormat);
          assertEquals(1, provider.done.get(), streamFormat + ": only the first chunk was made when bytes arrived");
          provider.open();
          in.readAllBytes();
          assertEquals(3, provider.done.get(), streamFormat);
        } finally {
          provider.open();
          provider.done.set(0);
        }
      }
    } finally {
      provider.delegate.close();
    }
  }

  @Test
  void aLongInputToAStalledClientHoldsOnlyTheBufferedAudio() throws Exception {
    String voice = cloneAndStop("Ada");
    StringBuilder text = new StringBuilder();
    for (int i = 1; text.length() < 4900; i++) {
      text.append("Sentence number ").append(i).append(" is here to make the text long enough. ");
    }
    GatedProvider provider = new GatedProvider();
    try (UtterServer server = UtterServer.start(new ServerConfig(0, "127.0.0.1", dir, "mock", null), provider)) {
      long baseline = usedHeapAfterGc();
      OkHttpClient stalled = client().newBuilder().socketFactory(new SmallReceiveBuffers()).build();
      Request request = speechRequest(server.url(), body("mock", voice, text.toString().strip(),
          Map.of("response_format", "pcm")), null);
      try (Response response = stalled.newCall(request).execute()) {
        InputStream in = response.body().byteStream();
        assertTrue(in.read() >= 0);
        int doneWhileStalled = awaitNoProgress(provider.done);
        long held = usedHeapAfterGc() - baseline;
        long bytes = 1 + in.readAllBytes().length;
        int chunks = provider.done.get();
        double seconds = bytes / 2.0 / 24_000;
        long wholeSpeech = Math.round(seconds * 16_000 * 2); // what the provider made, 16 kHz PCM
        System.out.printf("5000 characters, %.0f s of speech (%d chunks, %.1f MB at 16 kHz): with the client"
            + " stalled, %d chunks were made and the heap held %.1f MB more%n", seconds, chunks,
            wholeSpeech / 1e6, doneWhileStalled, held / 1e6);
        assertTrue(doneWhileStalled < chunks, doneWhileStalled + " of " + chunks + " chunks made while stalled");
        assertTrue(held < wholeSpeech / 2, "held " + held + " bytes of a " + wholeSpeech + "-byte speech");
      }
    } finally {
      provider.delegate.close();
    }
  }

  @Test
  void aFailureAfterTheFirstAudioCutsTheConnectionAndRecordsNothing() throws Exception {
    String voice = cloneAndStop("Ada");
    GatedProvider provider = new GatedProvider();
    provider.gated = GatedProvider.LATER_CHUNKS;
    provider.failGated = true;
    try (UtterServer server = UtterServer.start(new ServerConfig(0, "127.0.0.1", dir, "mock", null), provider)) {
      Request request = speechRequest(server.url(), body("mock", voice, THREE_SENTENCES, Map.of()), null);
      try (Response response = client().newCall(request).execute()) {
        assertEquals(200, response.code());
        InputStream in = response.body().byteStream();
        assertTrue(in.read() >= 0, "the first chunk's audio arrives");
        provider.open();
        assertThrows(IOException.class, in::readAllBytes, "an incomplete chunked body");
      }
      TestServer.Reply history = send(new Request.Builder().url(server.url() + "/api/generations"));
      assertEquals(0.0, ((Number) history.json().get("total")).doubleValue());
      try (var generated = Files.list(dir.resolve("generated")); var tmp = Files.list(dir.resolve("tmp"))) {
        assertEquals(0, generated.count());
        assertEquals(0, tmp.count());
      }
    } finally {
      provider.delegate.close();
    }
  }

  @Test
  void providerFailuresBeforeTheFirstAudioAreOpenAiErrors() throws Exception {
    String voice = cloneAndStop("Ada");
    GatedProvider provider = new GatedProvider();
    try (UtterServer server = UtterServer.start(new ServerConfig(0, "127.0.0.1", dir, "mock", null), provider)) {
      provider.failure = () -> new ProviderUnavailableException("cold start over budget");
      Reply unavailable = post(server.url(), body("mock", voice, "Hello there.", Map.of()), null);
      assertError(unavailable, 503, "server_error", null, null);
      assertTrue(unavailable.message().startsWith("Generation failed: "), unavailable.message());

      provider.failure = () -> new RateLimitedException("slow down", Duration.ofSeconds(1), UtterException.Details.ofResponse(429, null, null, null), null);
      Reply limited = post(server.url(), body("mock", voice, "Hello there.", Map.of()), null);
      assertError(limited, 429, "rate_limit_error", null, "rate_limit_exceeded");
      assertEquals("1", limited.retryAfter);
    } finally {
      provider.delegate.close();
    }
  }

  @Test
  void aFifthConcurrentSpeechIsRefused503WithRetryAfter() throws Exception {
    String voice = cloneAndStop("Ada");
    GatedProvider provider = new GatedProvider();
    provider.gated = text -> true;
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try (UtterServer server = UtterServer.start(new ServerConfig(0, "127.0.0.1", dir, "mock", null), provider)) {
      List<Future<Reply>> running = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        running.add(pool.submit(() -> post(server.url(), body("mock", voice, "Hello there.", Map.of()), null)));
      }
      assertTrue(provider.waiting.tryAcquire(4, 20, TimeUnit.SECONDS), "four generations hold the slots");
      Reply refused = post(server.url(), body("mock", voice, "Hello there.", Map.of()), null);
      assertError(refused, 503, "server_error", null, null);
      assertEquals("5", refused.retryAfter);
      provider.open();
      for (Future<Reply> f : running) {
        assertEquals(200, f.get(20, TimeUnit.SECONDS).code);
      }
    } finally {
      provider.open();
      pool.shutdownNow();
      provider.delegate.close();
    }
  }

  @Test
  void badRequestsAreOpenAiErrorsFieldByField() throws Exception {
    try (TestServer s = TestServer.start(dir)) {
      s.cloneVoice("Ada");
      s.cloneVoice("Twin");
      s.cloneVoice("Twin");
      assertError(post(s, Map.of("input", "Hi", "voice", "Ada"), null), 400, "invalid_request_error", "model",
          "missing_required_parameter");
      assertError(post(s, body("whisper-1", "Ada", "Hi", Map.of()), null), 404, "invalid_request_error", "model",
          "model_not_found");
      assertError(post(s, Map.of("model", "tts-1", "voice", "Ada"), null), 400, "invalid_request_error", "input",
          "missing_required_parameter");
      assertError(post(s, body("Ada", "   ", Map.of()), null), 400, "invalid_request_error", "input",
          "string_below_min_length");
      String tooLong = "😀".repeat(5001);
      Reply long1 = post(s, body("Ada", tooLong, Map.of()), null);
      assertError(long1, 400, "invalid_request_error", "input", "string_above_max_length");
      assertTrue(long1.message().contains("5001"), long1.message());
      assertError(post(s, body("Nobody", "Hi", Map.of()), null), 404, "invalid_request_error", "voice",
          "voice_not_found");
      Reply twins = post(s, body("Twin", "Hi", Map.of()), null);
      assertError(twins, 400, "invalid_request_error", "voice", "ambiguous_voice");
      assertTrue(twins.message().startsWith("2 voices are named 'Twin'"), twins.message());
      assertError(post(s, body("tts-1", 42, "Hi", Map.of()), null), 400, "invalid_request_error", "voice",
          "invalid_type");
      for (String unsupported : List.of("aac", "flac")) {
        Reply reply = post(s, body("Ada", "Hi", Map.of("response_format", unsupported)), null);
        assertError(reply, 400, "invalid_request_error", "response_format", "unsupported_value");
        assertTrue(reply.message().contains("mp3, opus, wav or pcm"), reply.message());
      }
      assertError(post(s, body("Ada", "Hi", Map.of("response_format", "ogg")), null), 400,
          "invalid_request_error", "response_format", "invalid_value");
      assertError(post(s, body("Ada", "Hi", Map.of("speed", 4.5)), null), 400, "invalid_request_error", "speed",
          "invalid_value");
      assertError(post(s, body("Ada", "Hi", Map.of("speed", "fast")), null), 400, "invalid_request_error", "speed",
          "invalid_type");
      assertError(post(s, body("Ada", "Hi", Map.of("speed", 0.2)), null), 400, "invalid_request_error", "speed",
          "invalid_value");
      assertEquals(200, post(s, body("Ada", "Hi", Map.of("speed", 1.0, "instructions", "Cheerful.")), null).code);
      assertError(post(s, body("Ada", "Hi", Map.of("stream_format", "chunks")), null), 400,
          "invalid_request_error", "stream_format", "invalid_value");
      assertError(post(s, body("Ada", "Hi", Map.of("instructions", 7)), null), 400, "invalid_request_error",
          "instructions", "invalid_type");
      assertError(rawPost(s.base, "{not json", "application/json", null), 400, "invalid_request_error", null, null);
      assertError(rawPost(s.base, "[1]", "application/json", null), 400, "invalid_request_error", null, null);
      assertError(rawPost(s.base, "model=tts-1", "application/x-www-form-urlencoded", null), 415,
          "invalid_request_error", null, null);
      assertError(reply(s.send(new Request.Builder().url(s.base + "/v1/audio/voices"))), 404,
          "invalid_request_error", null, null);
      assertError(reply(s.send(new Request.Builder().url(s.base + "/v1/audio/speech"))), 405,
          "invalid_request_error", null, null);
      assertError(reply(s.send(new Request.Builder().url(s.base + "/v1/models").header("Host", "evil.example"))),
          421, "invalid_request_error", null, null);
      assertEquals(0.0 + 1, ((Number) s.get("/api/generations").json().get("total")).doubleValue(),
          "only the one good request is in history");
      assertNotNull(s.get("/api/voices").json(), "the rest of the API keeps {detail}");
      assertEquals("Not Found", s.get("/api/nothing").detail());
    }
  }

  @Test
  void theKeyIsABearerTokenChecked401InOpenAisShape() throws Exception {
    try (TestServer s = TestServer.start(dir, Duration.ofMillis(5), "sk-right")) {
      s.cloneVoice("Ada");
      Map<String, Object> body = body("Ada", "Hello there.", Map.of());
      Reply missing = post(s, body, null);
      assertError(missing, 401, "invalid_request_error", null, "invalid_api_key");
      assertError(post(s, body, "sk-wrong"), 401, "invalid_request_error", null, "invalid_api_key");
      assertError(reply(s.send(new Request.Builder().url(s.base + "/v1/models"))), 401, "invalid_request_error",
          null, "invalid_api_key");
      assertEquals(200, post(s, body, "sk-right").code);
      assertEquals(200, s.send(new Request.Builder().url(s.base + "/v1/models")
          .header("Authorization", "Bearer sk-right")).code());
    }
  }

  // --- helpers

  /** Waits until {@code done} has not moved for two seconds (at most a minute) and returns it. */
  private static int awaitNoProgress(AtomicInteger done) throws InterruptedException {
    int last = -1;
    for (int i = 0; i < 60 && done.get() != last; i++) {
      last = done.get();
      Thread.sleep(2000);
    }
    return done.get();
  }

  private static long usedHeapAfterGc() {
    java.lang.management.MemoryMXBean memory = java.lang.management.ManagementFactory.getMemoryMXBean();
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return memory.getHeapMemoryUsage().getUsed();
  }

  /** Client sockets with a 16 KiB receive buffer, so that a stalled reader holds little in the kernel. */
  private static final class SmallReceiveBuffers extends javax.net.SocketFactory {
    private final javax.net.SocketFactory system = javax.net.SocketFactory.getDefault();

    @Override
    public java.net.Socket createSocket() throws IOException {
      java.net.Socket socket = system.createSocket();
      socket.setReceiveBufferSize(16 * 1024);
      return socket;
    }

    @Override
    public java.net.Socket createSocket(String host, int port) throws IOException {
      throw new UnsupportedOperationException();
    }

    @Override
    public java.net.Socket createSocket(String host, int port, java.net.InetAddress local, int localPort) {
      throw new UnsupportedOperationException();
    }

    @Override
    public java.net.Socket createSocket(java.net.InetAddress host, int port) {
      throw new UnsupportedOperationException();
    }

    @Override
    public java.net.Socket createSocket(java.net.InetAddress host, int port, java.net.InetAddress local, int localPort) {
      throw new UnsupportedOperationException();
    }
  }

  /** Clones {@code name} on a server that is then stopped, leaving the voice in {@link #dir}; returns its id. */
  private String cloneAndStop(String name) {
    try (TestServer s = TestServer.start(dir)) {
      return s.cloneVoice(name);
    }
  }

  private static Map<String, Object> body(String voice, String input, Map<String, ?> extra) {
    return body("tts-1", voice, input, extra);
  }

  private static Map<String, Object> body(String model, Object voice, String input, Map<String, ?> extra) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("model", model);
    body.put("input", input);
    body.put("voice", voice);
    body.putAll(extra);
    return body;
  }

  private static OkHttpClient client() {
    return new OkHttpClient.Builder().readTimeout(30, TimeUnit.SECONDS).retryOnConnectionFailure(false).build();
  }

  private static Request speechRequest(String base, Map<String, ?> body, String key) {
    Request.Builder request = new Request.Builder().url(base + "/v1/audio/speech")
        .post(RequestBody.create(MOSHI.adapter(Object.class).toJson(body), JSON));
    if (key != null) {
      request.header("Authorization", "Bearer " + key);
    }
    return request.build();
  }

  private static Reply post(TestServer s, Map<String, ?> body, String key) {
    return post(s.base, body, key);
  }

  private static Reply post(String base, Map<String, ?> body, String key) {
    return execute(speechRequest(base, body, key));
  }

  private static Reply rawPost(String base, String body, String type, String key) {
    return execute(new Request.Builder().url(base + "/v1/audio/speech")
        .post(RequestBody.create(body, MediaType.get(type))).build());
  }

  private static Reply execute(Request request) {
    try (Response response = client().newCall(request).execute()) {
      return new Reply(response.code(), response.header("Content-Type"), response.header("Transfer-Encoding"),
          response.header("Retry-After"), response.body().bytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static TestServer.Reply send(Request.Builder request) {
    try (Response response = client().newCall(request.build()).execute()) {
      return new TestServer.Reply(response.code(), response.body().string(), response.headers());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Reply reply(TestServer.Reply r) {
    return new Reply(r.code(), r.headers().get("Content-Type"), null, r.headers().get("Retry-After"),
        r.body().getBytes(StandardCharsets.UTF_8));
  }

  private static void assertError(Reply reply, int status, String type, String param, String code) {
    assertEquals(status, reply.code, reply.text());
    assertTrue(reply.contentType.startsWith("application/json"), reply.contentType);
    Map<String, Object> body = json(reply.text());
    assertEquals(List.of("error"), List.copyOf(body.keySet()), reply.text());
    @SuppressWarnings("unchecked")
    Map<String, Object> error = (Map<String, Object>) body.get("error");
    assertEquals(List.of("message", "type", "param", "code"), List.copyOf(error.keySet()), reply.text());
    assertTrue(error.get("message") instanceof String m && !m.isBlank(), reply.text());
    assertFalse(reply.text().contains("Exception"), reply.text());
    assertEquals(type, error.get("type"), reply.text());
    assertEquals(param, error.get("param"), reply.text());
    assertEquals(code, error.get("code"), reply.text());
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> json(String text) {
    try {
      return (Map<String, Object>) MOSHI.adapter(Object.class).fromJson(text);
    } catch (IOException e) {
      throw new UncheckedIOException("Not JSON: " + text, e);
    }
  }

  private static List<Map<String, Object>> sseEvents(String text) {
    List<Map<String, Object>> events = new ArrayList<>();
    for (String block : text.split("\n\n")) {
      assertTrue(block.startsWith("data: "), block);
      events.add(json(block.substring("data: ".length())));
    }
    return events;
  }

  private static double lastGenerationSeconds(TestServer s) {
    List<?> generations = (List<?>) s.get("/api/generations?limit=1").json().get("generations");
    return ((Number) ((Map<?, ?>) generations.get(0)).get("duration_seconds")).doubleValue();
  }

  private record Reply(int code, String contentType, String transferEncoding, String retryAfter, byte[] bytes) {
    String text() {
      return new String(bytes, StandardCharsets.UTF_8);
    }

    String message() {
      return (String) ((Map<?, ?>) json(text()).get("error")).get("message");
    }
  }

  /**
   * The test's mock, with a gate: calls whose text {@code gated} picks wait (each announcing itself on
   * {@code waiting}) until {@link #open()}, then fail when {@code failGated}; with {@code failure} set,
   * every call fails at once.
   */
  private static final class GatedProvider implements TtsProvider {
    static final Predicate<String> LATER_CHUNKS = text -> !text.startsWith("Alpha");
    final MockTtsProvider delegate = MockTtsProvider.builder().capabilities(TestServer.SMALL_CHUNKS).build();
    final AtomicInteger done = new AtomicInteger();
    final Semaphore waiting = new Semaphore(0);
    volatile Predicate<String> gated = text -> false;
    volatile boolean failGated;
    volatile CountDownLatch gate = new CountDownLatch(1);
    volatile Supplier<UtterException> failure;

    void open() {
      gated = text -> false;
      gate.countDown();
      gate = new CountDownLatch(1);
    }

    @Override
    public String id() {
      return "mock";
    }

    @Override
    public ProviderCapabilities capabilities() {
      return delegate.capabilities();
    }

    @Override
    public PcmAudio synthesize(SynthesisRequest request) {
      if (failure != null) {
        throw failure.get();
      }
      if (gated.test(request.text())) {
        CountDownLatch wait = gate;
        waiting.release();
        try {
          assertTrue(wait.await(20, TimeUnit.SECONDS), "the test opens the gate");
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
        if (failGated) {
          throw new ProviderUnavailableException("provider went away");
        }
      }
      PcmAudio audio = delegate.synthesize(request);
      done.incrementAndGet();
      return audio;
    }

    @Override
    public ProviderHealth health() {
      return delegate.health();
    }

    @Override
    public void close() {}
  }
}
