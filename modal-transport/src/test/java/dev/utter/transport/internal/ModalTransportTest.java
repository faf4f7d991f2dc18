package dev.utter.transport.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.utter.AuthenticationException;
import dev.utter.GenerationFailedException;
import dev.utter.InvalidRequestException;
import dev.utter.NotFoundException;
import dev.utter.ProviderUnavailableException;
import dev.utter.RateLimitedException;
import dev.utter.UtterException;
import dev.utter.audio.PcmAudio;
import dev.utter.audio.Wav;
import dev.utter.testing.FakeTime;
import dev.utter.transport.ModalAuth;
import dev.utter.transport.ModalRetries;
import io.github.resilience4j.retry.RetryConfig;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ModalTransportTest {
  private static final String KEY = "wk-test-key-0123";
  private static final String SECRET = "ws-test-secret-4567";

  private final MockWebServer server = new MockWebServer();
  private final FakeTime time = new FakeTime();
  private ModalTransport transport;

  @BeforeEach
  void setUp() throws IOException {
    server.start();
    transport = transport(ModalRetries.defaults());
  }

  @AfterEach
  void tearDown() {
    transport.close();
    server.close();
  }

  private ModalTransport transport(RetryConfig retries) {
    return ModalTransport.builder()
        .auth(ModalAuth.modal(KEY, SECRET))
        .retryConfig(retries)
        .clock(time)
        .sleeper(time)
        .build();
  }

  private static MockResponse status(int code) {
    return new MockResponse.Builder().code(code)
        .body("{\"detail\":\"status " + code + "\",\"code\":\"c" + code + "\"}")
        .addHeader("X-Request-Id", "rid-" + code).build();
  }

  private static MockResponse wav(PcmAudio audio) {
    return new MockResponse.Builder().code(200).addHeader("Content-Type", "audio/wav")
        .body(new Buffer().write(Wav.write(audio))).build();
  }

  private static PcmAudio tone() {
    short[] samples = new short[2400];
    for (int i = 0; i < samples.length; i++) {
      samples[i] = (short) (1000 * Math.sin(i / 10.0));
    }
    return PcmAudio.of(24000, samples);
  }

  /** A request body, as the providers' wire records are. */
  public record Text(String text) {}

  public record Ok(boolean ok) {}

  private ModalResponse postClone() {
    return transport.postJson(server.url("/clone"), new Text("Hello there"), 11, false);
  }

  @Test
  void retriesTwiceOn503ThenSucceeds() {
    server.enqueue(status(503));
    server.enqueue(status(503));
    server.enqueue(wav(tone()));

    PcmAudio audio = postClone().wav();

    assertEquals(tone(), audio);
    assertEquals(3, server.getRequestCount());
    List<Duration> sleeps = time.sleeps();
    assertEquals(2, sleeps.size());
    assertBetween(sleeps.get(0), 375, 625);
    assertBetween(sleeps.get(1), 750, 1250);
  }

  @Test
  void givesUpAfterTheConfiguredRetries() {
    for (int i = 0; i < 3; i++) {
      server.enqueue(status(503));
    }

    ProviderUnavailableException e = assertThrows(ProviderUnavailableException.class, this::postClone);

    assertEquals(503, e.status());
    assertEquals(3, server.getRequestCount());
  }

  @Test
  void doesNotRetryWhenRetriesAreSwitchedOff() {
    transport.close();
    transport = transport(ModalRetries.none());
    server.enqueue(status(503));
    server.enqueue(wav(tone()));

    assertThrows(ProviderUnavailableException.class, this::postClone);

    assertEquals(1, server.getRequestCount());
    assertTrue(time.sleeps().isEmpty());
  }

  @Test
  void waitsAsLongAsRetryAfterSays() {
    server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "2")
        .body("{\"detail\":\"slow down\",\"code\":\"rate_limited\"}").build());
    server.enqueue(wav(tone()));

    postClone();

    assertEquals(List.of(Duration.ofSeconds(2)), time.sleeps());
    assertEquals(2, server.getRequestCount());
  }

  @Test
  void retryAfterMsWinsOverRetryAfter() {
    server.enqueue(new MockResponse.Builder().code(503).addHeader("Retry-After", "7")
        .addHeader("Retry-After-Ms", "1250").build());
    server.enqueue(wav(tone()));

    postClone();

    assertEquals(List.of(Duration.ofMillis(1250)), time.sleeps());
  }

  @Test
  void rateLimitedCarriesRetryAfterWhenRetriesRunOut() {
    for (int i = 0; i < 3; i++) {
      server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "1").build());
    }

    RateLimitedException e = assertThrows(RateLimitedException.class, this::postClone);

    assertEquals(Duration.ofSeconds(1), e.retryAfter().orElseThrow());
    assertEquals(3, server.getRequestCount());
  }

  @ParameterizedTest
  @CsvSource({"400", "401", "403", "404", "413", "422", "500"})
  void doesNotRetryClientErrorsOrGenerationFailures(int code) {
    server.enqueue(status(code));
    server.enqueue(wav(tone()));

    UtterException e = assertThrows(UtterException.class, this::postClone);

    assertEquals(1, server.getRequestCount());
    assertTrue(time.sleeps().isEmpty());
    assertEquals(code, e.status());
    assertEquals("rid-" + code, e.requestId().orElseThrow());
    assertEquals("status " + code, e.serverMessage().orElseThrow());
    assertEquals("c" + code, e.code().orElseThrow());
  }

  @ParameterizedTest
  @CsvSource({
      "400, dev.utter.InvalidRequestException",
      "401, dev.utter.AuthenticationException",
      "403, dev.utter.AuthenticationException",
      "404, dev.utter.NotFoundException",
      "413, dev.utter.InvalidRequestException",
      "422, dev.utter.InvalidRequestException",
      "500, dev.utter.GenerationFailedException",
      "501, dev.utter.ProviderUnavailableException",
      "408, dev.utter.ProviderUnavailableException",
      "429, dev.utter.RateLimitedException",
  })
  void mapsStatusesToTypedExceptions(int code, String type) throws ClassNotFoundException {
    transport.close();
    transport = transport(ModalRetries.none());
    server.enqueue(status(code));

    UtterException e = assertThrows(UtterException.class, this::postClone);

    assertEquals(Class.forName(type), e.getClass());
    assertTrue(e.getMessage().contains("POST /clone failed with HTTP " + code + ": status " + code), e.getMessage());
  }

  @Test
  void plainTextErrorBodyBecomesTheServerMessage() {
    server.enqueue(new MockResponse.Builder().code(401)
        .body("modal-http: missing credentials for proxy authorization").build());

    AuthenticationException e = assertThrows(AuthenticationException.class, this::postClone);

    assertEquals("modal-http: missing credentials for proxy authorization", e.serverMessage().orElseThrow());
    assertTrue(e.code().isEmpty());
  }

  @Test
  void followsSeeOtherWithGetKeepingAuthHeaders() throws InterruptedException {
    server.enqueue(new MockResponse.Builder().code(303)
        .addHeader("Location", "/clone?__modal_function_call_id=fc-1").build());
    server.enqueue(new MockResponse.Builder().code(303)
        .addHeader("Location", "/clone?__modal_function_call_id=fc-1").build());
    server.enqueue(wav(tone()));

    assertEquals(tone(), postClone().wav());

    RecordedRequest post = server.takeRequest();
    assertEquals("POST", post.getMethod());
    for (int i = 0; i < 2; i++) {
      RecordedRequest get = server.takeRequest();
      assertEquals("GET", get.getMethod());
      assertEquals("fc-1", get.getUrl().queryParameter("__modal_function_call_id"));
      assertEquals(KEY, get.getHeaders().get("Modal-Key"));
      assertEquals(SECRET, get.getHeaders().get("Modal-Secret"));
      assertEquals(post.getHeaders().get("X-Request-Id"), get.getHeaders().get("X-Request-Id"));
    }
    assertEquals(KEY, post.getHeaders().get("Modal-Key"));
    assertEquals(SECRET, post.getHeaders().get("Modal-Secret"));
  }

  @Test
  void handOffsStopWhenTheBudgetEnds() {
    transport.close();
    transport = ModalTransport.builder().auth(ModalAuth.modal(KEY, SECRET)).clock(time).sleeper(time)
        .callBudget(Duration.ofSeconds(400), Duration.ZERO).build();
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        time.advance(Duration.ofSeconds(150)); // what each Modal hand-off takes
        return new MockResponse.Builder().code(303).addHeader("Location", "/clone?__modal_function_call_id=fc-2").build();
      }
    });

    ProviderUnavailableException e = assertThrows(ProviderUnavailableException.class, this::postClone);

    assertEquals("timeout", e.code().orElseThrow());
    assertTrue(e.getMessage().contains("call budget of 400 s"), e.getMessage());
    assertEquals(3, server.getRequestCount());
    assertTrue(time.sleeps().isEmpty(), "a spent budget is not retried");
  }

  @Test
  void coldStartLongerThanConnectTimeoutSucceedsWithOnePost() {
    transport.close();
    transport = ModalTransport.builder().connectTimeout(Duration.ofMillis(100)).clock(time).sleeper(time).build();
    server.enqueue(new MockResponse.Builder(wav(tone())).headersDelay(700, TimeUnit.MILLISECONDS).build());

    assertEquals(tone(), postClone().wav());

    assertEquals(1, server.getRequestCount());
  }

  @Test
  void retriesConnectionFailures() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    HttpUrl closed = new HttpUrl.Builder().scheme("http").host("127.0.0.1").port(port).addPathSegment("clone").build();

    ProviderUnavailableException e = assertThrows(ProviderUnavailableException.class,
        () -> transport.postJson(closed, new Text("Hi"), 2, false));

    assertEquals("connection_failed", e.code().orElseThrow());
    assertEquals(0, e.status());
    assertEquals(2, time.sleeps().size());
  }

  @Test
  void nonWavBodyIsAGenerationFailure() {
    server.enqueue(new MockResponse.Builder().code(200).addHeader("X-Request-Id", "rid-html")
        .body("<html>oops</html>").build());

    GenerationFailedException e = assertThrows(GenerationFailedException.class, () -> postClone().wav());

    assertEquals("rid-html", e.requestId().orElseThrow());
    assertEquals(200, e.status());
  }

  @Test
  void truncatedWavBodyIsAGenerationFailure() {
    byte[] whole = Wav.write(tone());
    server.enqueue(new MockResponse.Builder().code(200)
        .body(new Buffer().write(Arrays.copyOf(whole, whole.length / 2))).build());

    GenerationFailedException e = assertThrows(GenerationFailedException.class, () -> postClone().wav());

    assertTrue(e.getMessage().contains("truncated"), e.getMessage());
  }

  @Test
  void aWavBodyIsDecodedAsItArrivesAndAFaultyOneFailsTheCallWithoutARepeat() {
    server.enqueue(wav(tone()));
    assertEquals(tone(), postClone().wav());

    byte[] whole = Wav.write(tone());
    server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "audio/x-wav")
        .addHeader("X-Request-Id", "rid-cut").body(new Buffer().write(Arrays.copyOf(whole, 1000))).build());
    GenerationFailedException cut = assertThrows(GenerationFailedException.class, this::postClone);
    assertTrue(cut.getMessage().startsWith("The response body of POST /clone is not valid WAV audio: WAV data is "
        + "truncated: the stream ended after 956 of 4800 bytes"), cut.getMessage());
    assertEquals("rid-cut", cut.requestId().orElseThrow());

    server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "audio/wav")
        .body("<html>oops</html>").build());
    assertThrows(GenerationFailedException.class, this::postClone);
    assertEquals(3, server.getRequestCount()); // the service answered: nothing to repeat
  }

  @Test
  void malformedJsonIsAGenerationFailure() {
    server.enqueue(new MockResponse.Builder().code(200).body("[1, 2").build());

    assertThrows(GenerationFailedException.class, () -> postClone().json(Ok.class));
  }

  @Test
  void aResponseWithoutARequiredFieldIsAGenerationFailure() {
    server.enqueue(new MockResponse.Builder().code(200).body("{\"duration_seconds\":1.5,\"sample_rate\":16000,\"cached\":true}").build());

    GenerationFailedException e = assertThrows(GenerationFailedException.class,
        () -> postClone().json(VoiceResponse.class));

    assertTrue(e.getMessage().contains("voice_id is missing"), e.getMessage());
  }

  @Test
  void sendsJsonBodyAndRequestId() throws InterruptedException {
    server.enqueue(new MockResponse.Builder().code(200).body("{\"ok\":true}").build());

    Ok ok = transport.postJson(server.url("/voices"), new Text("Hi \"you\""), 0, false).json(Ok.class);

    assertTrue(ok.ok());
    RecordedRequest request = server.takeRequest();
    assertEquals("{\"text\":\"Hi \\\"you\\\"\"}", request.getBody().utf8());
    assertTrue(request.getHeaders().get("Content-Type").startsWith("application/json"));
    assertEquals(32, request.getHeaders().get("X-Request-Id").length());
  }

  @Test
  void bearerTokenIsSentAsAuthorization() throws InterruptedException {
    transport.close();
    transport = ModalTransport.builder().auth(ModalAuth.bearer("tok-1")).build();
    server.enqueue(new MockResponse.Builder().code(200).body("{}").build());

    transport.get(server.url("/health"));

    RecordedRequest request = server.takeRequest();
    assertEquals("Bearer tok-1", request.getHeaders().get("Authorization"));
    assertNull(request.getHeaders().get("Modal-Key"));
  }

  @Test
  void interruptCancelsTheCallPromptly() throws InterruptedException {
    server.enqueue(new MockResponse.Builder(wav(tone())).headersDelay(30, TimeUnit.SECONDS).build());
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    AtomicReference<Boolean> interrupted = new AtomicReference<>();
    Thread caller = new Thread(() -> {
      try {
        postClone();
      } catch (Throwable t) {
        thrown.set(t);
        interrupted.set(Thread.currentThread().isInterrupted());
      }
    });
    caller.start();
    server.takeRequest(5, TimeUnit.SECONDS); // the call is in flight
    long start = System.nanoTime();

    caller.interrupt();
    caller.join(5_000);

    assertFalse(caller.isAlive());
    assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(2));
    assertInstanceOf(CancellationException.class, thrown.get());
    assertTrue(interrupted.get());
    assertTrue(time.sleeps().isEmpty());
  }

  @Test
  void budgetGrowsWithTextLength() {
    ModalTransport t = ModalTransport.builder().callBudget(Duration.ofSeconds(60), Duration.ofMillis(100)).build();
    assertEquals(Duration.ofSeconds(60), t.budgetFor(0));
    assertEquals(Duration.ofSeconds(120), t.budgetFor(600));
    t.close();
  }

  private static void assertBetween(Duration d, long minMillis, long maxMillis) {
    assertTrue(d.toMillis() >= minMillis && d.toMillis() <= maxMillis, d + " not in [" + minMillis + ", "
        + maxMillis + "] ms");
  }

}
