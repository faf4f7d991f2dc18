package dev.utter.samples.server.api;

import dev.utter.Language;
import dev.utter.Utter;
import dev.utter.samples.server.storage.DataFiles;
import dev.utter.samples.server.storage.Database;
import dev.utter.spi.ProviderHealth;
import io.javalin.http.Context;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code GET /api/languages} and {@code GET /api/health}. Health is 200 {@code "healthy"} only when the
 * provider, the database and the data directory all work; else 503 {@code "unhealthy"}, with each part's
 * state in {@code provider_info}, {@code database} and {@code storage}.
 */
final class SystemApi {
  private final Utter utter;
  private final Database database;
  private final DataFiles files;

  SystemApi(Utter utter, Database database, DataFiles files) {
    this.utter = utter;
    this.database = database;
    this.files = files;
  }

  void languages(Context ctx) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("languages", Arrays.stream(Language.values())
        .filter(utter.capabilities()::supports)
        .map(Language::wireName)
        .collect(Collectors.toList()));
    body.put("default", Language.AUTO.wireName());
    body.put("provider", utter.providerId());
    body.put("requires_transcript", utter.capabilities().requiresTranscript());
    body.put("voice_design", utter.designsVoices());
    Json.respond(ctx, 200, body);
  }

  void health(Context ctx) {
    ProviderHealth health = utter.health();
    Optional<String> databaseProblem = database.problem();
    Optional<String> storageProblem = files.problem();
    boolean healthy = health.healthy() && databaseProblem.isEmpty() && storageProblem.isEmpty();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", healthy ? "healthy" : "unhealthy");
    body.put("provider", utter.providerId());
    body.put("message", health.detail());
    body.put("provider_info", health.attributes());
    body.put("database", part(database.vendor(), databaseProblem));
    body.put("storage", part("directory", storageProblem));
    Json.respond(ctx, healthy ? 200 : 503, body);
  }

  /** {@code {"kind": ..., "status": "ok"}}, or {@code "unreachable"} with the problem as {@code detail}. */
  private static Map<String, Object> part(String kind, Optional<String> problem) {
    Map<String, Object> part = new LinkedHashMap<>();
    part.put("kind", kind);
    part.put("status", problem.isEmpty() ? "ok" : "unreachable");
    problem.ifPresent(p -> part.put("detail", p));
    return part;
  }
}
