package dev.utter.samples.server.api;

import dev.utter.AuthenticationException;
import dev.utter.InvalidRequestException;
import dev.utter.NotFoundException;
import dev.utter.ProviderUnavailableException;
import dev.utter.RateLimitedException;
import dev.utter.UtterException;
import dev.utter.samples.server.config.ServerConfig;
import dev.utter.samples.server.speech.Speaker;
import dev.utter.samples.server.storage.DataFiles;
import dev.utter.samples.server.storage.Database;
import dev.utter.samples.server.storage.DiskFault;
import dev.utter.samples.server.storage.GenerationStore;
import dev.utter.samples.server.storage.VoiceStore;
import dev.utter.samples.server.tasks.GenerationSlots;
import dev.utter.samples.server.tasks.ServerBusyException;
import dev.utter.samples.server.tasks.TaskRunner;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Registers the API, the audio files and the error mapping on a Javalin app. */
public final class Routes {
  private static final Logger log = LoggerFactory.getLogger(Routes.class);

  private Routes() {}

  /**
   * Sets up Jetty under {@code config}: {@link SecurityHeaders} on every response, Jetty's own errors
   * as {@code {"detail": ...}} ({@link JsonErrorHandler}), and 405 rather than 404 for a known path
   * with the wrong method.
   */
  public static void configure(JavalinConfig config) {
    config.http.prefer405over404 = true;
    config.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler()));
    config.jetty.modifyServletContextHandler(context -> {
      context.insertHandler(SecurityHeaders.handler());
      context.setErrorHandler(new JsonErrorHandler());
    });
  }

  /**
   * Adds every route, the request rules and the error mapping to {@code app}: {@link RequestGuard} on
   * every path; with {@code config.apiKey()} set, {@code /api/*} and {@code /uploads/*} need the key as
   * {@code Authorization: Bearer} or {@code X-API-Key}, or for a stored file a {@link SignedUrls signed
   * URL}, and {@code /v1/*} (the {@link OpenAiSpeechApi OpenAI-compatible API}) the key as
   * {@code Authorization: Bearer}; every error is {@code {"detail": ...}}, under {@code /v1} OpenAI's
   * {@code {"error": {...}}}.
   *
   * @param slots the bound on generations a request waits for ({@code POST /api/generate},
   *     {@code /v1/audio/speech})
   * @param port the port the server listens on, read per request (known once it runs)
   */
  public static void register(Javalin app, VoiceStore voices, GenerationStore generations, DataFiles files,
      Database database, Speaker speaker, TaskRunner runner, GenerationSlots slots, ServerConfig config,
      IntSupplier port, Clock clock) {
    String apiKey = config.apiKey();
    SignedUrls signedUrls = SignedUrls.forKey(apiKey, clock);
    VoicesApi voicesApi = new VoicesApi(voices, files, speaker.utter()::capabilities, signedUrls, clock);
    GenerationsApi generationsApi = new GenerationsApi(generations, files, speaker, slots, voicesApi, signedUrls);
    TasksApi tasksApi = new TasksApi(runner, generations, voicesApi, signedUrls, clock);
    SystemApi systemApi = new SystemApi(speaker.utter(), database, files);
    OpenAiSpeechApi openAi = new OpenAiSpeechApi(speaker, voices, voicesApi, slots, speaker.utter().providerId(),
        clock.instant());
    RequestGuard guard = new RequestGuard(new AllowedHosts(config.bind(), port, config.allowedHosts()),
        apiKey != null);

    app.before(guard::checkHost);
    if (apiKey != null) {
      app.before("/api/*", ctx -> requireKey(ctx, apiKey, signedUrls));
      app.before("/uploads/*", ctx -> requireKey(ctx, apiKey, signedUrls));
      app.before("/v1/*", ctx -> requireKey(ctx, apiKey, signedUrls));
    }
    app.before(guard::checkCrossSite);
    app.post("/api/clone", voicesApi::clone);
    app.get("/api/voices", voicesApi::list);
    app.delete("/api/voices/{id}", voicesApi::delete);
    app.get("/api/voices/{id}/preview", voicesApi::preview);
    app.head("/api/voices/{id}/preview", voicesApi::preview);
    DesignApi.register(app, voicesApi, speaker.utter(), clock);
    app.post("/api/generate", generationsApi::generate);
    app.get("/api/generations", generationsApi::list);
    app.delete("/api/generations/{id}", generationsApi::delete);
    app.post("/api/tasks", tasksApi::create);
    app.get("/api/tasks/{id}", tasksApi::get);
    app.before("/api/tasks/{id}/events", tasksApi::checkExists);
    app.sse("/api/tasks/{id}/events", tasksApi::events);
    app.post("/api/tasks/{id}/cancel", tasksApi::cancel);
    app.delete("/api/tasks/{id}", tasksApi::delete);
    app.get("/api/languages", systemApi::languages);
    app.get("/api/health", systemApi::health);
    app.get("/uploads/generated/{file}", generationsApi::audio);
    app.head("/uploads/generated/{file}", generationsApi::audio);
    app.post("/v1/audio/speech", openAi::speech);
    app.get("/v1/models", openAi::models);

    app.exception(OpenAiError.class, (e, ctx) ->
        ctx.status(e.status()).contentType("application/json").result(e.body()));
    app.exception(ServerBusyException.class, (e, ctx) -> {
      ctx.header("Retry-After", String.valueOf(Math.max(1, e.retryAfter().toSeconds())));
      error(ctx, 503, e.getMessage());
    });

    app.exception(ApiException.class, (e, ctx) -> error(ctx, e.status(), e.getMessage()));
    app.exception(InvalidRequestException.class, (e, ctx) -> error(ctx, 400, e.getMessage()));
    app.exception(NotFoundException.class, (e, ctx) -> error(ctx, 404, e.getMessage()));
    app.exception(AuthenticationException.class, (e, ctx) -> providerError(ctx, 502, e));
    app.exception(RateLimitedException.class, (e, ctx) -> {
      if (OpenAiSpeechApi.covers(ctx.path())) {
        e.retryAfter().ifPresent(wait -> ctx.header("Retry-After", String.valueOf(Math.max(1, wait.toSeconds()))));
        providerError(ctx, 429, e);
      } else {
        providerError(ctx, 503, e);
      }
    });
    app.exception(ProviderUnavailableException.class, (e, ctx) -> providerError(ctx, 503, e));
    app.exception(UtterException.class, (e, ctx) -> providerError(ctx, 500, e));
    app.exception(HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(), reason(e.getStatus())));
    app.exception(Exception.class, (e, ctx) -> {
      Optional<DiskFault> disk = DiskFault.of(e);
      if (disk.isPresent()) {
        log.warn("{} {}: {} ({})", ctx.method(), ctx.path(), disk.get().detail(), e.toString());
        error(ctx, disk.get().status(), disk.get().detail());
        return;
      }
      log.error("{} {} failed", ctx.method(), ctx.path(), e);
      error(ctx, 500, "Internal server error");
    });
    app.after(ctx -> {
      int status = ctx.statusCode();
      if (status >= 400 && ctx.resultInputStream() == null) {
        error(ctx, status, reason(status));
      }
    });
  }

  private static void requireKey(Context ctx, String apiKey, SignedUrls signedUrls) {
    String sent = ctx.header("X-API-Key");
    String authorization = ctx.header("Authorization");
    if (sent == null && authorization != null && authorization.toLowerCase(Locale.ROOT).startsWith("bearer ")) {
      sent = authorization.substring(7).strip();
    }
    boolean keyMatches = sent != null && MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8),
        apiKey.getBytes(StandardCharsets.UTF_8));
    if (!keyMatches && !signedUrls.allows(ctx)) {
      ctx.header("WWW-Authenticate", "Bearer");
      throw new ApiException(401, "Invalid or missing API key");
    }
  }

  /** The standard reason phrase of {@code status} ("Not Found", "Method Not Allowed"). */
  private static String reason(int status) {
    return HttpStatus.forStatus(status).getMessage();
  }

  private static void providerError(Context ctx, int status, UtterException e) {
    log.warn("{} {}: provider error", ctx.method(), ctx.path(), e);
    error(ctx, status, "Generation failed: " + e.getMessage());
  }

  /** {@code {"detail": detail}}, or under {@code /v1} OpenAI's shape with the type OpenAI gives {@code status}. */
  private static void error(Context ctx, int status, String detail) {
    String message = detail == null ? "Error" : detail;
    String body = OpenAiSpeechApi.covers(ctx.path())
        ? OpenAiError.forStatus(status, message, null).body()
        : Json.errorBody(message);
    ctx.status(status).contentType("application/json").result(body);
  }
}
