package dev.utter.samples.server.api;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Short-lived signed URLs for stored files, for a server with an API key: an {@code <audio>} element
 * or a download link cannot send the key in a header, so the API hands out
 * {@code PATH?expires=EPOCH_SECONDS&signature=SIG}, good for {@link #LIFETIME} for a {@code GET} or
 * {@code HEAD} of that path only. SIG is the URL-safe base64 HMAC-SHA256 of {@code PATH + "\n" +
 * EPOCH_SECONDS} under a secret derived from the key (HMAC-SHA256 of a fixed label under the key), so
 * every instance with the same key accepts the URLs of the others and changing the key revokes them
 * all. Signatures compare in constant time. Without a key there is nothing to sign and
 * {@link #sign(String)} answers empty. Immutable and thread-safe.
 */
final class SignedUrls {
  /** How long a signed URL works. */
  static final Duration LIFETIME = Duration.ofHours(1);
  private static final String ALGORITHM = "HmacSHA256";
  private static final byte[] LABEL = "utter signed file URLs v1".getBytes(StandardCharsets.UTF_8);

  private final byte[] secret;
  private final Clock clock;

  private SignedUrls(byte[] secret, Clock clock) {
    this.secret = secret;
    this.clock = clock;
  }

  /** Signed URLs under {@code apiKey}, or none when it is null. */
  static SignedUrls forKey(String apiKey, Clock clock) {
    Objects.requireNonNull(clock, "clock == null");
    return new SignedUrls(apiKey == null ? null : hmac(apiKey.getBytes(StandardCharsets.UTF_8), LABEL), clock);
  }

  /** {@code path} with an expiry and signature, or empty when the server has no key. */
  Optional<String> sign(String path) {
    if (secret == null) {
      return Optional.empty();
    }
    long expires = clock.instant().plus(LIFETIME).getEpochSecond();
    return Optional.of(path + "?expires=" + expires + "&signature=" + signature(path, expires));
  }

  /** Whether {@code ctx} is a GET or HEAD whose {@code expires} and {@code signature} are valid for its path now. */
  boolean allows(Context ctx) {
    return allows(ctx.method().name(), ctx.path(), ctx.queryParam("expires"), ctx.queryParam("signature"));
  }

  /** Whether a request {@code method path?expires=expires&signature=sent} may read the file now. */
  boolean allows(String method, String path, String expires, String sent) {
    if (secret == null || !(method.equals("GET") || method.equals("HEAD")) || expires == null || sent == null
        || !expires.matches("\\d{1,12}")) {
      return false;
    }
    long expiry = Long.parseLong(expires);
    if (clock.instant().getEpochSecond() > expiry) {
      return false;
    }
    return MessageDigest.isEqual(signature(path, expiry).getBytes(StandardCharsets.US_ASCII),
        sent.getBytes(StandardCharsets.US_ASCII));
  }

  private String signature(String path, long expires) {
    byte[] mac = hmac(secret, (path + "\n" + expires).getBytes(StandardCharsets.UTF_8));
    return Base64.getUrlEncoder().withoutPadding().encodeToString(mac);
  }

  private static byte[] hmac(byte[] key, byte[] data) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(key, ALGORITHM));
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
    }
  }
}
