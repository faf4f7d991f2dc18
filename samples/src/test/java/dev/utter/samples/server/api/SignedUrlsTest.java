package dev.utter.samples.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class SignedUrlsTest {
  private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
  private static final String PATH = "/uploads/generated/0b7f7e4e-54d9-4a57-9d4c-2f5b5b0e8d11.wav";

  @Test
  void aSignedUrlWorksForAnHourOnItsPathForGetAndHead() {
    Map<String, String> query = query(SignedUrls.forKey("key", at(T0)).sign(PATH).orElseThrow());
    SignedUrls later = SignedUrls.forKey("key", at(T0.plus(SignedUrls.LIFETIME)));
    assertTrue(later.allows("GET", PATH, query.get("expires"), query.get("signature")));
    assertTrue(later.allows("HEAD", PATH, query.get("expires"), query.get("signature")));
    assertFalse(later.allows("DELETE", PATH, query.get("expires"), query.get("signature")));
    assertFalse(later.allows("GET", PATH.replace("0b7f", "1b7f"), query.get("expires"), query.get("signature")));
    assertFalse(later.allows("GET", PATH, String.valueOf(Long.parseLong(query.get("expires")) + 1),
        query.get("signature")));
    SignedUrls expired = SignedUrls.forKey("key", at(T0.plus(SignedUrls.LIFETIME).plusSeconds(1)));
    assertFalse(expired.allows("GET", PATH, query.get("expires"), query.get("signature")));
  }

  @Test
  void anotherKeyOrAMangledSignatureIsRefused() {
    Map<String, String> query = query(SignedUrls.forKey("key", at(T0)).sign(PATH).orElseThrow());
    String expires = query.get("expires");
    String signature = query.get("signature");
    assertFalse(SignedUrls.forKey("other key", at(T0)).allows("GET", PATH, expires, signature));
    SignedUrls same = SignedUrls.forKey("key", at(T0));
    assertFalse(same.allows("GET", PATH, expires, signature.substring(1)));
    assertFalse(same.allows("GET", PATH, expires, ""));
    assertFalse(same.allows("GET", PATH, expires, null));
    assertFalse(same.allows("GET", PATH, "1e9", signature));
    assertFalse(same.allows("GET", PATH, "9".repeat(40), signature));
  }

  @Test
  void withoutAKeyNothingIsSignedOrAllowed() {
    SignedUrls none = SignedUrls.forKey(null, at(T0));
    assertEquals(Optional.empty(), none.sign(PATH));
    assertFalse(none.allows("GET", PATH, String.valueOf(T0.getEpochSecond() + 60), "x"));
  }

  private static Clock at(Instant instant) {
    return Clock.fixed(instant, ZoneOffset.UTC);
  }

  private static Map<String, String> query(String url) {
    URI uri = URI.create(url);
    assertEquals(PATH, uri.getPath());
    return Stream.of(uri.getRawQuery().split("&"))
        .map(pair -> pair.split("=", 2))
        .collect(Collectors.toMap(pair -> pair[0], pair -> pair[1]));
  }
}
