package dev.utter.samples.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
