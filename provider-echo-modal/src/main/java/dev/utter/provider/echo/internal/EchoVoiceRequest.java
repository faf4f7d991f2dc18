package dev.utter.provider.echo.internal;

import com.squareup.moshi.Json;

/** {@code POST /voices} of the Echo service (schema {@code EchoVoiceRequest}): a speaker reference, no transcript. */
public record EchoVoiceRequest(@Json(name = "ref_audio_base64") String refAudioBase64) {}
