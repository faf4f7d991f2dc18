package dev.utter.samples.server;

import dev.utter.samples.server.config.Limits;
import dev.utter.samples.server.config.ServerConfig;
import dev.utter.spi.TtsProvider;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Every test of {@link ApiTest} again, on a real PostgreSQL server ({@link PostgresCluster}) instead of
 * the SQLite file: a new empty database for each test, the data directory as before.
 */
class ApiOnPostgresTest extends ApiTest {
  private static PostgresCluster cluster;

  @BeforeAll
  static void startPostgres() {
    cluster = PostgresCluster.start();
  }

  @AfterAll
  static void stopPostgres() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Override
  TestServer startServer(Duration latency, UnaryOperator<TtsProvider> wrap) {
    ServerConfig config = new ServerConfig(0, "127.0.0.1", dataDir, "mock", null)
        .withDatabase(cluster.newDatabase(Duration.ofSeconds(10)));
    return TestServer.start(config, latency, Limits.DEFAULTS, wrap);
  }

  @Override
  boolean databaseInDataDir() {
    return false;
  }
}
