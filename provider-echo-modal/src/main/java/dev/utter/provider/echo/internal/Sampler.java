package dev.utter.provider.echo.internal;

import com.squareup.moshi.Json;
import dev.utter.transport.internal.Nullable;

/**
 * The {@code sampler} object of {@code POST /generate} (schema {@code Sampler}): the arguments of
 * Echo-TTS's sampler; a setting that is off is null and left out of the JSON.
 */
public record Sampler(
    @Json(name = "num_steps") int numSteps,
    @Json(name = "cfg_scale_text") double cfgScaleText,
    @Json(name = "cfg_scale_speaker") double cfgScaleSpeaker,
    @Json(name = "cfg_min_t") double cfgMinT,
    @Json(name = "cfg_max_t") double cfgMaxT,
    @Json(name = "truncation_factor") @Nullable Double truncationFactor,
    @Json(name = "rescale_k") @Nullable Double rescaleK,
    @Json(name = "rescale_sigma") @Nullable Double rescaleSigma,
    @Json(name = "speaker_kv_scale") @Nullable Double speakerKvScale,
    @Json(name = "speaker_kv_max_layers") @Nullable Integer speakerKvMaxLayers,
    @Json(name = "speaker_kv_min_t") @Nullable Double speakerKvMinT,
    @Json(name = "sequence_length") int sequenceLength) {}
