package dev.utter.samples.server.api;

import dev.utter.samples.server.speech.Speaker;
import dev.utter.samples.server.storage.DataFiles;
import dev.utter.samples.server.storage.GenerationRecord;
import dev.utter.samples.server.storage.GenerationStore;
import dev.utter.samples.server.tasks.GenerationSlots;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /api/generate} (synchronous, as in the original, within the {@link GenerationSlots}),
 * {@code GET /api/generations}, {@code DELETE /api/generations/{id}} and the audio at
 * {@code /uploads/generated/{id}.wav}.
 */
final class GenerationsApi {
  static final String GENERATION_NOT_FOUND = "Generation not found";
  private static final int MAX_LIMIT = 200;

  private final GenerationStore generations;
  private final DataFiles files;
  private final Speaker speaker;
  private final GenerationSlots slots;
  private final VoicesApi voicesApi;
  private final SignedUrls signedUrls;

  GenerationsApi(GenerationStore generations, DataFiles files, Speaker speaker, GenerationSlots slots,
      VoicesApi voicesApi, SignedUrls signedUrls) {
    this.generations = generations;
    this.files = files;
    this.speaker = speaker;
    this.slots = slots;
    this.voicesApi = voicesApi;
    this.signedUrls = signedUrls;
  }

  void generate(Context ctx) {
    SpeakRequest request = SpeakRequest.read(ctx, voicesApi);
    GenerationRecord generation =
        slots.run(() -> speaker.speakToFile(request.voice(), request.text(), request.language()));
    Json.respond(ctx, 200, result(generation, signedUrls));
  }

  void list(Context ctx) {
    int limit = intParam(ctx, "limit", 50, 1, MAX_LIMIT);
    int offset = intParam(ctx, "offset", 0, 0, Integer.MAX_VALUE);
    List<Map<String, Object>> out = new ArrayList<>();
    for (GenerationRecord g : generations.list(limit, offset)) {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("id", g.id());
      item.put("voice_id", g.voiceId());
      item.put("voice_name", g.voiceName());
      item.put("text", g.text());
      item.put("language", g.language());
      item.put("audio_url", audioUrl(g.id()));
      item.put("audio_path", audioPath(g.id()));
      signedUrls.sign(audioUrl(g.id())).ifPresent(url -> item.put("signed_audio_url", url));
      item.put("duration_seconds", g.durationSeconds());
      item.put("created_at", g.createdAt().toString());
      out.add(item);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("generations", out);
    body.put("total", generations.count());
    body.put("limit", limit);
    body.put("offset", offset);
    Json.respond(ctx, 200, body);
  }

  void delete(Context ctx) {
    String id = Ids.pathId(ctx, GENERATION_NOT_FOUND);
    GenerationRecord generation = generations.find(id)
        .orElseThrow(() -> ApiException.notFound(GENERATION_NOT_FOUND));
    if (!generations.delete(id)) {
      throw ApiException.notFound(GENERATION_NOT_FOUND);
    }
    DataFiles.deleteQuietly(files.resolve(generation.audioPath()));
    Json.respond(ctx, 200, Map.of("id", id, "deleted", true));
  }

  /**
   * {@code GET} and {@code HEAD /uploads/generated/{file}}: only {@code <uuid>.wav} of a known
   * generation is served.
   */
  void audio(Context ctx) {
    String file = ctx.pathParam("file");
    String id = file.endsWith(".wav") ? file.substring(0, file.length() - 4) : "";
    String checked = DataFiles.uuid(id).orElseThrow(() -> ApiException.notFound(GENERATION_NOT_FOUND));
    GenerationRecord generation = generations.find(checked)
        .orElseThrow(() -> ApiException.notFound(GENERATION_NOT_FOUND));
    AudioResponses.serve(ctx, files.resolve(generation.audioPath()), "audio/wav", GENERATION_NOT_FOUND);
  }

  static String audioUrl(String generationId) {
    return "/uploads/generated/" + generationId + ".wav";
  }

  /**
   * The original app's {@code audio_path}, the file as it lay under that app's working directory
   * ({@code uploads/generated/{id}.wav}); its History page links to {@code /uploads/generated/} plus the
   * last segment.
   */
  static String audioPath(String generationId) {
    return audioUrl(generationId).substring(1);
  }

  /**
   * {@code {audio_url, generation_id, duration_seconds}}, as the original returned, and with an API key
   * {@code signed_audio_url} for players and download links.
   */
  static Map<String, Object> result(GenerationRecord generation, SignedUrls signedUrls) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("audio_url", audioUrl(generation.id()));
    signedUrls.sign(audioUrl(generation.id())).ifPresent(url -> body.put("signed_audio_url", url));
    body.put("generation_id", generation.id());
    body.put("duration_seconds", generation.durationSeconds());
    return body;
  }

  private static int intParam(Context ctx, String name, int fallback, int min, int max) {
    String value = ctx.queryParam(name);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(value.strip());
      if (n < min || n > max) {
        throw ApiException.badRequest(name + " must be " + min + "-" + max);
      }
      return n;
    } catch (NumberFormatException e) {
      throw ApiException.badRequest(name + " must be a number");
    }
  }
}
