package dev.utter.samples.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.squareup.moshi.Moshi;
import dev.utter.audio.AudioFormat;
import dev.utter.audio.AudioProbe;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The three curl tests of the original integration guide (seed section 8.11), run as written with
 * {@code curl}; only the port, the voice id and the generation id are filled in.
 */
class CurlTest {
  private static final String TEST_1 = """
      curl -X POST http://localhost:8000/api/clone \\
        -F "name=Test Voice" \\
        -F "audio=@reference.wav" \\
        -F "transcript=Hello, this is my voice sample for testing." \\
        -F "language=English"
      """;
  private static final String TEST_2 = """
      curl -X POST http://localhost:8000/api/generate \\
        -H "Content-Type: application/json" \\
        -d '{
          "voice_id": "uuid-from-step-1",
          "text": "This is a test of the voice cloning system."
        }'
      """;
  private static final String TEST_3 = """
      curl -O http://localhost:8000/uploads/generated/gen-uuid.wav
      """;

  @TempDir Path dataDir;
  @TempDir Path workDir;
  TestServer app;

  @BeforeEach
  void start() {
    app = TestServer.start(dataDir);
  }

  @AfterEach
  void stop() {
    app.close();
  }

  @Test
  void theGuidesThreeCurlTestsPass() throws Exception {
    TestAudio.writeWav(workDir, "reference.wav", 12);

    Map<?, ?> voice = json(curl(TEST_1));
    assertEquals("Test Voice", voice.get("name"));
    String voiceId = (String) voice.get("id");

    Map<?, ?> generation = json(curl(TEST_2.replace("uuid-from-step-1", voiceId)));
    String generationId = (String) generation.get("generation_id");
    assertEquals("/uploads/generated/" + generationId + ".wav", generation.get("audio_url"));
    assertTrue((Double) generation.get("duration_seconds") > 0);

    curl(TEST_3.replace("gen-uuid", generationId));
    Path downloaded = workDir.resolve(generationId + ".wav");
    assertEquals(AudioFormat.WAV, AudioProbe.probe(downloaded).format());
    assertEquals(Files.size(dataDir.resolve("generated/" + generationId + ".wav")), Files.size(downloaded));
  }

  private String curl(String command) throws IOException, InterruptedException {
    String withPort = command.replace("localhost:8000", "localhost:" + app.server.port());
    Process process = new ProcessBuilder("bash", "-c", withPort)
        .directory(workDir.toFile())
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
    byte[] out = process.getInputStream().readAllBytes();
    assertTrue(process.waitFor(30, TimeUnit.SECONDS), "curl timed out");
    assertEquals(0, process.exitValue(), "curl failed: " + withPort);
    return new String(out, StandardCharsets.UTF_8);
  }

  private static Map<?, ?> json(String body) throws IOException {
    return (Map<?, ?>) new Moshi.Builder().build().adapter(Object.class).fromJson(body);
  }
}
