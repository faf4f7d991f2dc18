package dev.utter.samples.server.config;

import dev.utter.ConfigurationException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the server keeps its rows when it is not the embedded SQLite file: a PostgreSQL server shared by
 * every instance, from {@code UTTER_DATABASE_URL} (a JDBC URL, {@code jdbc:postgresql://HOST:PORT/DB}),
 * {@code UTTER_DATABASE_USER} and {@code UTTER_DATABASE_PASSWORD}. {@code UTTER_DATABASE_WAIT_SECONDS}
 * (60) bounds how long start-up waits for the server to accept connections. Immutable; {@link #toString()}
 * never shows the password.
 *
 * @param user the user name, or null to let the driver take it from the URL
 * @param password the password, or null
 * @param startupWait how long start-up retries a database that refuses connections before it gives up
 */
public record DatabaseSettings(String url, String user, String password, Duration startupWait) {
  public static final Duration DEFAULT_STARTUP_WAIT = Duration.ofSeconds(60);

  public DatabaseSettings {
    Objects.requireNonNull(url, "url == null");
    Objects.requireNonNull(startupWait, "startupWait == null");
    if (!url.startsWith("jdbc:postgresql:")) {
      throw new ConfigurationException("UTTER_DATABASE_URL must be a PostgreSQL JDBC URL"
          + " (jdbc:postgresql://HOST:PORT/DB), got '" + hidePassword(url) + "'");
    }
    if (startupWait.isNegative()) {
      throw new ConfigurationException("UTTER_DATABASE_WAIT_SECONDS must not be negative");
    }
  }

  /** The settings in {@code env}; empty when {@code UTTER_DATABASE_URL} is unset (SQLite in the data directory). */
  public static Optional<DatabaseSettings> fromEnv(Map<String, String> env) {
    Objects.requireNonNull(env, "env == null");
    Optional<String> url = value(env, "UTTER_DATABASE_URL");
    if (url.isEmpty()) {
      return Optional.empty();
    }
    Duration wait = value(env, "UTTER_DATABASE_WAIT_SECONDS").map(v -> {
      try {
        return Duration.ofSeconds(Long.parseLong(v.strip()));
      } catch (NumberFormatException e) {
        throw new ConfigurationException("UTTER_DATABASE_WAIT_SECONDS must be a whole number, got '" + v + "'");
      }
    }).orElse(DEFAULT_STARTUP_WAIT);
    return Optional.of(new DatabaseSettings(url.get().strip(), value(env, "UTTER_DATABASE_USER").orElse(null),
        value(env, "UTTER_DATABASE_PASSWORD").orElse(null), wait));
  }

  /** The URL without any password in it, for messages. */
  public String displayUrl() {
    return hidePassword(url);
  }

  private static String hidePassword(String url) {
    return url.replaceAll("(?i)password=[^&]*", "password=***");
  }

  private static Optional<String> value(Map<String, String> env, String key) {
    return Optional.ofNullable(env.get(key)).filter(v -> !v.isBlank());
  }

  @Override
  public String toString() {
    return "DatabaseSettings[url=" + displayUrl() + ", user=" + user + ", password="
        + (password == null ? "unset" : "set") + ", startupWait=" + startupWait + "]";
  }
}
