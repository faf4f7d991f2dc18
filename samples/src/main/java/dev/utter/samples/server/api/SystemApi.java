package dev.utter.samples.server.api;

import dev.utter.Language;
import dev.utter.Utter;
import dev.utter.spi.ProviderHealth;
import io.javalin.http.Context;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** {@code GET /api/languages} and {@code GET /api/health}. */
final class SystemApi {
  private final Utter utter;

  SystemApi(Utter utter) {
    this.utter = utter;
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
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", health.healthy() ? "healthy" : "unhealthy");
    body.put("provider", utter.providerId());
    body.put("message", health.detail());
    body.put("provider_info", health.attributes());
    Json.respond(ctx, health.healthy() ? 200 : 503, body);
  }
}
