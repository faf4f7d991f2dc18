package dev.utter.samples.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stopping the server and starting it again on the same data directory. */
class RestartTest {
  @TempDir Path dataDir;

  @Test
  void voicesAndGenerationsSurviveAndAnUnfinishedTaskBecomesFailed() {
    String voiceId;
    String generationId;
    String taskId;
    try (TestServer first = TestServer.start(dataDir, Duration.ofMillis(100), null)) {
      voiceId = first.cloneVoice("Kept");
      TestServer.Reply generated = first.postJson("/api/generate", Map.of("voice_id", voiceId, "text", "Keep me."));
      generationId = (String) generated.json().get("generation_id");
      StringBuilder text = new StringBuilder();
      for (int i = 1; i <= 20; i++) {
        text.append("Sentence ").append(i).append(" of a task cut short. ");
      }
      taskId = (String) first.postJson("/api/tasks", Map.of("voice_id", voiceId, "text", text.toString()))
          .json().get("task_id");
      Polling.await("the task to be processing", Duration.ofSeconds(20),
          () -> "processing".equals(first.get("/api/tasks/" + taskId).json().get("status")));
    }

    try (TestServer second = TestServer.start(dataDir)) {
      List<?> voices = (List<?>) second.get("/api/voices").json().get("voices");
      assertEquals(1, voices.size());
      assertEquals("Kept", ((Map<?, ?>) voices.get(0)).get("name"));
      List<?> generations = (List<?>) second.get("/api/generations").json().get("generations");
      assertEquals(1, generations.size());
      assertEquals(generationId, ((Map<?, ?>) generations.get(0)).get("id"));
      assertEquals(200, second.get("/uploads/generated/" + generationId + ".wav").code());
      assertEquals(200, second.get("/api/voices/" + voiceId + "/preview").code());

      Map<String, Object> task = second.get("/api/tasks/" + taskId).json();
      assertEquals("failed", task.get("status"));
      assertEquals("Interrupted by a server restart", task.get("error"));
    }
  }

  @Test
  void startRemovesLeftoversOfEveryShapeAndKeepsWhatIsStored(@TempDir Path outside) throws IOException {
    String voiceId;
    String generationId;
    try (TestServer first = TestServer.start(dataDir)) {
      voiceId = first.cloneVoice("Kept");
      generationId = (String) first.postJson("/api/generate", Map.of("voice_id", voiceId, "text", "Keep me."))
          .json().get("generation_id");
    }
    Path target = Files.writeString(outside.resolve("not-ours.txt"), "a file a link points at");
    Files.writeString(dataDir.resolve("tmp/upload-1.upload"), "half an upload");
    Files.createDirectories(dataDir.resolve("tmp/MultiPart123/nested"));
    Files.writeString(dataDir.resolve("tmp/MultiPart123/nested/part"), "a part");
    Files.createSymbolicLink(dataDir.resolve("tmp/link"), target);
    Files.writeString(dataDir.resolve("generated/." + generationId + ".wav123.part"), "half a generation");
    Files.createDirectories(dataDir.resolve("generated/odd-folder/inside"));
    Files.writeString(dataDir.resolve("references/00000000-0000-4000-8000-000000000000.wav"), "no row");

    try (TestServer second = TestServer.start(dataDir)) {
      assertEquals(List.of(), CrashTest.names(dataDir.resolve("tmp")));
      assertEquals(List.of(generationId + ".wav"), CrashTest.names(dataDir.resolve("generated")));
      assertEquals(List.of(voiceId + ".wav"), CrashTest.names(dataDir.resolve("references")));
      assertTrue(Files.exists(target), "a link's target outside the data directory was removed");
      assertEquals(200, second.get("/uploads/generated/" + generationId + ".wav").code());
    }
  }
}
