package dev.utter.samples.server.api;

import dev.utter.DesignRequest;
import dev.utter.DesignedVoice;
import dev.utter.Language;
import dev.utter.Utter;
import dev.utter.Voice;
import dev.utter.samples.server.storage.VoiceRecord;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Header;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Voice design, as the original utter app had it: {@code POST /api/voices/design/preview} (JSON
 * {@code {text, language, instruct}} answered with the preview WAV; nothing is saved) and
 * {@code POST /api/voices/design} (multipart {@code name}, {@code text}, {@code language},
 * {@code instruct} and {@code audio}, the previewed WAV), which stores the preview as the reference of
 * a new voice with the preview text as its transcript, {@code source: "designed"} and the description
 * kept. Both check the request with the original app's wording before anything else happens; a
 * designed preview needs {@value DesignedVoice#MIN_PREVIEW_SECONDS} s, not the 10 s of a recording.
 */
final class DesignApi {
  private final VoicesApi voicesApi;
  private final Utter utter;
  private final Clock clock;

  private DesignApi(VoicesApi voicesApi, Utter utter, Clock clock) {
    this.voicesApi = voicesApi;
    this.utter = utter;
    this.clock = clock;
  }

  /** Adds the two design routes to {@code app}. */
  static void register(Javalin app, VoicesApi voicesApi, Utter utter, Clock clock) {
    DesignApi api = new DesignApi(voicesApi, utter, clock);
    app.post("/api/voices/design/preview", api::preview);
    app.post("/api/voices/design", api::save);
  }

  void preview(Context ctx) {
    Map<String, Object> body = Json.readObject(ctx);
    DesignRequest request = request(Json.string(body, "text"), Json.string(body, "language"),
        Json.string(body, "instruct"), DesignRequest.DEFAULT_VOICE_NAME);
    if (!utter.designsVoices()) {
      throw new ApiException(501, "Voice design is not available with the " + utter.providerId() + " provider");
    }
    DesignedVoice designed = utter.design(request);
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header(Header.CACHE_CONTROL, "no-store");
    ctx.contentType("audio/wav").result(designed.previewWav());
  }

  void save(Context ctx) {
    Multipart form = Multipart.read(ctx);
    String name = Voice.checkName(form.field("name"));
    DesignRequest request = request(form.field("text"), form.field("language"), form.field("instruct"), name);
    VoiceRecord voice = voicesApi.store(form.file("audio"), UploadRules::designedPreview, (id, referencePath) ->
        new VoiceRecord(id, name, referencePath, request.text(), request.language().wireName(), clock.instant(),
            VoiceRecord.DESIGNED, request.description()));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", voice.id());
    body.put("name", voice.name());
    body.put("description", voice.description());
    body.put("language", voice.language());
    body.put("source", voice.source());
    body.put("preview_url", "/api/voices/" + voice.id() + "/preview");
    Json.respond(ctx, 201, body);
  }

  /** The design request, checked: text, description and name as the SDK rules them, then the language. */
  private DesignRequest request(String text, String language, String instruct, String name) {
    DesignRequest.Builder builder = DesignRequest.builder(instruct, text).voiceName(name);
    builder.build();
    Language checked = voicesApi.supported(language == null || language.isBlank() ? "English" : language.strip());
    return builder.language(checked).build();
  }
}
