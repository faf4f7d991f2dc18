package dev.utter.samples.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.utter.provider.mock.CallRecorder;
import dev.utter.samples.server.config.DatabaseSettings;
import dev.utter.samples.server.config.ServerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import okhttp3.Request;
import okhttp3.Response;
import okio.BufferedSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several server instances on one real PostgreSQL server ({@link PostgresCluster}) and one shared data
 * directory, as behind a load balancer without sticky sessions: one user base and one line of tasks
 * whichever instance answers, jobs of a killed instance finished by another exactly once, cancel from
 * any instance, health of the database and storage, and start-up waiting for a database that comes late.
 */
class PostgresInstancesTest {
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

  private TestServer instance(DatabaseSettings database, Duration latency) {
    return TestServer.start(new ServerConfig(0, "127.0.0.1", shared, "mock", null).withDatabase(database), latency);
  }

  @Test
  void requestsAlternatingBetweenInstancesSeeOneUserBaseAndOneTask() throws IOException {
    DatabaseSettings database = cluster.newDatabase(Duration.ofSeconds(10));
    try (TestServer a = instance(database, Duration.ofMillis(100));
         TestServer b = instance(database, Duration.ofMillis(100))) {
      String voiceId = a.cloneVoice("Ada");
      assertEquals(voiceId, onlyVoiceId(b));

      String taskId = a.submitTask(voiceId, longText(8));
      List<String> seen = new ArrayList<>();
      try (Response events = b.http.newCall(new Request.Builder().url(b.base + "/api/tasks/" + taskId + "/events")
          .header("Accept", "text/event-stream").build()).execute()) {
        assertEquals(200, events.code());
        BufferedSource source = events.body().source();
        String line;
        while ((line = source.readUtf8Line()) != null) {
          if (line.startsWith("event:")) {
            seen.add(line.substring(6).strip());
            // Meanwhile the other instance answers about the same task.
            assertTrue(Set.of("pending", "processing", "completed").contains(a.taskStatus(taskId)));
          }
        }
      }
      assertEquals("completed", seen.get(seen.size() - 1), seen.toString());
      assertTrue(seen.contains("progress"), seen.toString());

      Map<String, Object> onA = a.get("/api/tasks/" + taskId).json();
      Map<String, Object> onB = b.get("/api/tasks/" + taskId).json();
      assertEquals(onA.get("result"), onB.get("result"));
      String audioUrl = (String) ((Map<?, ?>) onB.get("result")).get("audio_url");
      assertEquals(200, a.get(audioUrl).code());
      assertEquals(200, b.get(audioUrl).code());
      assertEquals(a.get("/api/generations").json(), b.get("/api/generations").json());

      assertEquals(200, b.delete("/api/voices/" + voiceId).code());
      assertEquals(List.of(), a.get("/api/voices").json().get("voices"));
      assertEquals(404, a.get("/api/tasks/" + taskId).code());
    }
  }

  @Test
  void jobsOfAKilledInstanceAreFinishedByTheOtherExactlyOnce() throws Exception {
    DatabaseSettings database = cluster.newDatabase(Duration.ofSeconds(10));
    Map<String, String> env = childEnv(database);
    List<String> taskIds = new ArrayList<>();
    try (ChildServer a = ChildServer.start(shared, env)) {
      String voiceId = a.cloneVoice("Ada");
      for (int i = 0; i < 20; i++) {
        taskIds.add(a.submitTask(voiceId, "Task " + i + ". " + longText(3)));
      }
      Polling.await("A mid-way: some tasks done, some running", Duration.ofSeconds(60),
          () -> count(database, "SELECT COUNT(*) FROM generation_tasks WHERE status = 'completed'") >= 1
              && count(database, "SELECT COUNT(*) FROM generation_tasks WHERE status = 'processing'") >= 1);
      a.kill();
    }
    int unfinishedAtKill = count(database, "SELECT COUNT(*) FROM generation_tasks WHERE status IN ('pending', 'processing')");
    assertTrue(unfinishedAtKill > 0);

    try (ChildServer b = ChildServer.start(shared, env)) {
      Polling.await("every task final", Duration.ofSeconds(120), () -> taskIds.stream()
          .allMatch(id -> Set.of("completed", "failed", "cancelled").contains(b.taskStatus(id))));
      for (String id : taskIds) {
        assertEquals("completed", b.taskStatus(id), b.get("/api/tasks/" + id).body());
      }
    }
    assertTrue(count(database, "SELECT COUNT(*) FROM generation_tasks WHERE attempts > 1") >= 1,
        "at least one job was taken over after its lease ran out");
    assertEquals(20, count(database, "SELECT COUNT(*) FROM generations"));
    assertEquals(20, count(database, "SELECT COUNT(DISTINCT task_id) FROM generations"));
    assertEquals(0, count(database, "SELECT COUNT(*) FROM generation_tasks t WHERE t.generation_id IS NULL"
        + " OR NOT EXISTS (SELECT 1 FROM generations g WHERE g.id = t.generation_id AND g.task_id = t.id)"));
    Set<String> expected = new TreeSet<>();
    taskIds.forEach(id -> expected.add(id + ".wav"));
    assertEquals(expected, names(shared.resolve("generated")), "one file per task, no orphan or partial file");
    for (String name : expected) {
      assertValidWav(shared.resolve("generated").resolve(name));
    }
  }

