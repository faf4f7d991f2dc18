package dev.utter.samples.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.utter.ConfigurationException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServerConfigTest {
  @Test
  void defaultsMatchTheOriginalApp() {
    ServerConfig config = ServerConfig.parse(new String[0], Map.of());
    assertEquals(8000, config.port());
    assertEquals("127.0.0.1", config.bind());
    assertEquals(Path.of("./data"), config.dataDir());
    assertEquals("mock", config.providerId());
    assertNull(config.apiKey());
  }

  @Test
  void environmentSetsEverything() {
    ServerConfig config = ServerConfig.parse(new String[0], Map.of("UTTER_PORT", "9001", "UTTER_BIND", "0.0.0.0",
        "UTTER_DATA_DIR", "/tmp/u", "UTTER_PROVIDER", "qwen-modal", "UTTER_API_KEY", "k"));
    assertEquals(new ServerConfig(9001, "0.0.0.0", Path.of("/tmp/u"), "qwen-modal", "k"), config);
  }

  @Test
  void flagsWinOverEnvironment() {
    ServerConfig config = ServerConfig.parse(
        new String[] {"--port", "9002", "--bind=::1", "--data-dir", "d", "--provider", "echo-modal"},
        Map.of("UTTER_PORT", "9001", "UTTER_PROVIDER", "mock"));
    assertEquals(new ServerConfig(9002, "::1", Path.of("d"), "echo-modal", null), config);
  }

  @Test
  void legacyTtsProviderNamesMapToProviderIds() {
    assertEquals("qwen-modal", ServerConfig.parse(new String[0], Map.of("TTS_PROVIDER", "qwen")).providerId());
    assertEquals("echo-modal", ServerConfig.parse(new String[0], Map.of("TTS_PROVIDER", "echo")).providerId());
    assertEquals("mock", ServerConfig.parse(new String[0], Map.of("TTS_PROVIDER", "qwen", "TTS_MOCK", "true"))
        .providerId());
    assertEquals("qwen-modal", ServerConfig.parse(new String[0],
        Map.of("TTS_MOCK", "true", "UTTER_PROVIDER", "qwen-modal")).providerId());
  }

  @Test
  void badValuesAreConfigurationErrors() {
    assertThrows(ConfigurationException.class, () -> ServerConfig.parse(new String[] {"--port", "x"}, Map.of()));
    assertThrows(ConfigurationException.class, () -> ServerConfig.parse(new String[] {"--port", "70000"}, Map.of()));
    assertThrows(ConfigurationException.class, () -> ServerConfig.parse(new String[] {"--nope", "1"}, Map.of()));
    assertThrows(ConfigurationException.class, () -> ServerConfig.parse(new String[] {"--port"}, Map.of()));
    assertThrows(ConfigurationException.class, () -> ServerConfig.parse(new String[0], Map.of("TTS_PROVIDER", "x")));
  }

  @Test
  void allowedHostsAreCommaSeparatedTrimmedAndLowerCase() {
    assertEquals(List.of("utter.example", "proxy.example:8443"), ServerConfig.parse(new String[0],
        Map.of("UTTER_ALLOWED_HOSTS", " Utter.Example,, proxy.example:8443 ,")).allowedHosts());
    assertEquals(List.of(), ServerConfig.parse(new String[0], Map.of("UTTER_ALLOWED_HOSTS", " ")).allowedHosts());
    assertEquals(List.of(), ServerConfig.parse(new String[0], Map.of()).allowedHosts());
  }

  @Test
  void toStringHidesTheApiKey() {
    String text = new ServerConfig(1, "h", Path.of("d"), "mock", "top-secret").toString();
    assertEquals(-1, text.indexOf("top-secret"));
  }

  @Test
  void aDatabaseUrlSelectsPostgresAndNeverShowsThePassword() {
    ServerConfig config = ServerConfig.parse(new String[0], Map.of("UTTER_DATABASE_URL",
        "jdbc:postgresql://db:5432/utter", "UTTER_DATABASE_USER", "u", "UTTER_DATABASE_PASSWORD", "pw-123",
        "UTTER_DATABASE_WAIT_SECONDS", "7"));
    assertEquals(new DatabaseSettings("jdbc:postgresql://db:5432/utter", "u", "pw-123", java.time.Duration.ofSeconds(7)),
        config.database());
    assertFalse(config.toString().contains("pw-123"), config.toString());
    assertNull(ServerConfig.parse(new String[0], Map.of()).database(), "unset: SQLite in the data directory");
  }

  @Test
  void aDatabaseUrlThatIsNotPostgresIsRefusedWithoutItsPassword() {
    ConfigurationException e = assertThrows(ConfigurationException.class, () -> ServerConfig.parse(new String[0],
        Map.of("UTTER_DATABASE_URL", "jdbc:mysql://db/utter?password=hunter2")));
    assertTrue(e.getMessage().startsWith("UTTER_DATABASE_URL must be a PostgreSQL JDBC URL"), e.getMessage());
    assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    assertThrows(ConfigurationException.class, () -> ServerConfig.parse(new String[0],
        Map.of("UTTER_DATABASE_URL", "jdbc:postgresql://db/utter", "UTTER_DATABASE_WAIT_SECONDS", "soon")));
  }
}
