package dev.utter.samples.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A flood of long background tasks on a small heap: the server in its own JVM with {@code -Xmx512m},
 * the mock provider with some latency, 40 tasks of 5000 characters submitted at once. Every task must
 * end completed (none stuck, none failed for memory) while {@code GET /api/voices} keeps answering
 * within a second.
 */
class FloodTest {
  private static final int TASKS = 40;
  private static final int TEXT_CHARS = 5000;
  private static final long VOICES_BUDGET_MILLIS = 1000;

  @TempDir Path dataDir;

  @Test
  @Timeout(value = 10, unit = TimeUnit.MINUTES)
  void fortyLongTasksOnA512MbHeapAllCompleteWhileVoicesStayFast() throws Exception {
    try (ChildServer server = ChildServer.start(dataDir, Map.of("UTTER_MOCK_LATENCY_MS", "20"), "-Xmx512m")) {
      String voiceId = server.cloneVoice("Flood");
      String text = longText();
      List<String> taskIds = new ArrayList<>();
      for (int i = 0; i < TASKS; i++) {
        taskIds.add(server.submitTask(voiceId, text));
      }
      Map<String, Object> last = server.get("/api/tasks/" + taskIds.get(TASKS - 1)).json();
      assertEquals("pending", last.get("status"), last.toString());
      assertTrue(((Double) last.get("queue_position")) >= TASKS - 4, last.toString());

      List<Long> voicesMillis = new ArrayList<>();
      Map<String, String> status = new LinkedHashMap<>();
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(8);
      while (true) {
        long start = System.nanoTime();
        TestServer.Reply voices = server.get("/api/voices");
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertEquals(200, voices.code(), voices.body());
        voicesMillis.add(millis);
        for (String id : taskIds) {
          status.put(id, server.taskStatus(id));
        }
        if (status.values().stream().allMatch(s -> s.equals("completed") || s.equals("failed")
            || s.equals("cancelled")) || System.nanoTime() > deadline) {
          break;
        }
        TimeUnit.MILLISECONDS.sleep(200);
      }
      List<Long> sorted = voicesMillis.stream().sorted().toList();
      long slowest = sorted.get(sorted.size() - 1);
      System.out.printf("FloodTest: %d tasks; GET /api/voices %d times: first %d ms, median %d ms, slowest %d ms%n",
          TASKS, sorted.size(), voicesMillis.get(0), sorted.get(sorted.size() / 2), slowest);
      for (String id : taskIds) {
        Map<String, Object> task = server.get("/api/tasks/" + id).json();
        assertEquals("completed", task.get("status"), task + "\n" + String.join("\n", server.output()));
      }
      assertTrue(slowest < VOICES_BUDGET_MILLIS, "slowest GET /api/voices took " + slowest + " ms: " + voicesMillis);
      assertTrue(server.output().stream().noneMatch(line -> line.contains("OutOfMemoryError")),
          String.join("\n", server.output()));
    }
  }

  /** 5000 characters of sentences. */
  static String longText() {
    StringBuilder text = new StringBuilder();
    for (int i = 1; text.length() < TEXT_CHARS; i++) {
      text.append("This is sentence number ").append(i).append(" of a long text read in a cloned voice. ");
    }
    return text.substring(0, TEXT_CHARS - 1).strip() + ".";
  }
}
