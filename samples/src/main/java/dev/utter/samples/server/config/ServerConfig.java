package dev.utter.samples.server.config;

import dev.utter.ConfigurationException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How the server runs. Each setting comes from a flag, else its environment variable, else a default:
 *
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>Flag</th><th>Environment</th><th>Default</th></tr>
 *   <tr><td>{@code --port}</td><td>{@code UTTER_PORT}</td><td>8000 (0 picks a free port)</td></tr>
 *   <tr><td>{@code --bind}</td><td>{@code UTTER_BIND}</td><td>127.0.0.1</td></tr>
 *   <tr><td>{@code --data-dir}</td><td>{@code UTTER_DATA_DIR}</td><td>./data</td></tr>
 *   <tr><td>{@code --provider}</td><td>{@code UTTER_PROVIDER}, or the original app's
 *       {@code TTS_MOCK=true} / {@code TTS_PROVIDER=qwen|echo}</td><td>mock</td></tr>
 *   <tr><td></td><td>{@code UTTER_API_KEY}</td><td>unset: no authentication</td></tr>
 *   <tr><td></td><td>{@code UTTER_ALLOWED_HOSTS}</td><td>unset: only the bind address (and the loopback
 *       names for a loopback bind) is accepted as {@code Host}</td></tr>
 *   <tr><td></td><td>{@code UTTER_DATABASE_URL}, {@code UTTER_DATABASE_USER},
 *       {@code UTTER_DATABASE_PASSWORD}</td><td>unset: SQLite in the data directory; see {@link
 *       DatabaseSettings}</td></tr>
 * </table>
 *
 * <p>Flags take {@code --name value} or {@code --name=value}. The API key is read from the environment
 * only, so that it never shows in a process list. Immutable.
 *
 * @param apiKey the key clients must send on {@code /api/*}, or null for none
 * @param allowedHosts extra {@code Host} names the server answers to, lower case, each {@code name} (any
 *     port) or {@code name:port}, from the comma-separated {@code UTTER_ALLOWED_HOSTS}
 * @param database the shared PostgreSQL database, or null for SQLite at {@code <dataDir>/utter.db}
 */
public record ServerConfig(int port, String bind, Path dataDir, String providerId, String apiKey,
    List<String> allowedHosts, DatabaseSettings database) {
  public static final int DEFAULT_PORT = 8000;
  public static final String DEFAULT_BIND = "127.0.0.1";
  public static final String DEFAULT_DATA_DIR = "./data";
  public static final String DEFAULT_PROVIDER = "mock";

  public ServerConfig {
    Objects.requireNonNull(bind, "bind == null");
    Objects.requireNonNull(dataDir, "dataDir == null");
    Objects.requireNonNull(providerId, "providerId == null");
    allowedHosts = List.copyOf(Objects.requireNonNull(allowedHosts, "allowedHosts == null"));
    if (port < 0 || port > 65535) {
      throw new ConfigurationException("Port must be 0-65535, got " + port);
    }
  }

  /** Settings without extra allowed host names, on SQLite. */
  public ServerConfig(int port, String bind, Path dataDir, String providerId, String apiKey) {
    this(port, bind, dataDir, providerId, apiKey, List.of());
  }

  /** Settings on SQLite. */
  public ServerConfig(int port, String bind, Path dataDir, String providerId, String apiKey,
      List<String> allowedHosts) {
    this(port, bind, dataDir, providerId, apiKey, allowedHosts, null);
  }

  /** These settings on {@code database} (null: SQLite). */
  public ServerConfig withDatabase(DatabaseSettings database) {
    return new ServerConfig(port, bind, dataDir, providerId, apiKey, allowedHosts, database);
  }

  /** The settings from {@code args} and the process environment. */
  public static ServerConfig fromArgs(String[] args) {
    return parse(args, System.getenv());
  }

  /**
   * The settings from {@code args} and {@code env}.
   *
   * @throws ConfigurationException for an unknown flag, a flag without a value, or a bad port.
   */
  public static ServerConfig parse(String[] args, Map<String, String> env) {
    Objects.requireNonNull(args, "args == null");
    Objects.requireNonNull(env, "env == null");
    Map<String, String> flags = Flags.parse(args);
    String port = flags.getOrDefault("port", value(env, "UTTER_PORT").orElse(String.valueOf(DEFAULT_PORT)));
    String bind = flags.getOrDefault("bind", value(env, "UTTER_BIND").orElse(DEFAULT_BIND));
    String dataDir = flags.getOrDefault("data-dir", value(env, "UTTER_DATA_DIR").orElse(DEFAULT_DATA_DIR));
    String provider = flags.containsKey("provider") ? flags.get("provider") : providerFromEnv(env);
    try {
      return new ServerConfig(Integer.parseInt(port.strip()), bind.strip(), Path.of(dataDir),
          provider.strip(), value(env, "UTTER_API_KEY").orElse(null), allowedHosts(env),
          DatabaseSettings.fromEnv(env).orElse(null));
    } catch (NumberFormatException e) {
      throw new ConfigurationException("Port must be a number, got '" + port + "'");
    }
  }

  /** {@code UTTER_PROVIDER}, else the original app's {@code TTS_MOCK} and {@code TTS_PROVIDER}, else mock. */
  static String providerFromEnv(Map<String, String> env) {
    Optional<String> explicit = value(env, "UTTER_PROVIDER");
    if (explicit.isPresent()) {
      return explicit.get();
    }
    if (value(env, "TTS_MOCK").map(v -> v.equalsIgnoreCase("true")).orElse(false)) {
      return DEFAULT_PROVIDER;
    }
    return value(env, "TTS_PROVIDER").map(v -> switch (v.strip().toLowerCase(Locale.ROOT)) {
      case "qwen" -> "qwen-modal";
      case "echo" -> "echo-modal";
      default -> throw new ConfigurationException("TTS_PROVIDER must be qwen or echo, got '" + v + "'");
    }).orElse(DEFAULT_PROVIDER);
  }

  /** {@code UTTER_ALLOWED_HOSTS}: comma-separated names, trimmed and lower-cased; blanks are skipped. */
  static List<String> allowedHosts(Map<String, String> env) {
    return value(env, "UTTER_ALLOWED_HOSTS")
        .map(v -> Arrays.stream(v.split(","))
            .map(name -> name.strip().toLowerCase(Locale.ROOT))
            .filter(name -> !name.isEmpty())
            .toList())
        .orElse(List.of());
  }

  private static Optional<String> value(Map<String, String> env, String key) {
    return Optional.ofNullable(env.get(key)).filter(v -> !v.isBlank());
  }

  @Override
  public String toString() {
    return "ServerConfig[port=" + port + ", bind=" + bind + ", dataDir=" + dataDir + ", provider=" + providerId
        + ", apiKey=" + (apiKey == null ? "unset" : "set") + ", allowedHosts=" + allowedHosts
        + ", database=" + (database == null ? "sqlite" : database) + "]";
  }
}