  @Test
  void cancelOnOneInstanceStopsTheJobRunningOnTheOtherWithinTwoSeconds() throws IOException {
    DatabaseSettings database = cluster.newDatabase(Duration.ofSeconds(10));
    try (TestServer a = instance(database, Duration.ofMillis(150));
         TestServer b = instance(database, Duration.ofMillis(150))) {
      String voiceId = a.cloneVoice("Ada");
      String taskId = a.submitTask(voiceId, longText(30));
      Polling.await("a chunk done", Duration.ofSeconds(30), () -> {
        Map<?, ?> progress = (Map<?, ?>) a.get("/api/tasks/" + taskId).json().get("progress");
        return (Double) progress.get("chunks_done") >= 1;
      });
      // Cancel through the instance that does NOT run the job.
      boolean aRuns = !a.provider.recorder().calls().isEmpty();
      TestServer runner = aRuns ? a : b;
      TestServer other = aRuns ? b : a;
      assertTrue(other.provider.recorder().calls().isEmpty(), "one instance runs the job");

      Instant asked = Instant.now();
      TestServer.Reply cancelled = other.postJson("/api/tasks/" + taskId + "/cancel", "{}");
      Instant answered = Instant.now();
      assertEquals("cancelled", cancelled.json().get("status"), cancelled.body());
      assertTrue(Duration.between(asked, answered).compareTo(Duration.ofSeconds(2)) < 0,
          "cancel took " + Duration.between(asked, answered));
      List<CallRecorder.Call> late = new ArrayList<>();
      for (CallRecorder.Call call : runner.provider.recorder().calls()) {
        if (call.start().isAfter(answered)) {
          late.add(call);
        }
      }
      assertEquals(List.of(), late, "no provider call starts after the cancel answered");
      assertEquals("cancelled", runner.taskStatus(taskId));
      assertEquals(0, count(database, "SELECT COUNT(*) FROM generations"));
      assertEquals(Set.of(), names(shared.resolve("generated")));
    }
  }

  @Test
  void healthReportsTheDatabaseAndTheStorage() {
    try (PostgresCluster own = PostgresCluster.start();
         TestServer app = instance(own.newDatabase(Duration.ofSeconds(10)), Duration.ZERO)) {
      TestServer.Reply healthy = app.get("/api/health");
      assertEquals(200, healthy.code(), healthy.body());
      assertEquals(Map.of("kind", "postgresql", "status", "ok"), healthy.json().get("database"));
      assertEquals(Map.of("kind", "directory", "status", "ok"), healthy.json().get("storage"));

      own.stop();
      TestServer.Reply down = app.get("/api/health");
      assertEquals(503, down.code(), down.body());
      assertEquals("unhealthy", down.json().get("status"));
      Map<?, ?> databasePart = (Map<?, ?>) down.json().get("database");
      assertEquals("unreachable", databasePart.get("status"));
      assertFalse(down.body().contains("unused-with-trust"), "no password in the answer");

      own.run();
      Polling.await("the pool reconnects", Duration.ofSeconds(30), () -> app.get("/api/health").code() == 200);
    }
  }

