package dev.utter.transport.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.utter.ProviderUnavailableException;
import dev.utter.RateLimitedException;
import dev.utter.testing.FakeTime;
import dev.utter.transport.ModalAuth;
import dev.utter.transport.ModalRetries;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.RetryConfig;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The faults of real use (issue 18) against {@code mockwebserver3}: dead pooled connections, 502/504
 * and timeouts after the service may have done the work, failures on the hand-off's {@code GET},
 * credentials on redirects, and a user's {@link RetryConfig}. The rule under test: nothing that may
 * have run on the service is sent again unless the service honours idempotency keys.
 */
class ModalTransportFaultTest {
  private static final String KEY = "wk-fault-key";
  private static final String SECRET = "ws-fault-secret";

  private final MockWebServer server = new MockWebServer();
  private final FakeTime time = new FakeTime();
  private ModalTransport transport;

  /** A request body, as the providers' wire records are. */
  public record Text(String text) {}

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
    return ModalTransport.builder().auth(ModalAuth.modal(KEY, SECRET)).retryConfig(retries)
        .readTimeout(Duration.ofSeconds(5)).clock(time).sleeper(time).build();
  }

  private static MockResponse ok(String body) {
    return new MockResponse.Builder().code(200).body(body).build();
  }

  private static MockResponse status(int code) {
    return new MockResponse.Builder().code(code).body("{\"detail\":\"status " + code + "\"}").build();
  }

  /** Answers, then closes the connection as uvicorn does with an idle keep-alive connection after 5 s. */
  private static MockResponse okThenCloseConnection() {
    return new MockResponse.Builder(ok("{}")).onResponseEnd(SocketEffect.ShutdownConnection.INSTANCE).build();
  }

  /** Reads the request, then resets the connection before any response byte: the service may have acted. */
  private static MockResponse resetAfterRequest() {
    return new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build();
  }

  private ModalResponse post(boolean idempotencyHonoured) {
    return transport.postJson(server.url("/clone"), new Text("Hello"), 5, idempotencyHonoured);
  }

  /** A thread that posts and records what the call threw, started. */
  private Thread postingCaller(boolean idempotencyHonoured, AtomicReference<Throwable> thrown) {
    Thread caller = new Thread(() -> {
      try {
        post(idempotencyHonoured);
      } catch (Throwable t) {
        thrown.set(t);
      }
    });
    caller.start();
    return caller;
  }

  private List<RecordedRequest> received() throws InterruptedException {
    List<RecordedRequest> requests = new ArrayList<>();
    for (RecordedRequest r; (r = server.takeRequest(100, TimeUnit.MILLISECONDS)) != null; ) {
      if (r.getFailure() == null) {
        requests.add(r);
      }
    }
    return requests;
  }

  @Test
  void aGetOnAPooledConnectionTheServerClosedIsRepeatedAtOnceOnAFreshOne() throws InterruptedException {
    server.enqueue(okThenCloseConnection());
    server.enqueue(ok("{}"));

    transport.get(server.url("/health"));
    transport.get(server.url("/health")); // OkHttp reuses the pooled connection: "unexpected end of stream"

    List<RecordedRequest> requests = received();
    assertEquals(2, requests.size());
    assertEquals(0, requests.get(0).getConnectionIndex());
    assertEquals(1, requests.get(1).getConnectionIndex());
    assertEquals(List.of(Duration.ZERO), time.sleeps(), "a dead pooled connection is retried without waiting");
  }

  @Test
  void aPostOnAPooledConnectionTheServerClosedIsRepeatedAtOnceWhenTheServiceHonoursKeys() throws InterruptedException {
    server.enqueue(okThenCloseConnection());
    server.enqueue(ok("{}"));

    post(true);
    post(true);

    List<RecordedRequest> requests = received();
    assertEquals(2, requests.size());
    assertEquals(1, requests.get(1).getConnectionIndex());
    assertEquals(List.of(Duration.ZERO), time.sleeps());
  }

  /**
   * Without idempotency keys the transport cannot know that the dead connection's POST never ran, so it
   * reports it; the idle-connection timeout (4 s, below uvicorn's 5 s) keeps such connections out of use.
   */
  @Test
  void aPostOnAPooledConnectionTheServerClosedIsReportedWhenTheServiceHasNoIdempotencyKeys() throws InterruptedException {
    server.enqueue(okThenCloseConnection());
    server.enqueue(ok("{}"));

    post(false);
    ProviderUnavailableException e = assertThrows(ProviderUnavailableException.class, () -> post(false));

    assertEquals("io_error", e.code().orElseThrow());
    assertEquals(1, received().size());
    assertTrue(time.sleeps().isEmpty());
  }

  @Test
  void aResetAfterAPostIsReportedNotRepeatedWhenTheServiceHasNoIdempotencyKeys() throws InterruptedException {
    server.enqueue(resetAfterRequest());
    server.enqueue(ok("{}"));

    ProviderUnavailableException e = assertThrows(ProviderUnavailableException.class, () -> post(false));

    assertEquals("io_error", e.code().orElseThrow());
    assertTrue(e.getMessage().contains("after the request was sent"), e.getMessage());
    assertEquals(1, received().size());
    assertTrue(time.sleeps().isEmpty());
  }

  @Test
  void aResetAfterAPostIsRepeatedWithItsKeyWhenTheServiceHonoursKeys() throws InterruptedException {
    server.enqueue(resetAfterRequest());
    server.enqueue(ok("{}"));

    post(true);

    List<RecordedRequest> requests = received();
    assertEquals(2, requests.size());
    assertEquals(requests.get(0).getHeaders().get(ModalTransport.IDEMPOTENCY_KEY),
        requests.get(1).getHeaders().get(ModalTransport.IDEMPOTENCY_KEY));
  }

  @Test
  void a502AfterAPostIsReportedNotRepeatedWhenTheServiceHasNoIdempotencyKeys() throws InterruptedException {
    server.enqueue(status(502));
    server.enqueue(ok("{}"));

    ProviderUnavailableException e = assertThrows(ProviderUnavailableException.class, () -> post(false));

    assertEquals(502, e.status());
    assertEquals(1, received().size(), "never re-POST after the service may have done the work");
  }

  @Test
  void a504AfterAPostIsReportedNotRepeatedWhenTheServiceHasNoIdempotencyKeys() throws InterruptedException {
    server.enqueue(status(504));
    server.enqueue(ok("{}"));

    assertThrows(ProviderUnavailableException.class, () -> post(false));

    assertEquals(1, received().size());
  }

  @Test
  void a502AfterAPostIsRepeatedWithTheSameIdempotencyKeyWhenTheServiceHonoursKeys() throws InterruptedException {
    server.enqueue(status(502));
    server.enqueue(status(504));
    server.enqueue(ok("{}"));

    post(true);

    List<RecordedRequest> requests = received();
    assertEquals(3, requests.size());
    String key = requests.get(0).getHeaders().get(ModalTransport.IDEMPOTENCY_KEY);
    UUID.fromString(key);
    for (RecordedRequest request : requests) {
      assertEquals("POST", request.getMethod());
      assertEquals(key, request.getHeaders().get(ModalTransport.IDEMPOTENCY_KEY));
    }
  }

  @Test
  void everyCallGetsItsOwnIdempotencyKeyAndGetsNone() throws InterruptedException {
    server.enqueue(ok("{}"));
    server.enqueue(ok("{}"));
    server.enqueue(ok("{}"));

    post(false);
    post(false);
    transport.get(server.url("/health"));

    List<RecordedRequest> requests = received();
    String first = requests.get(0).getHeaders().get(ModalTransport.IDEMPOTENCY_KEY);
    String second = requests.get(1).getHeaders().get(ModalTransport.IDEMPOTENCY_KEY);
    assertFalse(first.equals(second));
    for (String key : List.of(first, second)) {
      UUID uuid = UUID.fromString(key);
      assertEquals(4, uuid.version(), key);
      assertEquals(2, uuid.variant(), key);
    }
    assertNull(requests.get(2).getHeaders().get(ModalTransport.IDEMPOTENCY_KEY));
  }

  @Test
  void aReadTimeoutAfterAPostIsReportedNotRepeatedWhenTheServiceHasNoIdempotencyKeys() throws InterruptedException {
    transport.close();
    transport = ModalTransport.builder().readTimeout(Duration.ofMillis(300)).clock(time).sleeper(time).build();
    server.enqueue(new MockResponse.Builder(ok("{}")).headersDelay(5, TimeUnit.SECONDS).build());
    server.enqueue(ok("{}"));

    ProviderUnavailableException e = assertThrows(ProviderUnavailableException.class, () -> post(false));

    assertEquals("io_error", e.code().orElseThrow());
    assertEquals(1, received().size());
  }

  @Test
  void a503OrA429IsRepeatedEvenForAPostWithoutIdempotencyKeys() throws InterruptedException {
    server.enqueue(status(503));
    server.enqueue(status(429));
    server.enqueue(ok("{}"));

    post(false);

    assertEquals(3, received().size());
  }

  @Test
  void a502OnTheHandOffGetIsRepeatedAsAGetNeverAsThePost() throws InterruptedException {
    server.enqueue(new MockResponse.Builder().code(303).addHeader("Location", "/clone?__modal_function_call_id=fc-7")
        .build());
    server.enqueue(status(502));
    server.enqueue(ok("{}"));

    post(false);

    List<RecordedRequest> requests = received();
    assertEquals(List.of("POST", "GET", "GET"), requests.stream().map(RecordedRequest::getMethod).toList());
    for (RecordedRequest get : requests.subList(1, 3)) {
      assertEquals("fc-7", get.getUrl().queryParameter("__modal_function_call_id"));
      assertEquals(KEY, get.getHeaders().get("Modal-Key"));
      assertNull(get.getHeaders().get(ModalTransport.IDEMPOTENCY_KEY));
    }
  }

  @Test
  void aResetOnTheHandOffGetIsRepeatedAsAGet() throws InterruptedException {
    server.enqueue(new MockResponse.Builder().code(303).addHeader("Location", "/clone?__modal_function_call_id=fc-8")
        .build());
    server.enqueue(new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build());
    server.enqueue(ok("{}"));

    post(false);

    List<RecordedRequest> requests = received();
    assertEquals("POST", requests.get(0).getMethod());
    assertTrue(requests.subList(1, requests.size()).stream().allMatch(r -> r.getMethod().equals("GET")),
        requests.toString());
  }

  @Test
  void credentialsDoNotFollowAHandOffToAnotherPortOfTheSameHost() throws Exception {
    try (MockWebServer other = new MockWebServer()) {
      other.start();
      HttpUrl elsewhere = other.url("/result?__modal_function_call_id=fc-9");
      assertEquals(server.url("/").host(), elsewhere.host());
      server.enqueue(new MockResponse.Builder().code(303).addHeader("Location", elsewhere.toString()).build());
      other.enqueue(ok("{}"));

      post(false);

      RecordedRequest post = server.takeRequest();
      RecordedRequest get = other.takeRequest();
      assertEquals(KEY, post.getHeaders().get("Modal-Key"));
      assertEquals("GET", get.getMethod());
      assertNull(get.getHeaders().get("Modal-Key"));
      assertNull(get.getHeaders().get("Modal-Secret"));
      assertNull(get.getHeaders().get("Authorization"));
    }
  }

  @Test
  void credentialsGoToTheSameSchemeHostAndPortOnly() {
    HttpUrl origin = HttpUrl.get("https://ws--app.modal.run/clone");
    assertTrue(AuthInterceptor.sameOrigin(origin, HttpUrl.get("https://ws--app.modal.run/clone?x=1")));
    assertFalse(AuthInterceptor.sameOrigin(origin, HttpUrl.get("http://ws--app.modal.run/clone")));
    assertFalse(AuthInterceptor.sameOrigin(origin, HttpUrl.get("https://ws--app.modal.run:8443/clone")));
    assertFalse(AuthInterceptor.sameOrigin(origin, HttpUrl.get("https://other.modal.run/clone")));
    assertFalse(AuthInterceptor.sameOrigin(HttpUrl.get("http://127.0.0.1:8001/"), HttpUrl.get("https://127.0.0.1:8001/")));
  }

  @Test
  void aUsersRetryConfigSetsAttemptsAndWaits() throws InterruptedException {
    transport.close();
    transport = transport(RetryConfig.custom().maxAttempts(2)
        .intervalFunction(IntervalFunction.of(Duration.ofMillis(1234))).build());
    server.enqueue(status(503));
    server.enqueue(status(503));
    server.enqueue(ok("{}"));

    assertThrows(ProviderUnavailableException.class, () -> post(false));

    assertEquals(2, received().size());
    assertEquals(List.of(Duration.ofMillis(1234)), time.sleeps());
  }

  @Test
  void aUsersRetryConfigCanExcludeExceptionsButNeverAddUnsafeRepeats() throws InterruptedException {
    transport.close();
    transport = transport(RetryConfig.custom().maxAttempts(5)
        .retryOnException(e -> true).ignoreExceptions(RateLimitedException.class).build());
    server.enqueue(status(429));
    server.enqueue(status(502));
    server.enqueue(ok("{}"));

    assertThrows(RateLimitedException.class, () -> post(false));
    assertThrows(ProviderUnavailableException.class, () -> post(false));

    assertEquals(2, received().size(), "429 excluded by the user; 502 after a POST never repeated");
  }

  @Test
  void closingTheTransportEndsACallWaitingToRetry() throws InterruptedException {
    transport.close();
    transport = ModalTransport.builder().build(); // a real timer: the retry waits 60 s
    server.enqueue(new MockResponse.Builder().code(503).addHeader("Retry-After", "60").build());
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    Thread caller = postingCaller(false, thrown);
    server.takeRequest(5, TimeUnit.SECONDS); // the first attempt was answered; the retry is scheduled

    transport.close();
    caller.join(5_000);

    assertFalse(caller.isAlive());
    assertTrue(thrown.get() instanceof CancellationException, String.valueOf(thrown.get()));
    assertThrows(IllegalStateException.class, () -> post(false));
  }

  @Test
  void closingTheTransportEndsACallWhoseFirstAttemptIsReadingOnTheCallersThread() throws InterruptedException {
    server.enqueue(new MockResponse.Builder(ok("{}")).headersDelay(30, TimeUnit.SECONDS).build());
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    Thread caller = postingCaller(true, thrown);
    server.takeRequest(5, TimeUnit.SECONDS); // the caller is blocked reading the response

    long start = System.nanoTime();
    transport.close();
    caller.join(5_000);

    assertFalse(caller.isAlive());
    assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(2));
    assertTrue(thrown.get() instanceof CancellationException, String.valueOf(thrown.get()));
    assertEquals(List.of(), received(), "nothing repeated after the close");
  }

  @Test
  void anInterruptedCallerIsNoticedWhileItsFirstAttemptBlocksInASocketRead() throws InterruptedException {
    server.enqueue(new MockResponse.Builder(ok("{}")).headersDelay(30, TimeUnit.SECONDS).build());
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    Thread caller = postingCaller(true, thrown);
    server.takeRequest(5, TimeUnit.SECONDS);

    long start = System.nanoTime();
    caller.interrupt();
    caller.join(5_000);

    assertFalse(caller.isAlive());
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertTrue(millis < 1_000, "cancelled after " + millis + " ms; checks run every " + InFlightCalls.CHECK_MILLIS + " ms");
    assertTrue(thrown.get() instanceof CancellationException, String.valueOf(thrown.get()));
    assertEquals(List.of(), received(), "a cancelled POST is not repeated, even with idempotency keys");
  }
}
