package dev.utter.samples.server.api;

import dev.utter.Language;
import dev.utter.samples.server.storage.VoiceRecord;
import dev.utter.GenerationRequest;
import io.javalin.http.Context;
import java.util.Map;

/**
 * The body of {@code POST /api/generate} and {@code POST /api/tasks}: {@code voice_id}, {@code text},
 * optional {@code language} (else the voice's). Checked in the original app's order.
 */
record SpeakRequest(VoiceRecord voice, String text, Language language) {
  static SpeakRequest read(Context ctx, VoicesApi voicesApi) {
    Map<String, Object> body = Json.readObject(ctx);
    VoiceRecord voice = voicesApi.voice(Json.string(body, "voice_id"));
    String text = GenerationRequest.checkText(Json.string(body, "text"));
    String language = Json.string(body, "language");
    String name = language == null || language.isBlank() ? voice.language() : language;
    return new SpeakRequest(voice, text, voicesApi.supported(name));
  }
}
