package dev.utter.provider.qwen.internal;

import com.squareup.moshi.Json;

/** {@code POST /voices} of the Qwen service (schema {@code VoiceRequest}): a reference and its transcript. */
public record VoiceRequest(
    @Json(name = "ref_audio_base64") String refAudioBase64,
    @Json(name = "ref_text") String refText) {}
