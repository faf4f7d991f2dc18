package dev.utter.samples.server;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.utter.samples.server.config.DatabaseSettings;
import dev.utter.samples.server.config.ServerConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark row of "Run several instances": generations per second of background tasks with one and
 * with two instances on one PostgreSQL server, on the mock at 200 ms a call, the tasks spread over the
 * instances as a load balancer would. Written to {@code target/instances-throughput.md}. The work is
 * waiting on the provider, so a second instance's workers should nearly double it; the assertion only
 * asks for 1.5 times, to hold on a busy machine.
 */
class InstancesThroughputTest {
  private static final Duration LATENCY = Duration.ofMillis(200);
  private static final int TASKS = 40;
  private static PostgresCluster cluster;

  @TempDir Path shared;

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

  @Test
  void twoInstancesGenerateAboutTwiceAsFastAsOne() throws IOException {
    double one = generationsPerSecond(1);
    double two = generationsPerSecond(2);
    String row = String.format(Locale.ROOT, "| background generations/s, mock 200 ms a call, %d tasks, 2 workers an instance"
        + " | 1 instance: %.2f | 2 instances: %.2f | ratio %.2f |%n", TASKS, one, two, two / one);
    Files.writeString(Path.of("target", "instances-throughput.md"), row);
    System.out.print(row);
    assertTrue(two / one >= 1.5, row);
  }

  private double generationsPerSecond(int instances) {
    DatabaseSettings database = cluster.newDatabase(Duration.ofSeconds(10));
    Path dir = shared.resolve("instances-" + instances);
    List<TestServer> servers = new ArrayList<>();
    try {
      for (int i = 0; i < instances; i++) {
        servers.add(TestServer.start(new ServerConfig(0, "127.0.0.1", dir, "mock", null).withDatabase(database), LATENCY));
      }
      String voiceId = servers.get(0).cloneVoice("Ada");
      List<String> ids = new ArrayList<>();
      long start = System.nanoTime();
      for (int i = 0; i < TASKS; i++) {
        ids.add(servers.get(i % instances).submitTask(voiceId, "Task number " + i + " is short."));
      }
      TestServer any = servers.get(0);
      Polling.await("every task completed", Duration.ofSeconds(120),
          () -> ids.stream().allMatch(id -> any.taskStatus(id).equals("completed")));
      return TASKS / ((System.nanoTime() - start) / 1e9);
    } finally {
      servers.forEach(TestServer::close);
    }
  }
}
