package dev.utter.provider.qwen.internal;

import com.squareup.moshi.Json;
import dev.utter.transport.internal.Nullable;
import dev.utter.transport.internal.WireResponse;
import java.util.List;

/**
 * {@code GET /health} of a VoiceDesign service (schema {@code HealthResponse} of {@code design.json}).
 * Only the fields the designer reads are modelled.
 *
 * @param idempotencyKeys true when the service honours {@code Idempotency-Key} (absent: it does not)
 */
public record DesignHealthResponse(
    String status,
    @Json(name = "sample_rate") Integer sampleRate,
    @Json(name = "supported_languages") List<String> supportedLanguages,
    Limits limits,
    @Json(name = "idempotency_keys") @Nullable Boolean idempotencyKeys) implements WireResponse {
  @Override
  public void requireFields() {
    WireResponse.required(status, "status");
    WireResponse.required(sampleRate, "sample_rate");
    WireResponse.required(supportedLanguages, "supported_languages");
    WireResponse.required(limits, "limits");
    WireResponse.required(limits.maxTextChars(), "limits.max_text_chars");
    WireResponse.required(limits.maxInstructChars(), "limits.max_instruct_chars");
  }

  /**
   * Whether a repeated {@code POST} with the same key is answered without running again.
   *
   * @return true only when the service said so; false when the field is absent
   */
  public boolean honoursIdempotencyKeys() {
    return Boolean.TRUE.equals(idempotencyKeys);
  }

  /** The limits of one design call, in code points (schema {@code DesignLimits}). */
  public record Limits(
      @Json(name = "max_text_chars") Integer maxTextChars,
      @Json(name = "max_instruct_chars") Integer maxInstructChars) {}
}
