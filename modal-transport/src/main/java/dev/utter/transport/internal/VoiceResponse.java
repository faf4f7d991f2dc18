package dev.utter.transport.internal;

import com.squareup.moshi.Json;
import com.squareup.moshi.JsonDataException;

/**
 * The answer of {@code POST /voices} of both services (schema {@code VoiceResponse}).
 *
 * @param voiceId the id later calls name the voice by
 * @param durationSeconds the reference's length as the service decoded it
 * @param sampleRate the reference's sample rate
 * @param cached whether the service already held the voice
 */
public record VoiceResponse(
    @Json(name = "voice_id") String voiceId,
    @Json(name = "duration_seconds") double durationSeconds,
    @Json(name = "sample_rate") int sampleRate,
    boolean cached) implements WireResponse {
  @Override
  public void requireFields() {
    if (WireResponse.required(voiceId, "voice_id").isBlank()) {
      throw new JsonDataException("voice_id is blank");
    }
  }
}
