package dev.utter.provider.qwen.internal;

import com.squareup.moshi.Json;
import dev.utter.transport.internal.Nullable;
import dev.utter.transport.internal.WireResponse;
import java.util.List;

/**
 * {@code GET /health} of a Qwen service (schema {@code HealthResponse}). The original deployment
 * answers {@code status}, {@code model}, {@code gpu}, {@code attention_implementation} and
 * {@code supported_languages}; modal-deploy adds the rest.
 *
 * @param idempotencyKeys true when the service honours {@code Idempotency-Key} (absent: it does not)
 */
public record HealthResponse(
    String status,
    @Nullable String model,
    @Nullable String gpu,
    @Json(name = "attention_implementation") @Nullable String attentionImplementation,
    @Json(name = "supported_languages") @Nullable List<String> supportedLanguages,
    @Json(name = "api_version") @Nullable String apiVersion,
    @Nullable String engine,
    @Json(name = "sample_rate") @Nullable Integer sampleRate,
    @Nullable Limits limits,
    @Json(name = "idempotency_keys") @Nullable Boolean idempotencyKeys) implements WireResponse {
  @Override
  public void requireFields() {
    WireResponse.required(status, "status");
  }

  /** Whether a repeated {@code POST} with the same key is answered without running again. */
  public boolean honoursIdempotencyKeys() {
    return Boolean.TRUE.equals(idempotencyKeys);
  }

  /** The limits modal-deploy reports. */
  public record Limits(
      @Json(name = "max_text_chars") @Nullable Integer maxTextChars,
      @Json(name = "max_batch_size") @Nullable Integer maxBatchSize) {}
}
