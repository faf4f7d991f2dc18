package dev.utter.transport;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import dev.utter.AuthenticationException;
import dev.utter.GenerationFailedException;
import dev.utter.InvalidRequestException;
import dev.utter.NotFoundException;
import dev.utter.ProviderUnavailableException;
import dev.utter.RateLimitedException;
import dev.utter.UtterException;
import dev.utter.UtterException.Details;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;

/** Maps error responses to the SDK's exceptions and decides which are worth retrying. */
final class HttpFailures {
  /** Statuses retried: the request did not start a generation, or the service asks to repeat it. */
  static final Set<Integer> RETRYABLE = Set.of(408, 429, 502, 503, 504);

  private static final int MAX_MESSAGE_CHARS = 500;
  private static final JsonAdapter<Map<String, Object>> ERROR_BODY =
      new Moshi.Builder().build().adapter(Types.newParameterizedType(Map.class, String.class, Object.class));

  private HttpFailures() {}

  /** The failure for a non-2xx response to {@code what} (e.g. "POST /clone"). */
  static ModalTransport.AttemptFailure of(String what, int status, String requestId, byte[] body, Duration retryAfter) {
    String detail = null;
    String code = null;
    String text = new String(body, StandardCharsets.UTF_8).strip();
    try {
      Map<String, Object> json = text.startsWith("{") ? ERROR_BODY.fromJson(text) : null;
      if (json != null) {
        Object d = json.get("detail");
        detail = d == null ? null : d instanceof String s ? s : ERROR_BODY.toJson(Map.of("detail", d));
        code = json.get("code") instanceof String c ? c : null;
      }
    } catch (java.io.IOException | RuntimeException e) {
      // Not JSON: fall back to the text below.
    }
    if (detail == null && !text.isEmpty() && isText(text)) {
      detail = text; // Modal's own proxy answers in plain text.
    }
    if (detail != null && detail.length() > MAX_MESSAGE_CHARS) {
      detail = detail.substring(0, MAX_MESSAGE_CHARS) + "…";
    }
    String message = what + " failed with HTTP " + status + (detail != null ? ": " + detail : "")
        + " (request id " + requestId + ")";
    Details details = Details.ofResponse(status, requestId, detail, code);
    UtterException error = switch (status) {
      case 401, 403 -> new AuthenticationException(message, details, null);
      case 404 -> new NotFoundException(message, details, null);
      case 429 -> new RateLimitedException(message, retryAfter, details, null);
      case 408, 502, 503, 504 -> new ProviderUnavailableException(message, details, null);
      default -> status >= 500
          ? (status == 500 ? new GenerationFailedException(message, details, null)
              : new ProviderUnavailableException(message, details, null))
          : new InvalidRequestException(message, details, null);
    };
    return new ModalTransport.AttemptFailure(error, RETRYABLE.contains(status), retryAfter);
  }

  /** The wait a response asked for: {@code Retry-After-Ms}, else {@code Retry-After} (seconds or a date). */
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
