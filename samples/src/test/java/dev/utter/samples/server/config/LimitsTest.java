package dev.utter.samples.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.utter.ConfigurationException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LimitsTest {
  @Test
  void defaultsWhenUnset() {
    assertEquals(new Limits(2, 500, 4, 64L * 1024 * 1024, Duration.ofSeconds(5)), Limits.parse(Map.of()));
    assertEquals(Limits.DEFAULTS, Limits.parse(Map.of("UTTER_TASK_CONCURRENCY", " ")));
  }

  @Test
  void environmentSetsEachLimit() {
    Limits limits = Limits.parse(Map.of("UTTER_TASK_CONCURRENCY", "3", "UTTER_TASK_QUEUE_LIMIT", "0",
        "UTTER_SYNC_CONCURRENCY", " 8 ", "UTTER_VOICE_CACHE_MB", "1"));
    assertEquals(new Limits(3, 0, 8, 1024 * 1024, Limits.RETRY_AFTER), limits);
  }

  @Test
  void aBadValueNamesItsVariable() {
    ConfigurationException zero = assertThrows(ConfigurationException.class,
        () -> Limits.parse(Map.of("UTTER_TASK_CONCURRENCY", "0")));
    assertEquals("UTTER_TASK_CONCURRENCY must be a whole number of at least 1, got '0'", zero.getMessage());
    ConfigurationException word = assertThrows(ConfigurationException.class,
        () -> Limits.parse(Map.of("UTTER_SYNC_CONCURRENCY", "many")));
    assertEquals("UTTER_SYNC_CONCURRENCY must be a whole number of at least 1, got 'many'", word.getMessage());
  }
}
