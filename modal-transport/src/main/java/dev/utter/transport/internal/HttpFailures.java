package dev.utter.transport.internal;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import dev.utter.AuthenticationException;
import dev.utter.GenerationFailedException;
import dev.utter.InvalidRequestException;
import dev.utter.NotFoundException;
import dev.utter.ProviderUnavailableException;
import dev.utter.RateLimitedException;
import dev.utter.UtterException;
import dev.utter.UtterException.Details;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * The one place error responses become the SDK's typed exceptions, each carrying the status, the
 * request id, the server's message ({@code detail}, or a plain-text body such as Modal's proxy sends,
 * cut at 500 characters) and its {@code code}: 401/403 {@link AuthenticationException}, 404
 * {@link NotFoundException}, 429 {@link RateLimitedException} (with its {@code Retry-After}), 408, 502,
 * 503, 504 and other 5xx but 500 {@link ProviderUnavailableException}, 500
 * {@link GenerationFailedException}, other 4xx {@link InvalidRequestException}.
 */
final class HttpFailures {
  private static final int MAX_MESSAGE_CHARS = 500;
  private static final Moshi MOSHI = new Moshi.Builder().build();
  private static final JsonAdapter<ErrorBody> ERROR_BODY = MOSHI.adapter(ErrorBody.class);

  private HttpFailures() {}

  /** The exception for a non-2xx response to {@code what} (e.g. "POST /clone"). */
  static UtterException of(String what, int status, String requestId, byte[] body, Duration retryAfter) {
    String detail = null;
    String code = null;
    String text = new String(body, StandardCharsets.UTF_8).strip();
    if (text.startsWith("{")) {
      try {
        ErrorBody error = ERROR_BODY.fromJson(text);
        if (error != null) {
          detail = error.detail() == null ? null
              : error.detail() instanceof String s ? s : MOSHI.adapter(Object.class).toJson(error.detail());
          code = error.code();
        }
      } catch (IOException | RuntimeException notTheErrorShape) {
        // Fall back to the text below.
      }
    }
    if (detail == null && !text.isEmpty() && isText(text)) {
      detail = text;
    }
    if (detail != null && detail.length() > MAX_MESSAGE_CHARS) {
      detail = detail.substring(0, MAX_MESSAGE_CHARS) + "…";
    }
    String message = what + " failed with HTTP " + status + (detail != null ? ": " + detail : "")
        + " (request id " + requestId + ")";
    Details details = Details.ofResponse(status, requestId, detail, code);
    return switch (status) {
      case 401, 403 -> new AuthenticationException(message, details, null);
      case 404 -> new NotFoundException(message, details, null);
      case 429 -> new RateLimitedException(message, retryAfter, details, null);
      case 500 -> new GenerationFailedException(message, details, null);
      default -> status >= 500 || status == 408 ? new ProviderUnavailableException(message, details, null)
          : new InvalidRequestException(message, details, null);
    };
  }

  /** The wait a response asked for: {@code Retry-After-Ms}, else {@code Retry-After} (seconds or a date); or null. */
  static Duration retryAfter(String retryAfterMs, String retryAfter, Clock clock) {
    if (retryAfterMs != null) {
      try {
        return Duration.ofMillis(Math.max(0, (long) Double.parseDouble(retryAfterMs.strip())));
      } catch (NumberFormatException ignored) {
        // Fall through to Retry-After.
      }
    }
    if (retryAfter == null) {
      return null;
    }
    String value = retryAfter.strip();
    try {
      return Duration.ofMillis(Math.max(0, Math.round(Double.parseDouble(value) * 1000)));
    } catch (NumberFormatException notSeconds) {
      try {
        Duration until = Duration.between(clock.instant(),
            ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        return until.isNegative() ? Duration.ZERO : until;
      } catch (DateTimeParseException notADate) {
        return null;
      }
    }
  }

  private static boolean isText(String s) {
    return s.chars().limit(200).allMatch(c -> c >= 0x20 || c == '\n' || c == '\r' || c == '\t');
  }
}