  @Test
  void startUpWaitsForADatabaseThatComesUpLate() throws Exception {
    try (PostgresCluster late = PostgresCluster.init()) {
      DatabaseSettings database = late.settings("postgres", Duration.ofSeconds(60));
      CompletableFuture<TestServer> starting = CompletableFuture.supplyAsync(() -> instance(database, Duration.ZERO));
      Thread.sleep(2_000); // start-up is now retrying against a port nobody listens on
      assertFalse(starting.isDone(), "start-up waits instead of failing on the first refused connection");
      late.run();
      try (TestServer app = starting.get(60, TimeUnit.SECONDS)) {
        assertEquals(200, app.get("/api/health").code());
        assertEquals(201, app.clone("Ada", TestAudio.wav(12), "a.wav", ApiClient.TRANSCRIPT, "English").code());
      }
    }
  }

  @Test
  void startUpGivesUpOnADatabaseThatNeverComesWithOneClearLine() throws Exception {
    int nobody = PostgresCluster.freePort();
    Map<String, String> env = Map.of("UTTER_DATABASE_URL", "jdbc:postgresql://127.0.0.1:" + nobody + "/utter",
        "UTTER_DATABASE_USER", "utter", "UTTER_DATABASE_PASSWORD", "s3cret-pw", "UTTER_DATABASE_WAIT_SECONDS", "2");
    ChildServer.Exit exit = ChildServer.startExpectingExit(shared, env);
    assertEquals(3, exit.status(), String.join("\n", exit.lines()));
    String last = exit.lines().get(exit.lines().size() - 1);
    assertTrue(last.startsWith("utter: cannot start: The database at jdbc:postgresql://127.0.0.1:" + nobody
        + "/utter did not answer within 2 s"), last);
    assertTrue(exit.lines().stream().anyMatch(l -> l.contains("Waiting for the database")), exit.lines().toString());
    assertFalse(String.join("\n", exit.lines()).contains("s3cret-pw"), "the password is never printed");
  }

  /** The child servers' environment: the database, a short lease, and a mock that takes its time. */
  private static Map<String, String> childEnv(DatabaseSettings database) {
    Map<String, String> env = new HashMap<>();
    env.put("UTTER_DATABASE_URL", database.url());
    env.put("UTTER_DATABASE_USER", database.user());
    env.put("UTTER_DATABASE_PASSWORD", database.password());
    env.put("UTTER_JOB_LEASE_SECONDS", "2");
    env.put("UTTER_MOCK_LATENCY_MS", "700");
    return env;
  }

  private static String longText(int sentences) {
    StringBuilder text = new StringBuilder();
    for (int i = 1; i <= sentences; i++) {
      text.append("Sentence number ").append(i).append(" of the long text. ");
    }
    return text.toString();
  }

  private static String onlyVoiceId(TestServer app) {
    List<?> voices = (List<?>) app.get("/api/voices").json().get("voices");
    assertEquals(1, voices.size());
    return (String) ((Map<?, ?>) voices.get(0)).get("id");
  }

  private static int count(DatabaseSettings database, String sql) {
    try (Connection c = DriverManager.getConnection(database.url(), database.user(), database.password());
         Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getInt(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Set<String> names(Path dir) {
    try (Stream<Path> entries = Files.list(dir)) {
      Set<String> out = new TreeSet<>();
      entries.forEach(p -> out.add(p.getFileName().toString()));
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A RIFF/WAVE file whose header's sizes match the bytes present, with some audio. */
  private static void assertValidWav(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    assertEquals("RIFF", new String(bytes, 0, 4), file.toString());
    assertEquals("WAVE", new String(bytes, 8, 4), file.toString());
    assertEquals(bytes.length - 8, b.getInt(4), file + ": RIFF size");
    int pos = 12;
    while (pos + 8 <= bytes.length) {
      String id = new String(bytes, pos, 4);
      int size = b.getInt(pos + 4);
      if (id.equals("data")) {
        assertTrue(size > 0, file + ": no audio");
        assertEquals(bytes.length, pos + 8 + size, file + ": data size");
        return;
      }
      pos += 8 + size + (size & 1);
    }
    throw new AssertionError(file + ": no data chunk");
  }
}
