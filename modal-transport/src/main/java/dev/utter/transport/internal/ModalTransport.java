package dev.utter.transport.internal;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import dev.utter.GenerationFailedException;
import dev.utter.ProviderUnavailableException;
import dev.utter.UtterException;
import dev.utter.UtterException.Details;
import dev.utter.spi.Sleeper;
import dev.utter.transport.ModalAuth;
import dev.utter.transport.ModalRetries;
import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.core.functions.Either;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.EventListener;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls one HTTP service on Modal, or a self-hosted copy of it, on behalf of one provider. Not API.
 *
 * <p>One call is a resilience4j {@link Retry} decorating OkHttp attempts. Each attempt goes through
 * one interceptor per concern: a fresh {@code X-Request-Id}; Modal's 303 hand-off followed with
 * {@code GET}; the credentials, to the call's own scheme, host and port only; a DEBUG log line. Every
 * {@code POST} carries an {@code Idempotency-Key} (a random UUID, the same on every attempt of the
 * call). What is repeated, and when, is decided by {@link AttemptFailure}; the waits come from the
 * {@code Retry-After-Ms}/{@code Retry-After} the service sent, else from the {@link RetryConfig}'s
 * interval function, and no wait runs past the call's {@link CallBudget}. Retries are logged at DEBUG.
 * Once a call has been handed off, a failed attempt resumes with a {@code GET} of the hand-off URL.
 *
 * <p>Idle pooled connections are evicted after the idle-connection timeout (default 4 s, below
 * uvicorn's 5 s keep-alive), and a call that fails on a connection the server had closed is repeated
 * under the rules above (a {@code GET} always, a {@code POST} when the service honours idempotency keys).
 *
 * <p>Threads: the first attempt of a call runs on the caller's own thread (so one attempt that
 * succeeds costs what a bare {@code execute()} costs); a retry runs on OkHttp's dispatcher after its
 * wait on the transport's timer, while the caller waits.
 *
 * <p>Cancellation: when the calling thread is interrupted, the HTTP call in flight is cancelled (within
 * {@value InFlightCalls#CHECK_MILLIS} ms, see {@link InFlightCalls}), no further attempt starts, the
 * interrupt status is kept and a {@link CancellationException} is thrown.
 *
 * <p>Thread-safe; one per provider. {@link #close()} releases the connections and threads of the
 * OkHttp client it created and its timer; a client passed to {@link Builder#okHttpClient} is shared,
 * not closed.
 */
public final class ModalTransport implements AutoCloseable {
  /** The header naming a {@code POST} so the service can answer a repeat without running it twice. */
  public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

  private static final Logger log = LoggerFactory.getLogger(ModalTransport.class);
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

  private final OkHttpClient client;
  private final boolean ownsClient;
  private final Retry retry;
  private final TransportTimer timer;
  private final CallBudget callBudget;
  private final Clock clock;
  private final Moshi moshi;
  /** The JSON adapter of each wire record class sent, looked up in {@link #moshi} once. */
  private final ClassValue<JsonAdapter<Object>> adapters;
  private final String description;
  private final InFlightCalls inFlight;
  private volatile boolean closed;

  private ModalTransport(Builder b) {
    this.ownsClient = b.okHttpClient == null;
    OkHttpClient.Builder http;
    if (ownsClient) {
      Dispatcher dispatcher = new Dispatcher();
      dispatcher.setMaxRequests(64);
      dispatcher.setMaxRequestsPerHost(64);
      http = new OkHttpClient.Builder().dispatcher(dispatcher)
          .connectionPool(new ConnectionPool(8, b.idleConnectionTimeout.toMillis(), TimeUnit.MILLISECONDS));
    } else {
      http = b.okHttpClient.newBuilder();
    }
    this.client = http
        .connectTimeout(b.connectTimeout)
        .readTimeout(b.readTimeout)
        .writeTimeout(b.readTimeout)
        .callTimeout(Duration.ZERO) // each call gets its remaining budget
        .followRedirects(false)
        .followSslRedirects(false)
        .retryOnConnectionFailure(false) // every repeat is the Retry's, decided by AttemptFailure
        .addInterceptor(new RequestIdInterceptor())
        .addInterceptor(new HandOffInterceptor(b.clock))
        .addInterceptor(new AuthInterceptor(b.auth))
        .addInterceptor(new ExchangeLogInterceptor())
        .eventListener(new AttemptEvents())
        .build();
    this.callBudget = b.callBudget;
    this.clock = b.clock;
    this.moshi = b.moshi;
    this.adapters = new ClassValue<>() {
      @Override
      @SuppressWarnings("unchecked")
      protected JsonAdapter<Object> computeValue(Class<?> type) {
        return moshi.adapter((Class<Object>) type);
      }
    };
    this.timer = new TransportTimer(b.sleeper);
    this.inFlight = new InFlightCalls(timer);
    this.retry = Retry.of("modal-transport", safeRetries(b.retryConfig, b.clock));
    this.retry.getEventPublisher()
        .onRetry(e -> log.debug("Retry {} in {} ms after: {}", e.getNumberOfRetryAttempts(),
            e.getWaitInterval().toMillis(), message(e.getLastThrowable())))
        .onError(e -> log.debug("Giving up after {} attempts: {}", e.getNumberOfRetryAttempts(),
            message(e.getLastThrowable())));
    this.description = "ModalTransport{" + b.auth + ", " + b.retryConfig.getMaxAttempts() + " attempts, budget "
        + callBudget.base() + " + " + callBudget.perCharacter() + "/char}";
  }

  /**
   * A builder with no credentials, default timeouts, budget and retries.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The {@link RetryConfig} the transport runs: the user's attempts, interval function and exception
   * predicate, inside the safety rules of {@link AttemptFailure} and the call budget.
   */
  private static RetryConfig safeRetries(RetryConfig user, Clock clock) {
    Predicate<Throwable> userPredicate = user.getExceptionPredicate();
    IntervalBiFunction<Object> userInterval = user.getIntervalBiFunction();
    return RetryConfig.custom()
        .maxAttempts(user.getMaxAttempts())
        .failAfterMaxAttempts(false)
        .retryOnException(t -> t instanceof AttemptFailure f && f.safeToRepeat() && userPredicate.test(f.error()))
        .intervalBiFunction((attempt, outcome) -> {
          AttemptFailure failure = (AttemptFailure) outcome.getLeft();
          Duration wait = failure.retryAfter() != null ? failure.retryAfter()
              : Duration.ofMillis(userInterval.apply(attempt, Either.left(failure.error())));
          if (clock.instant().plus(wait).isAfter(failure.deadline())) {
            log.debug("Not retrying: a wait of {} ms would pass the call budget", wait.toMillis());
            return -1L;
          }
          return wait.toMillis();
        })
        .build();
  }

  /**
   * The call budget for a call that speaks {@code characters} characters of text.
   *
   * @param characters the characters of text the call speaks; negative counts as 0
   * @return the total time the call may take, attempts and waits included
   */
  public Duration budgetFor(int characters) {
    return callBudget.forCharacters(characters);
  }

  /**
   * {@code GET url} with the base budget. Repeated under the rules of {@link AttemptFailure}.
   *
   * @param url the absolute URL; the credentials go only to its scheme, host and port
   * @return the successful (2xx) response, body read in full
   * @throws NullPointerException when {@code url} is null
   * @throws IllegalStateException when this transport is closed
   * @throws UtterException for error responses and failures, typed by what the caller can do.
   * @throws CancellationException when the calling thread is interrupted.
   */
  public ModalResponse get(HttpUrl url) {
    Objects.requireNonNull(url, "url == null");
    return execute(new Request.Builder().url(url).get(), "GET " + url.encodedPath(), 0, false);
  }

  /**
   * {@code POST url} with {@code body} (a wire record) as JSON and a fresh {@code Idempotency-Key},
   * within the budget for {@code textCharacters} characters.
   *
   * @param url the absolute URL; the credentials go only to its scheme, host and port
   * @param body the wire record to send, serialized with this transport's Moshi
   * @param textCharacters the characters of text the call speaks, sizing its {@link CallBudget}
   * @return the successful (2xx) response, body read in full
   * @throws NullPointerException when {@code url} or {@code body} is null
   * @throws IllegalStateException when this transport is closed
   * @param serviceHonoursIdempotencyKeys whether the service answers a repeated key with the stored
   *     answer instead of running again (modal-deploy says so in {@code /health}); only then is the
   *     {@code POST} repeated after it may have reached the service
   * @throws UtterException for error responses and failures, typed by what the caller can do.
   * @throws CancellationException when the calling thread is interrupted.
   */
  public ModalResponse postJson(HttpUrl url, Object body, int textCharacters, boolean serviceHonoursIdempotencyKeys) {
    Objects.requireNonNull(url, "url == null");
    Objects.requireNonNull(body, "body == null");
    Buffer json = new Buffer();
    try {
      adapters.get(body.getClass()).toJson(json, body);
    } catch (IOException e) {
      throw new AssertionError("Writing to a memory buffer failed", e); // okio.Buffer never throws
    }
    Request.Builder request = new Request.Builder().url(url)
        .post(RequestBody.create(json.readByteString(), JSON))
        .header(IDEMPOTENCY_KEY, idempotencyKey());
    return execute(request, "POST " + url.encodedPath(), textCharacters, serviceHonoursIdempotencyKeys);
  }

  /**
   * A fresh random (version 4) UUID. The key must only be unique among the calls that reach one
   * service, not secret (it travels next to the credentials), so it comes from the thread's
   * {@link ThreadLocalRandom} instead of {@link UUID#randomUUID()}'s shared {@code SecureRandom}.
   */
  static String idempotencyKey() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long high = (random.nextLong() & ~0xF000L) | 0x4000L; // version 4
    long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L; // IETF variant
    return new UUID(high, low).toString();
  }

  private ModalResponse execute(Request.Builder request, String what, int textCharacters, boolean postRepeatable) {
    Duration budget = callBudget.forCharacters(textCharacters);
    CallState call = new CallState(request, what, budget, clock.instant().plus(budget), postRepeatable);
    if (closed) {
      throw new IllegalStateException("This transport is closed");
    }
    CompletableFuture<ModalResponse> result = new CompletableFuture<>();
    inFlight.started(call, result);
    if (closed) {
      inFlight.endAll();
    }
    Retry.decorateCompletionStage(retry, timer, () -> attempt(call)).get().whenComplete((response, failure) -> {
      if (failure == null) {
        result.complete(response);
      } else {
        result.completeExceptionally(failure);
      }
    });
    try {
      return result.get();
    } catch (InterruptedException e) {
      call.cancel();
      Thread.currentThread().interrupt();
      CancellationException cancelled = call.cancellation();
      cancelled.initCause(e);
      throw cancelled;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof AttemptFailure failure) {
        throw failure.error();
      }
      if (e.getCause() instanceof RuntimeException unexpected) {
        throw unexpected;
      }
      throw new IllegalStateException(e.getCause());
    } finally {
      inFlight.ended(call);
    }
  }

  /**
   * One attempt: an OkHttp call (hand-offs included) with what is left of the budget as its timeout;
   * the first on the calling thread, later ones on OkHttp's dispatcher.
   */
  private CompletableFuture<ModalResponse> attempt(CallState call) {
    CompletableFuture<ModalResponse> result = new CompletableFuture<>();
    if (call.cancelled()) {
      result.completeExceptionally(call.cancellation());
      return result;
    }
    long remaining = call.remaining(clock).toMillis();
    if (remaining <= 0) {
      result.completeExceptionally(AttemptFailure.budgetSpent(call, null));
      return result;
    }
    Call http = client.newCall(call.nextAttempt());
    http.timeout().timeout(remaining, TimeUnit.MILLISECONDS);
    call.attempting(http);
    Outcome outcome = new Outcome(call, result);
    if (call.firstAttempt()) {
      try {
        outcome.onResponse(http, http.execute());
      } catch (IOException e) {
        if (Thread.currentThread().isInterrupted()) { // e.g. okio refusing to start a read
          call.cancel();
        }
        outcome.onFailure(http, e);
      }
    } else {
      http.enqueue(outcome);
    }
    return result;
  }

  /** Completes an attempt's result from OkHttp's answer. */
  private final class Outcome implements Callback {
    private final CallState call;
    private final CompletableFuture<ModalResponse> result;

    Outcome(CallState call, CompletableFuture<ModalResponse> result) {
      this.call = call;
      this.result = result;
    }

    @Override
    public void onResponse(Call c, Response response) {
      try (ResponseBody body = response.body()) {
        result.complete(read(call, response, body));
      } catch (IOException e) {
        onFailure(c, e);
      } catch (AttemptFailure failure) {
        result.completeExceptionally(failure);
      }
    }

    @Override
    public void onFailure(Call c, IOException e) {
      result.completeExceptionally(call.cancelled() ? call.cancellation() : AttemptFailure.ofIo(call, e));
    }
  }

  private ModalResponse read(CallState call, Response response, ResponseBody body) throws IOException {
    String requestId = response.header(RequestIdInterceptor.HEADER, call.requestId());
    int status = response.code();
    if (status >= 200 && status < 300) {
      try {
        return ModalResponse.read(status, requestId, response.header("Content-Type"), body, call.description(), moshi);
      } catch (GenerationFailedException invalid) {
        throw AttemptFailure.fatal(call, invalid);
      }
    }
    if (status == 303) {
      throw AttemptFailure.fatal(call, new ProviderUnavailableException(call.description()
          + " answered 303 without a usable Location (request id " + requestId + ")",
          Details.ofResponse(303, requestId, null, "bad_redirect"), null));
    }
    Duration retryAfter = HttpFailures.retryAfter(response.header("Retry-After-Ms"), response.header("Retry-After"),
        clock);
    throw AttemptFailure.ofStatus(call, status,
        HttpFailures.of(call.description(), status, requestId, body.bytes(), retryAfter), retryAfter);
  }

  private static String message(Throwable t) {
    return t instanceof AttemptFailure f ? f.error().getMessage() : String.valueOf(t);
  }

  /** Records on the call what OkHttp did: a new connection opened, the request sent, a response begun. */
  private static final class AttemptEvents extends EventListener {
    @Override
    public void connectStart(Call call, java.net.InetSocketAddress address, java.net.Proxy proxy) {
      state(call).ifPresent(CallState::markFreshConnection);
    }

    @Override
    public void requestHeadersStart(Call call) {
      state(call).ifPresent(CallState::markSent);
    }

    @Override
    public void responseHeadersStart(Call call) {
      state(call).ifPresent(CallState::markResponseStarted);
    }

    private static java.util.Optional<CallState> state(Call call) {
      return java.util.Optional.ofNullable(call.request().tag(CallState.class));
    }
  }

  /**
   * Releases the connections and threads of the client this transport created, and its timer.
   * Calls still running end with a {@link CancellationException}; later calls throw
   * {@link IllegalStateException}. Idempotent.
   */
  @Override
  public void close() {
    closed = true;
    inFlight.endAll();
    timer.shutdownNow();
    if (ownsClient) {
      client.dispatcher().executorService().shutdown();
      client.connectionPool().evictAll();
    }
  }

  @Override
  public String toString() {
    return description;
  }

  /** Builds a {@link ModalTransport}. Not thread-safe. */
  public static final class Builder {
    private ModalAuth auth = ModalAuth.none();
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration readTimeout = Duration.ofSeconds(180);
    private Duration idleConnectionTimeout = Duration.ofSeconds(4);
    private CallBudget callBudget = CallBudget.DEFAULT;
    private RetryConfig retryConfig = ModalRetries.defaults();
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper;
    private OkHttpClient okHttpClient;
    private Moshi moshi = new Moshi.Builder().build();

    private Builder() {}

    /**
     * The credentials sent with each attempt; default none.
     *
     * @param auth the credentials
     * @return this builder
     * @throws NullPointerException when {@code auth} is null
     */
    public Builder auth(ModalAuth auth) {
      this.auth = Objects.requireNonNull(auth, "auth == null");
      return this;
    }

    /**
     * How long opening a connection may take; default 10 s.
     *
     * @param connectTimeout positive
     * @return this builder
     * @throws NullPointerException when {@code connectTimeout} is null
     * @throws IllegalArgumentException when it is zero or negative
     */
    public Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = requirePositive(connectTimeout, "connectTimeout");
      return this;
    }

    /**
     * The longest silence while waiting for a response; default 180 s, above Modal's 150 s hand-off.
     *
     * @param readTimeout positive; also the write timeout
     * @return this builder
     * @throws NullPointerException when {@code readTimeout} is null
     * @throws IllegalArgumentException when it is zero or negative
     */
    public Builder readTimeout(Duration readTimeout) {
      this.readTimeout = requirePositive(readTimeout, "readTimeout");
      return this;
    }

    /**
     * How long an idle pooled connection is kept; default 4 s. Ignored with {@link #okHttpClient}.
     *
     * @param idleConnectionTimeout positive
     * @return this builder
     * @throws NullPointerException when {@code idleConnectionTimeout} is null
     * @throws IllegalArgumentException when it is zero or negative
     */
    public Builder idleConnectionTimeout(Duration idleConnectionTimeout) {
      this.idleConnectionTimeout = requirePositive(idleConnectionTimeout, "idleConnectionTimeout");
      return this;
    }

    /**
     * See {@link CallBudget}; default 5 min + 250 ms per character.
     *
     * @param base the budget of a call that speaks no text; positive
     * @param perCharacter what each character adds; zero or positive
     * @return this builder
     * @throws NullPointerException when either is null
     * @throws IllegalArgumentException when {@code base} is not positive or {@code perCharacter} negative
     */
    public Builder callBudget(Duration base, Duration perCharacter) {
      this.callBudget = new CallBudget(base, perCharacter);
      return this;
    }

    /**
     * See {@link dev.utter.transport.ModalRetries}; default {@link ModalRetries#defaults()}.
     *
     * @param retryConfig attempts, interval function and exception predicate, run inside the safety
     *     rules of {@link AttemptFailure}
     * @return this builder
     * @throws NullPointerException when {@code retryConfig} is null
     */
    public Builder retryConfig(RetryConfig retryConfig) {
      this.retryConfig = Objects.requireNonNull(retryConfig, "retryConfig == null");
      return this;
    }

    /**
     * The clock budgets and {@code Retry-After} dates are measured on; default system UTC.
     *
     * @param clock the clock to read
     * @return this builder
     * @throws NullPointerException when {@code clock} is null
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock == null");
      return this;
    }

    /**
     * What waits between retries instead of a timer (tests).
     *
     * @param sleeper called with each wait between two attempts
     * @return this builder
     * @throws NullPointerException when {@code sleeper} is null
     */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper == null");
      return this;
    }

    /**
     * A client whose connection pool and dispatcher to share; the transport never closes it.
     *
     * @param okHttpClient the shared client; its timeouts, redirects and interceptors are overridden
     *     on a derived client, the shared one is not changed
     * @return this builder
     * @throws NullPointerException when {@code okHttpClient} is null
     */
    public Builder okHttpClient(OkHttpClient okHttpClient) {
      this.okHttpClient = Objects.requireNonNull(okHttpClient, "okHttpClient == null");
      return this;
    }

    /**
     * The Moshi that writes request records and reads response records; default a plain one.
     *
     * @param moshi the Moshi, with any adapters the provider's wire records need
     * @return this builder
     * @throws NullPointerException when {@code moshi} is null
     */
    public Builder moshi(Moshi moshi) {
      this.moshi = Objects.requireNonNull(moshi, "moshi == null");
      return this;
    }

    /**
     * A new transport with these settings; the builder may be reused.
     *
     * @return a new transport, which the caller owns and must close
     */
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
}
