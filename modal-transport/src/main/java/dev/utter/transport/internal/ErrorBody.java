package dev.utter.transport.internal;

/**
 * The error body of the services, {@code {"detail": ..., "code": ...}}: {@code detail} is a string,
 * or for FastAPI's 422 validation errors a list of objects; {@code code} is machine-readable and
 * absent from the original deployment's errors.
 *
 * @param detail a {@code String}, or a {@code List} or {@code Map} as Moshi reads them; may be null
 * @param code may be null
 */
public record ErrorBody(Object detail, String code) {}
