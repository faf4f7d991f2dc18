package dev.utter.samples.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.utter.provider.mock.CallRecorder;
import dev.utter.samples.server.config.Limits;
import dev.utter.spi.TtsProvider;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Background tasks through the bounded queue, over real HTTP against the real server and SQLite. */
class TaskQueueTest {
  private static final String LONG = sentences("Long task sentence", 20);
  private static final String SECOND = "The second task waits for the first.";
  private static final String THIRD = "The third task waits for the second.";

  @TempDir Path dataDir;
  TestServer app;
  /** Holds the long task's calls until the test has seen what it needs to see while it runs. */
  final CountDownLatch gate = new CountDownLatch(1);
  /** The long task on the worker, in the tests that start with one. */
  String first;

  @AfterEach
  void stop() {
    gate.countDown();
    app.close();
  }

  @Test
  void tasksBeyondTheConcurrencyWaitInLineInOrderAndAllComplete() {
    String voiceId = startWithTheWorkerBusy(new Limits(1, 10, 4, 0, Duration.ofSeconds(5)));

    TestServer.Reply second = app.postJson("/api/tasks", Map.of("voice_id", voiceId, "text", SECOND));
    TestServer.Reply third = app.postJson("/api/tasks", Map.of("voice_id", voiceId, "text", THIRD));
    assertEquals("pending", second.json().get("status"));
    assertEquals(1.0, second.json().get("queue_position"));
    assertEquals(2.0, third.json().get("queue_position"));
    Map<String, Object> waiting = app.get("/api/tasks/" + third.json().get("task_id")).json();
    assertEquals("pending", waiting.get("status"));
    assertEquals(2.0, waiting.get("queue_position"));
    assertNull(app.get("/api/tasks/" + first).json().get("queue_position"));
    gate.countDown();

    for (TestServer.Reply task : List.of(second, third)) {
      String id = (String) task.json().get("task_id");
      Polling.await("task " + id + " to complete", Duration.ofSeconds(30), () -> app.taskStatus(id).equals("completed"));
    }
    assertEquals("completed", app.taskStatus(first));
    assertTrue(lastEnd(LONG).compareTo(firstStart(SECOND)) <= 0, "the second task ran alongside the first");
    assertTrue(lastEnd(SECOND).compareTo(firstStart(THIRD)) <= 0, "the third task ran alongside the second");
  }

  @Test
  void cancellingAWaitingTaskTakesItOutOfLineAndNoCallIsMadeForIt() {
    String voiceId = startWithTheWorkerBusy(new Limits(1, 10, 4, 0, Duration.ofSeconds(5)));
    String second = app.submitTask(voiceId, SECOND);
    String third = app.submitTask(voiceId, THIRD);

    TestServer.Reply cancelled = app.postJson("/api/tasks/" + second + "/cancel", "{}");
    assertEquals(200, cancelled.code(), cancelled.body());
    assertEquals("cancelled", cancelled.json().get("status"));
    assertNull(cancelled.json().get("queue_position"));
    assertEquals(1.0, app.get("/api/tasks/" + third).json().get("queue_position"));
    gate.countDown();

    Polling.await("the third task to complete", Duration.ofSeconds(30), () -> app.taskStatus(third).equals("completed"));
    assertEquals("completed", app.taskStatus(first));
    assertEquals("cancelled", app.taskStatus(second));
    assertTrue(calls(SECOND).isEmpty(), "a call was made for the cancelled task");
  }

  @Test
  void aFullQueueRefusesWith503AndRetryAfterAndTheAcceptedTasksStillComplete() {
    String voiceId = startWithTheWorkerBusy(new Limits(1, 1, 4, 0, Duration.ofSeconds(7)));
    String second = app.submitTask(voiceId, SECOND);

    TestServer.Reply refused = app.postJson("/api/tasks", Map.of("voice_id", voiceId, "text", THIRD));
    assertEquals(503, refused.code(), refused.body());
    assertEquals("7", refused.headers().get("Retry-After"));
    assertTrue(refused.detail().startsWith("Server busy: 1 tasks are already waiting"), refused.body());
    assertFalse(refused.json().containsKey("task_id"));
    gate.countDown();

    Polling.await("the second task to complete", Duration.ofSeconds(30), () -> app.taskStatus(second).equals("completed"));
    assertEquals("completed", app.taskStatus(first));
    assertTrue(calls(THIRD).isEmpty());
  }

  @Test
  void anErrorInOneTaskFailsThatTaskOnlyNamingTheCause() {
    app = start(new Limits(2, 10, 4, 0, Duration.ofSeconds(5)), provider -> new InterceptingProvider(request -> {
      if (request.text().contains("Overflowing")) {
        throw new OutOfMemoryError("Java heap space");
      }
    }, provider));
    String voiceId = app.cloneVoice("Ada");
    // Only the first chunk throws, at once, so the SDK hands that Error to the task whatever its version.
    String failing = app.submitTask(voiceId, "Overflowing first sentence. " + SECOND + " " + THIRD);
    String sibling = app.submitTask(voiceId, LONG);

    Polling.await("both tasks to end", Duration.ofSeconds(30),
        () -> !app.taskStatus(failing).matches("pending|processing") && !app.taskStatus(sibling).matches("pending|processing"));
    Map<String, Object> failed = app.get("/api/tasks/" + failing).json();
    assertEquals("failed", failed.get("status"), failed.toString());
    assertEquals("Generation failed: the server ran out of memory", failed.get("error"));
    assertEquals("completed", app.taskStatus(sibling));

    String after = app.submitTask(voiceId, SECOND);
    Polling.await("a later task to complete", Duration.ofSeconds(30), () -> app.taskStatus(after).equals("completed"));
  }

  /**
   * Starts the server with {@code limits} and a long task, {@link #first}, on a worker, its calls held
   * until {@link #gate} opens; returns the voice it speaks in.
   */
  private String startWithTheWorkerBusy(Limits limits) {
    app = start(limits, provider -> new InterceptingProvider(
        InterceptingProvider.holding(request -> request.text().contains("Long task"), gate), provider));
    String voiceId = app.cloneVoice("Ada");
    first = app.submitTask(voiceId, LONG);
    Polling.await("the first task to run", Duration.ofSeconds(20), () -> app.taskStatus(first).equals("processing"));
    return voiceId;
  }

  private TestServer start(Limits limits, UnaryOperator<TtsProvider> wrap) {
    return TestServer.start(dataDir, Duration.ofMillis(100), null, limits, wrap);
  }

  private List<CallRecorder.Call> calls(String text) {
    String marker = text.substring(0, 15);
    return app.provider.recorder().calls().stream()
        .filter(call -> call.texts().stream().anyMatch(t -> t.contains(marker)))
        .toList();
  }

  private Instant firstStart(String text) {
    return calls(text).stream().map(CallRecorder.Call::start).min(Instant::compareTo).orElseThrow();
  }

  private Instant lastEnd(String text) {
    return calls(text).stream().map(CallRecorder.Call::end).max(Instant::compareTo).orElseThrow();
  }

  static String sentences(String prefix, int count) {
    StringBuilder text = new StringBuilder();
    for (int i = 1; i <= count; i++) {
      text.append(prefix).append(' ').append(i).append(". ");
    }
    return text.toString().strip();
  }
}
