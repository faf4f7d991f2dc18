package dev.utter.transport;

import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import dev.utter.ProviderUnavailableException;
import dev.utter.UtterException;
import dev.utter.UtterException.Details;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.Dispatcher;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls one HTTP service on Modal, or a self-hosted copy of it, on behalf of one provider.
 *
 * <p>Every call:
 * <ul>
 *   <li>sends the {@link ModalAuth} credentials and an {@code X-Request-Id};
 *   <li>runs within a <em>call budget</em> that grows with the length of the text spoken
 *       ({@code base + perCharacter × characters}), covering hand-offs and retries;
 *   <li>follows Modal's {@code 303 See Other} hand-off (sent when a request runs over 150 s) with
 *       {@code GET} and the same credentials until the service answers or the budget ends; a
 *       {@code POST} is never repeated for it;
 *   <li>retries what the {@link RetryPolicy} allows (connection failures, 408, 429, 502, 503, 504),
 *       honouring {@code Retry-After-Ms} and {@code Retry-After}; never 400, 401, 403, 404, 422;
 *   <li>maps error responses ({@code {"detail", "code"}}) to the SDK's typed exceptions, with status,
 *       request id, the server's message and code.
 * </ul>
 *
 * <p>Cancellation: when the calling thread is interrupted, the HTTP call is cancelled at once, the
 * interrupt status is kept, and a {@link CancellationException} is thrown. Waits between retries are
 * interrupted the same way.
 *
 * <p>Logging: a summary of each request and response at DEBUG (method, URL, sizes, status, request id,
 * time), never credentials or bodies.
 *
 * <p>Thread-safe; build one per provider and share it. {@link #close()} releases the connections and
 * threads of the OkHttp client it created; a client passed to {@link Builder#okHttpClient} is shared,
 * not closed.
 */
public final class ModalTransport implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ModalTransport.class);
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
  private static final int MAX_HAND_OFFS = 10_000;

  private final OkHttpClient client;
  private final boolean ownsClient;
  private final ModalAuth auth;
  private final RetryPolicy retryPolicy;
  private final Retry retry;
  private final Duration budgetBase;
  private final Duration budgetPerCharacter;
  private final Clock clock;
  private final Sleeper sleeper;
  private final Moshi moshi;

  private ModalTransport(Builder b) {
    this.ownsClient = b.okHttpClient == null;
    OkHttpClient.Builder http = ownsClient ? new OkHttpClient.Builder() : b.okHttpClient.newBuilder();
    if (ownsClient) {
      Dispatcher dispatcher = new Dispatcher();
      dispatcher.setMaxRequests(64);
      dispatcher.setMaxRequestsPerHost(64);
      http.dispatcher(dispatcher);
    }
    this.client = http
        .connectTimeout(b.connectTimeout)
        .readTimeout(b.readTimeout)
        .writeTimeout(b.readTimeout)
        .callTimeout(Duration.ZERO)
        .followRedirects(false)
        .followSslRedirects(false)
        .retryOnConnectionFailure(false) // every retry is this transport's own, counted and logged
        .build();
    this.auth = b.auth;
    this.retryPolicy = b.retryPolicy;
    this.budgetBase = b.budgetBase;
    this.budgetPerCharacter = b.budgetPerCharacter;
    this.clock = b.clock;
    this.sleeper = b.sleeper;
    this.moshi = b.moshi;
    this.retry = Retry.of("modal-transport", RetryConfig.<Object>custom()
        .maxAttempts(retryPolicy.maxRetries() + 1)
        .retryOnException(e -> e instanceof AttemptFailure f && f.retryable)
        .intervalBiFunction((retryNumber, outcome) -> {
          Duration asked = outcome.isLeft() && outcome.getLeft() instanceof AttemptFailure f ? f.retryAfter : null;
          return (asked != null ? asked : retryPolicy.backoff(retryNumber)).toMillis();
        })
        .failAfterMaxAttempts(false)
        .build());
  }

  /** A builder with no credentials, default timeouts, budget and retries. */
  public static Builder builder() {
    return new Builder();
  }

  /** The Moshi instance this transport encodes and decodes JSON with. */
  public Moshi moshi() {
    return moshi;
  }

  /** The call budget for a call that speaks {@code characters} characters of text. */
  public Duration budgetFor(int characters) {
    return budgetBase.plus(budgetPerCharacter.multipliedBy(Math.max(characters, 0)));
  }

  /**
   * {@code GET url} with the {@linkplain #budgetFor(int) base budget}.
   *
   * @throws UtterException for error responses and failures, typed by what the caller can do.
   * @throws CancellationException when the calling thread is interrupted.
   */
  public ModalResponse get(HttpUrl url) {
    Objects.requireNonNull(url, "url == null");
    return execute(new Request.Builder().url(url).get(), 0);
  }

  /**
   * {@code POST url} with {@code body} encoded as JSON by {@link #moshi()} (a {@code Map} of strings,
   * numbers, booleans, lists and maps, or a type Moshi knows), within the budget for
   * {@code textCharacters} characters of text.
   *
   * @throws UtterException for error responses and failures, typed by what the caller can do.
   * @throws CancellationException when the calling thread is interrupted.
   */
  public ModalResponse postJson(HttpUrl url, Object body, int textCharacters) {
    Objects.requireNonNull(url, "url == null");
    Objects.requireNonNull(body, "body == null");
    String json = body instanceof Map<?, ?>
        ? moshi.adapter(Types.newParameterizedType(Map.class, String.class, Object.class)).toJson(body)
        : moshi.adapter(Object.class).toJson(body);
    RequestBody requestBody = RequestBody.create(json.getBytes(StandardCharsets.UTF_8), JSON);
    return execute(new Request.Builder().url(url).post(requestBody), textCharacters);
  }

  private ModalResponse execute(Request.Builder request, int textCharacters) {
    auth.apply(request);
    Duration budget = budgetFor(textCharacters);
    Instant deadline = clock.instant().plus(budget);
    Retry.AsyncContext<Object> context = retry.asyncContext();
    for (int attempt = 1; ; attempt++) {
      try {
        ModalResponse response = attempt(request.build(), attempt, budget, deadline);
        context.onComplete();
        return response;
      } catch (AttemptFailure failure) {
        long delayMillis = context.onError(failure);
        if (delayMillis < 0) {
          throw failure.error;
        }
        Duration delay = Duration.ofMillis(delayMillis);
        if (clock.instant().plus(delay).isAfter(deadline)) {
          log.debug("Not retrying: a wait of {} ms would pass the call budget of {} s", delayMillis, budget.toSeconds());
          throw failure.error;
        }
        log.debug("Retrying in {} ms (retry {} of {}) after: {}", delayMillis, attempt, retryPolicy.maxRetries(),
            failure.error.getMessage());
        sleep(delay);
      }
    }
  }

  /** One attempt: the request and any 303 hand-offs after it. */
  private ModalResponse attempt(Request first, int attempt, Duration budget, Instant deadline) {
    String requestId = HexFormat.of().formatHex(randomBytes());
    Request request = first.newBuilder().header("X-Request-Id", requestId).build();
    for (int hop = 0; hop <= MAX_HAND_OFFS; hop++) {
      RawResponse response = call(request, attempt, budget, deadline);
      String id = response.requestId != null ? response.requestId : requestId;
      if (response.status == 303) {
        String location = response.location;
        HttpUrl next = location == null ? null : request.url().resolve(location);
        if (next == null) {
          throw new AttemptFailure(new ProviderUnavailableException(describe(request)
              + " answered 303 without a usable Location (request id " + id + ")",
              Details.ofResponse(303, id, null, "bad_redirect"), null), false, null);
        }
        if (!clock.instant().isBefore(deadline)) {
          throw budgetSpent(request, budget, id, null);
        }
        Request.Builder get = request.newBuilder().url(next).get();
        if (!next.host().equals(request.url().host())) {
          get.removeHeader("Modal-Key").removeHeader("Modal-Secret").removeHeader("Authorization");
        }
        request = get.build();
        log.debug("Following the 303 hand-off with GET {}", next);
        continue;
      }
      if (response.status >= 200 && response.status < 300) {
        return new ModalResponse(response.status, id, response.contentType, response.body, describe(first), moshi);
      }
      throw HttpFailures.of(describe(first), response.status, id, response.body, response.retryAfter(clock));
    }
    throw budgetSpent(request, budget, requestId, null);
  }

  /** One HTTP exchange, read completely, cancelled when this thread is interrupted. */
  private RawResponse call(Request request, int attempt, Duration budget, Instant deadline) {
    long remaining = Duration.between(clock.instant(), deadline).toMillis();
    if (remaining <= 0) {
      throw budgetSpent(request, budget, request.header("X-Request-Id"), null);
    }
    long requestBytes = requestBytes(request);
    log.debug("--> {} {} ({} request bytes, attempt {}, request id {}, auth {})", request.method(), request.url(),
        requestBytes, attempt, request.header("X-Request-Id"), auth);
    long start = System.nanoTime();
    Call call = client.newCall(request);
    call.timeout().timeout(remaining, TimeUnit.MILLISECONDS);
    CompletableFuture<RawResponse> result = new CompletableFuture<>();
    call.enqueue(new Callback() {
      @Override
      public void onResponse(Call c, Response response) {
        try (ResponseBody body = response.body()) {
          result.complete(new RawResponse(response.code(), response.header("X-Request-Id"),
              response.header("Content-Type"), response.header("Location"), response.header("Retry-After-Ms"),
              response.header("Retry-After"), body.bytes()));
        } catch (IOException e) {
          result.completeExceptionally(e);
        }
      }

      @Override
      public void onFailure(Call c, IOException e) {
        result.completeExceptionally(e);
      }
    });
    try {
      RawResponse response = result.get();
      log.debug("<-- {} {} {} ({} bytes {}, {} ms, request id {})", response.status, request.method(),
          request.url(), response.body.length, response.contentType == null ? "" : response.contentType,
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start),
          response.requestId != null ? response.requestId : request.header("X-Request-Id"));
      return response;
    } catch (InterruptedException e) {
      call.cancel();
      Thread.currentThread().interrupt();
      CancellationException cancelled = new CancellationException(describe(request) + " was cancelled");
      cancelled.initCause(e);
      throw cancelled;
    } catch (ExecutionException e) {
      IOException io = e.getCause() instanceof IOException x ? x : new IOException(e.getCause());
      log.debug("<-- {} {} failed after {} ms: {}", request.method(), request.url(),
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), io.toString());
      throw ioFailure(request, io, budget);
    }
  }

  private AttemptFailure ioFailure(Request request, IOException e, Duration budget) {
    String id = request.header("X-Request-Id");
    if (e instanceof InterruptedIOException && !(e instanceof SocketTimeoutException)) {
      // OkHttp's call timeout: the budget ran out.
      return budgetSpent(request, budget, id, e);
    }
    boolean connectFailure = e instanceof ConnectException
        || (e instanceof SocketTimeoutException
            && String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("connect"));
    String what = connectFailure ? "could not connect" : "failed";
    return new AttemptFailure(new ProviderUnavailableException(describe(request) + " " + what + ": "
        + e.getClass().getSimpleName() + (e.getMessage() != null ? " (" + e.getMessage() + ")" : "")
        + " (request id " + id + ")",
        Details.ofResponse(0, id, null, connectFailure ? "connection_failed" : "io_error"), e),
        connectFailure, null);
  }

  private AttemptFailure budgetSpent(Request request, Duration budget, String requestId, Throwable cause) {
    return new AttemptFailure(new ProviderUnavailableException(describe(request)
        + " did not finish within its call budget of " + budget.toSeconds() + " s"
        + " (request id " + requestId + ")", Details.ofResponse(0, requestId, null, "timeout"), cause), false, null);
  }

  private void sleep(Duration delay) {
    try {
      sleeper.sleep(delay);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      CancellationException cancelled = new CancellationException("Cancelled while waiting to retry");
      cancelled.initCause(e);
      throw cancelled;
    }
  }

  private static String describe(Request request) {
    return request.method() + " " + request.url().encodedPath();
  }

  private static long requestBytes(Request request) {
    try {
      return request.body() == null ? 0 : request.body().contentLength();
    } catch (IOException e) {
      return -1;
    }
  }

  private static byte[] randomBytes() {
    byte[] bytes = new byte[16];
    ThreadLocalRandom.current().nextBytes(bytes);
    return bytes;
  }

  /** Releases the connections and threads of the client this transport created. Idempotent. */
  @Override
  public void close() {
    if (ownsClient) {
      client.dispatcher().executorService().shutdown();
      client.connectionPool().evictAll();
    }
  }

  @Override
  public String toString() {
    return "ModalTransport{" + auth + ", " + retryPolicy + ", budget=" + budgetBase + " + " + budgetPerCharacter
        + "/char}";
  }

  /** Builds a {@link ModalTransport}. Not thread-safe. */
  public static final class Builder {
    private ModalAuth auth = ModalAuth.none();
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration readTimeout = Duration.ofSeconds(180);
    private Duration budgetBase = Duration.ofMinutes(5);
    private Duration budgetPerCharacter = Duration.ofMillis(250);
    private RetryPolicy retryPolicy = RetryPolicy.defaults();
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = Sleeper.SYSTEM;
    private OkHttpClient okHttpClient;
    private Moshi moshi = new Moshi.Builder().build();

    private Builder() {}

    public Builder auth(ModalAuth auth) {
      this.auth = Objects.requireNonNull(auth, "auth == null");
      return this;
    }

    /** How long opening a connection may take; short, default 10 s. */
    public Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = requirePositive(connectTimeout, "connectTimeout");
      return this;
    }

    /**
     * The longest silence while waiting for a response; default 180 s, above the 150 s after which
     * Modal hands a request off with a 303.
     */
    public Builder readTimeout(Duration readTimeout) {
      this.readTimeout = requirePositive(readTimeout, "readTimeout");
      return this;
    }

    /**
     * The total time one call may take, hand-offs and retries included:
     * {@code base + perCharacter × characters of text}. Default 5 min + 250 ms per character, enough
     * for a cold start of the larger model and a slow GPU.
     */
    public Builder callBudget(Duration base, Duration perCharacter) {
      this.budgetBase = requirePositive(base, "base");
      Objects.requireNonNull(perCharacter, "perCharacter == null");
      if (perCharacter.isNegative()) {
        throw new IllegalArgumentException("perCharacter < 0: " + perCharacter);
      }
      this.budgetPerCharacter = perCharacter;
      return this;
    }

    public Builder retryPolicy(RetryPolicy retryPolicy) {
      this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy == null");
      return this;
    }

    /** The clock budgets and {@code Retry-After} dates are measured on. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock == null");
      return this;
    }

    /** What waits between retries. */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper == null");
      return this;
    }

    /** A client whose connection pool and dispatcher to share; the transport never closes it. */
    public Builder okHttpClient(OkHttpClient okHttpClient) {
      this.okHttpClient = Objects.requireNonNull(okHttpClient, "okHttpClient == null");
      return this;
    }

    public Builder moshi(Moshi moshi) {
      this.moshi = Objects.requireNonNull(moshi, "moshi == null");
      return this;
    }

    public ModalTransport build() {
      return new ModalTransport(this);
    }

    private static Duration requirePositive(Duration value, String name) {
      Objects.requireNonNull(value, name + " == null");
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException(name + " <= 0: " + value);
      }
      return value;
    }
  }

  /** A failed attempt, on its way through the retry loop; never escapes the transport. */
  static final class AttemptFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    final transient UtterException error;
    final boolean retryable;
    final transient Duration retryAfter;

    AttemptFailure(UtterException error, boolean retryable, Duration retryAfter) {
      super(null, null, false, false);
      this.error = error;
      this.retryable = retryable;
      this.retryAfter = retryAfter;
    }
  }

  /** A response read completely. */
  private record RawResponse(int status, String requestId, String contentType, String location,
      String retryAfterMs, String retryAfterHeader, byte[] body) {
    Duration retryAfter(Clock clock) {
      return HttpFailures.retryAfter(retryAfterMs, retryAfterHeader, clock);
    }
  }
}
