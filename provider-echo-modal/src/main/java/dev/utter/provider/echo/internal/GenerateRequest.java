package dev.utter.provider.echo.internal;

import com.squareup.moshi.Json;
import dev.utter.transport.internal.Nullable;

/**
 * {@code POST /generate} of the Echo service (schema {@code GenerateRequest}): one chunk of text, the
 * speaker by {@code voice_id} or inline ({@code ref_audio_base64}), an optional seed (the service's
 * default is 0) and the sampler settings.
 */
public record GenerateRequest(
    String text,
    @Json(name = "ref_audio_base64") @Nullable String refAudioBase64,
    @Json(name = "voice_id") @Nullable String voiceId,
    @Nullable Long seed,
    Sampler sampler) {}
