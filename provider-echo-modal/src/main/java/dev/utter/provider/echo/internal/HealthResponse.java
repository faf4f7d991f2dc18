package dev.utter.provider.echo.internal;

import com.squareup.moshi.Json;
import com.squareup.moshi.JsonDataException;
import dev.utter.transport.internal.Nullable;

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
    @Json(name = "idempotency_keys") @Nullable Boolean idempotencyKeys) {
  public HealthResponse {
    if (status == null) {
      throw new JsonDataException("status is missing");
    }
  }

  /** Whether a repeated {@code POST} with the same key is answered without running again. */
  public boolean honoursIdempotencyKeys() {
    return Boolean.TRUE.equals(idempotencyKeys);
  }
}
