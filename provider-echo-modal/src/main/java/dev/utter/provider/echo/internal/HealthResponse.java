package dev.utter.provider.echo.internal;

import com.squareup.moshi.Json;
import dev.utter.transport.internal.Nullable;
import dev.utter.transport.internal.WireResponse;

/**
 * {@code GET /health} of the Echo service (schema {@code HealthResponse}).
 *
 * @param idempotencyKeys true when the service honours {@code Idempotency-Key} (absent: it does not)
 */
public record HealthResponse(
    String status,
    @Nullable String model,
    @Nullable String gpu,
    @Json(name = "api_version") @Nullable String apiVersion,
    @Nullable String engine,
    @Json(name = "sample_rate") @Nullable Integer sampleRate,
    @Json(name = "idempotency_keys") @Nullable Boolean idempotencyKeys) implements WireResponse {
  @Override
  public void requireFields() {
    WireResponse.required(status, "status");
  }

  /** Whether a repeated {@code POST} with the same key is answered without running again. */
  public boolean honoursIdempotencyKeys() {
    return Boolean.TRUE.equals(idempotencyKeys);
  }
}
