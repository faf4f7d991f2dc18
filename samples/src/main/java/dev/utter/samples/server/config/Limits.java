package dev.utter.samples.server.config;

import dev.utter.ConfigurationException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How much work the server takes on at once, from the environment:
 *
 * <table>
 *   <caption>Limits</caption>
 *   <tr><th>Environment</th><th>Default</th><th>Bounds</th></tr>
 *   <tr><td>{@code UTTER_TASK_CONCURRENCY}</td><td>2</td><td>background tasks generating at once; the rest wait in line</td></tr>
 *   <tr><td>{@code UTTER_TASK_QUEUE_LIMIT}</td><td>500</td><td>tasks waiting in line; one more is refused with 503</td></tr>
 *   <tr><td>{@code UTTER_SYNC_CONCURRENCY}</td><td>4</td><td>synchronous {@code /api/generate} calls at once; one more is refused with 503</td></tr>
 *   <tr><td>{@code UTTER_VOICE_CACHE_MB}</td><td>64</td><td>reference audio kept in memory for reuse, in MiB</td></tr>
 * </table>
 *
 * <p>Immutable.
 *
 * @param retryAfter what a refused client is told to wait ({@code Retry-After})
 */
public record Limits(int taskConcurrency, int taskQueueLimit, int syncConcurrency, long voiceCacheBytes,
    Duration retryAfter) {
  public static final int DEFAULT_TASK_CONCURRENCY = 2;
  public static final int DEFAULT_TASK_QUEUE_LIMIT = 500;
  public static final int DEFAULT_SYNC_CONCURRENCY = 4;
  public static final int DEFAULT_VOICE_CACHE_MB = 64;
  public static final Duration RETRY_AFTER = Duration.ofSeconds(5);
  /** The defaults above. */
  public static final Limits DEFAULTS = new Limits(DEFAULT_TASK_CONCURRENCY, DEFAULT_TASK_QUEUE_LIMIT,
      DEFAULT_SYNC_CONCURRENCY, DEFAULT_VOICE_CACHE_MB * 1024L * 1024L, RETRY_AFTER);

  public Limits {
    Objects.requireNonNull(retryAfter, "retryAfter == null");
    if (taskConcurrency < 1 || syncConcurrency < 1 || taskQueueLimit < 0 || voiceCacheBytes < 0) {
      throw new ConfigurationException("Limits out of range: " + taskConcurrency + " tasks, " + taskQueueLimit
          + " waiting, " + syncConcurrency + " synchronous, " + voiceCacheBytes + " cache bytes");
    }
  }

  /** The limits from the process environment. */
  public static Limits fromEnv() {
    return parse(System.getenv());
  }

  /**
   * The limits from {@code env}, defaults where unset.
   *
   * @throws ConfigurationException for a value that is not a whole number in range, naming the variable.
   */
  public static Limits parse(Map<String, String> env) {
    Objects.requireNonNull(env, "env == null");
    return new Limits(
        number(env, "UTTER_TASK_CONCURRENCY", DEFAULT_TASK_CONCURRENCY, 1),
        number(env, "UTTER_TASK_QUEUE_LIMIT", DEFAULT_TASK_QUEUE_LIMIT, 0),
        number(env, "UTTER_SYNC_CONCURRENCY", DEFAULT_SYNC_CONCURRENCY, 1),
        number(env, "UTTER_VOICE_CACHE_MB", DEFAULT_VOICE_CACHE_MB, 0) * 1024L * 1024L,
        RETRY_AFTER);
  }

  private static int number(Map<String, String> env, String name, int fallback, int min) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(value.strip());
      if (n >= min) {
        return n;
      }
    } catch (NumberFormatException e) {
      // Reported below.
    }
    throw new ConfigurationException(name + " must be a whole number of at least " + min + ", got '" + value + "'");
  }
}
