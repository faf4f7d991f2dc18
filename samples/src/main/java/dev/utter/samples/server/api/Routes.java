package dev.utter.samples.server.api;

import dev.utter.AuthenticationException;
import dev.utter.InvalidRequestException;
import dev.utter.NotFoundException;
import dev.utter.ProviderUnavailableException;
import dev.utter.RateLimitedException;
import dev.utter.UtterException;
import dev.utter.samples.server.speech.Speaker;
import dev.utter.samples.server.storage.DataFiles;
import dev.utter.samples.server.storage.GenerationStore;
import dev.utter.samples.server.storage.VoiceStore;
import dev.utter.samples.server.tasks.TaskRunner;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Registers the API, the audio files and the error mapping on a Javalin app. */
public final class Routes {
  private static final Logger log = LoggerFactory.getLogger(Routes.class);

  private Routes() {}

  /**
   * Adds every route to {@code app}.
   *
   * @param apiKey the key {@code /api/*} requires as {@code Authorization: Bearer} or {@code X-API-Key},
   *     or null for none
   */
  public static void register(Javalin app, VoiceStore voices, GenerationStore generations, DataFiles files,
      Speaker speaker, TaskRunner runner, String apiKey, Clock clock) {
    VoicesApi voicesApi = new VoicesApi(voices, files, speaker.utter()::capabilities, clock);
    GenerationsApi generationsApi = new GenerationsApi(generations, files, speaker, voicesApi);
    TasksApi tasksApi = new TasksApi(runner, generations, voicesApi, clock);
    SystemApi systemApi = new SystemApi(speaker.utter());

    if (apiKey != null) {
      app.before("/api/*", ctx -> requireKey(ctx, apiKey));
    }
    app.post("/api/clone", voicesApi::clone);
    app.get("/api/voices", voicesApi::list);
    app.delete("/api/voices/{id}", voicesApi::delete);
    app.get("/api/voices/{id}/preview", voicesApi::preview);
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

    app.exception(ApiException.class, (e, ctx) -> error(ctx, e.status(), e.getMessage()));
    app.exception(InvalidRequestException.class, (e, ctx) -> error(ctx, 400, e.getMessage()));
    app.exception(NotFoundException.class, (e, ctx) -> error(ctx, 404, e.getMessage()));
    app.exception(AuthenticationException.class, (e, ctx) -> providerError(ctx, 502, e));
    app.exception(RateLimitedException.class, (e, ctx) -> providerError(ctx, 503, e));
    app.exception(ProviderUnavailableException.class, (e, ctx) -> providerError(ctx, 503, e));
    app.exception(UtterException.class, (e, ctx) -> providerError(ctx, 500, e));
    app.exception(HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(), e.getMessage()));
    app.exception(Exception.class, (e, ctx) -> {
      log.error("{} {} failed", ctx.method(), ctx.path(), e);
      error(ctx, 500, "Internal server error");
    });
    app.error(404, ctx -> {
      if (ctx.result() == null || ctx.result().isEmpty()) {
        error(ctx, 404, "Not found");
      }
    });
  }

  private static void requireKey(Context ctx, String apiKey) {
    String sent = ctx.header("X-API-Key");
    String authorization = ctx.header("Authorization");
    if (sent == null && authorization != null && authorization.toLowerCase(Locale.ROOT).startsWith("bearer ")) {
      sent = authorization.substring(7).strip();
    }
    if (sent == null || !MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8),
        apiKey.getBytes(StandardCharsets.UTF_8))) {
      ctx.header("WWW-Authenticate", "Bearer");
      throw new ApiException(401, "Invalid or missing API key");
    }
  }

  private static void providerError(Context ctx, int status, UtterException e) {
    log.warn("{} {}: provider error", ctx.method(), ctx.path(), e);
    error(ctx, status, "Generation failed: " + e.getMessage());
  }

  private static void error(Context ctx, int status, String detail) {
    Json.respond(ctx, status, Map.of("detail", detail == null ? "Error" : detail));
  }
}
