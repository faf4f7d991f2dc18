package dev.utter.provider.qwen.internal;

import com.squareup.moshi.Json;
import dev.utter.transport.internal.Nullable;
import java.util.List;

/**
 * {@code POST /clone-batch} (schema {@code CloneBatchRequest}): texts and languages of equal length,
 * one voice by {@code voice_id} or inline; {@code seed} is modal-deploy's extension.
 */
public record CloneBatchRequest(
    List<String> texts,
    List<String> languages,
    @Json(name = "ref_audio_base64") @Nullable String refAudioBase64,
    @Json(name = "ref_text") @Nullable String refText,
    @Json(name = "voice_id") @Nullable String voiceId,
    @Json(name = "max_new_tokens") int maxNewTokens,
    @Nullable Long seed) {}
