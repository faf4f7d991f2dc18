package dev.utter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.utter.UtterException.Details;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class ExceptionsTest {
  private static final Details RESPONSE = Details.ofResponse(503, "req-1", "model loading", "busy");

  private static List<UtterException> oneOfEachKind() {
    return List.of(
        new InvalidRequestException("bad", RESPONSE, null),
        new AuthenticationException("bad", RESPONSE, null),
        new NotFoundException("bad", RESPONSE, null),
        new RateLimitedException("bad", Duration.ofSeconds(3), RESPONSE, null),
        new ProviderUnavailableException("bad", RESPONSE, null),
        new GenerationFailedException("bad", RESPONSE, null),
        new ConfigurationException("bad", RESPONSE, null));
  }

  @Test
  void atChunkKeepsTypeStatusAndDetailsAndNamesTheChunk() {
    for (UtterException original : oneOfEachKind()) {
      UtterException copy = original.atChunk(2, 5);
      assertEquals(original.getClass(), copy.getClass());
      assertEquals(503, copy.status());
      assertEquals(Optional.of("req-1"), copy.requestId());
      assertEquals(Optional.of("model loading"), copy.serverMessage());
      assertEquals(Optional.of("busy"), copy.code());
      assertEquals(OptionalInt.of(2), copy.chunkIndex());
      assertEquals("Chunk 3 of 5 failed: bad", copy.getMessage());
      assertSame(original, copy.getCause());
    }
  }

  @Test
  void onlyRateLimitsAndUnavailableProvidersAreWorthRetryingAtChunkToo() {
    for (UtterException e : oneOfEachKind()) {
      boolean expected = e instanceof RateLimitedException || e instanceof ProviderUnavailableException;
      assertEquals(expected, e.retryable(), e.getClass().getSimpleName());
      assertEquals(expected, e.atChunk(1, 3).retryable(), e.getClass().getSimpleName() + " at a chunk");
    }
    assertEquals(false, new dev.utter.audio.AudioFormatException("cut short").retryable());
  }

  @Test
  void atChunkKeepsRetryAfter() {
    RateLimitedException e = new RateLimitedException("slow down", Duration.ofSeconds(3), RESPONSE, null);
    assertEquals(Optional.of(Duration.ofSeconds(3)), e.atChunk(0, 1).retryAfter());
  }

  @Test
  void detailsOfAResponseCarryItsParts() {
    for (UtterException e : oneOfEachKind()) {
      assertEquals(503, e.status());
      assertEquals(OptionalInt.empty(), e.chunkIndex());
    }
  }

  @Test
  void localFailuresHaveNoStatusAndOnlyACode() {
    UtterException e = new InvalidRequestException("bad", Details.ofCode("invalid_text"), null);
    assertEquals(0, e.status());
    assertEquals(Optional.of("invalid_text"), e.code());
    assertEquals(Optional.empty(), e.requestId());
    assertEquals(Optional.empty(), e.serverMessage());
  }

  @Test
  void messageOnlyConstructorsHaveNoDetails() {
    List<UtterException> plain = List.of(new InvalidRequestException("x"), new AuthenticationException("x"),
        new NotFoundException("x"), new ProviderUnavailableException("x"), new GenerationFailedException("x"),
        new ConfigurationException("x"));
    for (UtterException e : plain) {
      assertEquals(0, e.status());
      assertEquals(Optional.empty(), e.code());
      assertEquals(OptionalInt.empty(), e.chunkIndex());
    }
  }
}
