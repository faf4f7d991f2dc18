package dev.utter.samples.server.api;

import dev.utter.samples.server.storage.GenerationStore;
import dev.utter.samples.server.storage.TaskRecord;
import dev.utter.samples.server.storage.TaskStatus;
import dev.utter.samples.server.tasks.TaskRunner;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Background generation: {@code POST /api/tasks} answers 202 at once with a pending task, which waits
 * in line ({@code queue_position}, 1 = next) for a worker, or 503 with {@code Retry-After} when the line
 * is full; {@code GET /api/tasks/{id}} polls; {@code GET /api/tasks/{id}/events} streams {@code progress}
 * events, then one of {@code completed}, {@code failed} or {@code cancelled}, as server-sent events;
 * {@code POST /api/tasks/{id}/cancel} and {@code DELETE /api/tasks/{id}}.
 */
final class TasksApi {
  static final String TASK_NOT_FOUND = "Task not found";
  /** Seconds of generation per character, from the original project's measurements on Modal (800 chars, 87.6 s). */
  private static final double SECONDS_PER_CHAR = 0.11;
  /** Tasks expected to take longer than this are flagged long running. */
  private static final double LONG_RUNNING_SECONDS = 60;

  private final TaskRunner runner;
  private final GenerationStore generations;
  private final VoicesApi voicesApi;
  private final SignedUrls signedUrls;
  private final Clock clock;

  TasksApi(TaskRunner runner, GenerationStore generations, VoicesApi voicesApi, SignedUrls signedUrls, Clock clock) {
    this.runner = runner;
    this.generations = generations;
    this.voicesApi = voicesApi;
    this.signedUrls = signedUrls;
    this.clock = clock;
  }

  void create(Context ctx) {
    SpeakRequest request = SpeakRequest.read(ctx, voicesApi);
    TaskRecord task = runner.submit(request.voice(), request.text(), request.language());
    double estimatedSeconds = request.text().length() * SECONDS_PER_CHAR;
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("task_id", task.id());
    body.put("status", task.status().wireName());
    runner.queuePosition(task.id()).ifPresent(place -> body.put("queue_position", place));
    body.put("is_long_running", estimatedSeconds > LONG_RUNNING_SECONDS);
    body.put("estimated_duration_minutes", Math.round(estimatedSeconds / 6.0) / 10.0);
    Json.respond(ctx, 202, body);
  }

  void get(Context ctx) {
    Json.respond(ctx, 200, view(task(ctx)));
  }

  /** Before the SSE stream opens: 404 for an unknown task, since the stream's status is 200. */
  void checkExists(Context ctx) {
    task(ctx);
  }

  void events(SseClient client) {
    String id = Ids.pathId(client.ctx(), TASK_NOT_FOUND);
    client.keepAlive();
    AtomicReference<Runnable> unsubscribe = new AtomicReference<>(() -> {});
    AtomicBoolean done = new AtomicBoolean();
    Consumer<TaskRecord> send = task -> {
      synchronized (done) {
        if (done.get() || client.terminated()) {
          return;
        }
        client.sendEvent(eventName(task.status()), Json.write(eventData(task)));
        if (task.status().isFinal()) {
          done.set(true);
          unsubscribe.get().run();
          client.close();
        }
      }
    };
    unsubscribe.set(runner.subscribe(id, send));
    client.onClose(() -> unsubscribe.get().run());
    runner.find(id).ifPresentOrElse(send, client::close);
  }

  void cancel(Context ctx) {
    String id = Ids.pathId(ctx, TASK_NOT_FOUND);
    TaskRecord task = runner.cancel(id).orElseThrow(() -> ApiException.notFound(TASK_NOT_FOUND));
    Json.respond(ctx, 200, view(task));
  }

  void delete(Context ctx) {
    String id = Ids.pathId(ctx, TASK_NOT_FOUND);
    if (!runner.delete(id)) {
      throw ApiException.notFound(TASK_NOT_FOUND);
    }
    Json.respond(ctx, 200, Map.of("id", id, "deleted", true));
  }

  private TaskRecord task(Context ctx) {
    String id = Ids.pathId(ctx, TASK_NOT_FOUND);
    return runner.find(id).orElseThrow(() -> ApiException.notFound(TASK_NOT_FOUND));
  }

  private Map<String, Object> view(TaskRecord task) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", task.id());
    body.put("status", task.status().wireName());
    body.put("progress", progress(task));
    runner.queuePosition(task.id()).ifPresent(place -> body.put("queue_position", place));
    body.put("voice_id", task.voiceId());
    body.put("language", task.language());
    body.put("created_at", task.createdAt().toString());
    body.put("updated_at", task.updatedAt().toString());
    if (task.generationId() != null) {
      generations.find(task.generationId()).ifPresent(g -> body.put("result", GenerationsApi.result(g, signedUrls)));
    }
    body.put("error", task.error());
    return body;
  }

  private Map<String, Object> eventData(TaskRecord task) {
    Map<String, Object> data = view(task);
    Map<String, Object> progress = progress(task);
    data.putAll(progress);
    Duration elapsed = Duration.between(task.createdAt(), clock.instant());
    data.put("elapsed_seconds", Math.max(0, elapsed.toMillis()) / 1000.0);
    return data;
  }

  private static Map<String, Object> progress(TaskRecord task) {
    Map<String, Object> progress = new LinkedHashMap<>();
    progress.put("chunks_done", task.chunksDone());
    progress.put("chunks_total", task.chunksTotal());
    return progress;
  }

  private static String eventName(TaskStatus status) {
    return status.isFinal() ? status.wireName() : "progress";
  }
}
