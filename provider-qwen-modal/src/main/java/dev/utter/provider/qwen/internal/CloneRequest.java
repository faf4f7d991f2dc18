package dev.utter.provider.qwen.internal;

import com.squareup.moshi.Json;
import dev.utter.transport.internal.Nullable;

/**
 * {@code POST /clone} (schema {@code CloneRequest}): one text, and the voice either by
 * {@code voice_id} or inline ({@code ref_audio_base64} with {@code ref_text}). {@code seed} and
 * {@code output_format} are modal-deploy's extensions, left out (null) for the separate endpoints.
 */
public record CloneRequest(
    String text,
    String language,
    @Json(name = "ref_audio_base64") @Nullable String refAudioBase64,
    @Json(name = "ref_text") @Nullable String refText,
    @Json(name = "voice_id") @Nullable String voiceId,
    @Json(name = "max_new_tokens") int maxNewTokens,
    @Nullable Long seed,
    @Json(name = "output_format") @Nullable String outputFormat) {}
