package dev.utter.samples.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.utter.samples.server.tasks.TaskRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.Request;
import okhttp3.RequestBody;
import okio.BufferedSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of a server (its own JVM) in the middle of a synchronous generation, a running task, a
 * waiting task and an upload, then a restart on the same data directory: nothing partial is left on
 * disk, every interrupted task is failed with its cause, and every row's file is there.
 */
class CrashTest {
  @TempDir Path dataDir;

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void killedMidWorkRestartsWithNothingPartialAndEveryInterruptedTaskFailed() throws Exception {
    String voiceId;
    String keptGenerationId;
    String runningTask;
    String waitingTask;
    try (ChildServer server = ChildServer.start(dataDir,
        Map.of("UTTER_MOCK_LATENCY_MS", "3000", "UTTER_TASK_CONCURRENCY", "1"))) {
      voiceId = server.cloneVoice("Survivor");
      keptGenerationId = (String) server.postJson("/api/generate", Map.of("voice_id", voiceId, "text", "Kept."))
          .json().get("generation_id");

      runningTask = server.submitTask(voiceId, FloodTest.longText());
      waitingTask = server.submitTask(voiceId, "This one waits in line.");
      Polling.await("the first task to run", Duration.ofSeconds(30),
          () -> server.taskStatus(runningTask).equals("processing"));
      background(() -> server.postJson("/api/generate", Map.of("voice_id", voiceId, "text", FloodTest.longText())));
      CountDownLatch uploading = new CountDownLatch(1);
      background(() -> server.send(new Request.Builder().url(server.base + "/api/clone").post(stalledUpload(uploading))));

      assertTrue(uploading.await(30, TimeUnit.SECONDS), String.join("\n", server.output()));
      Polling.await("two generations and an upload on disk", Duration.ofSeconds(30),
          () -> names(dataDir.resolve("generated")).stream().filter(n -> n.endsWith(".part")).count() == 2
              && sizeOfLargest(dataDir.resolve("tmp")) > 2 * 1024 * 1024);
      assertEquals("pending", server.taskStatus(waitingTask));
      server.kill();
    }

    try (TestServer restarted = TestServer.start(dataDir)) {
      assertEquals(List.of(), names(dataDir.resolve("tmp")));
      assertEquals(List.of(keptGenerationId + ".wav"), names(dataDir.resolve("generated")));
      assertEquals(1, names(dataDir.resolve("references")).size());
      for (String task : List.of(runningTask, waitingTask)) {
        Map<String, Object> body = restarted.get("/api/tasks/" + task).json();
        assertEquals("failed", body.get("status"), body.toString());
        assertEquals(TaskRunner.INTERRUPTED, body.get("error"));
      }
      List<?> generations = (List<?>) restarted.get("/api/generations").json().get("generations");
      assertEquals(1, generations.size());
      assertEquals(200, restarted.get("/uploads/generated/" + keptGenerationId + ".wav").code());
      List<?> voices = (List<?>) restarted.get("/api/voices").json().get("voices");
      assertEquals(1, voices.size());
      assertEquals(200, restarted.get("/api/voices/" + voiceId + "/preview").code());
    }
  }

  /** A multipart upload that sends 4 MB of a WAV, counts down {@code started}, then never finishes. */
  private static MultipartBody stalledUpload(CountDownLatch started) {
    RequestBody audio = new RequestBody() {
      @Override
      public MediaType contentType() {
        return MediaType.get("audio/wav");
      }

      @Override
      public void writeTo(BufferedSink sink) throws IOException {
        byte[] wav = TestAudio.wav(140);
        sink.write(wav, 0, 4 * 1024 * 1024);
        sink.flush();
        started.countDown();
        try {
          new CountDownLatch(1).await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    };
    return new MultipartBody.Builder().setType(MultipartBody.FORM)
        .addFormDataPart("name", "Half")
        .addFormDataPart("transcript", ApiClient.TRANSCRIPT)
        .addFormDataPart("audio", "half.wav", audio)
        .build();
  }

  private static void background(Runnable request) {
    Thread thread = new Thread(() -> {
      try {
        request.run();
      } catch (UncheckedIOException expected) {
        // The server was killed under it.
      }
    }, "crash-test-request");
    thread.setDaemon(true);
    thread.start();
  }

  static List<String> names(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long sizeOfLargest(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).max().orElse(0);
    } catch (IOException e) {
      return 0; // a file vanished while listing
    }
  }
}
