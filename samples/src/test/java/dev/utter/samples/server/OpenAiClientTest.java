package dev.utter.samples.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.squareup.moshi.Moshi;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The official OpenAI Python client ({@code openai} from PyPI, in {@code .venv} or {@code $UTTER_PYTHON})
 * against the server, changed only in base URL and key: {@code src/test/python/openai_client_check.py}
 * speaks every format, streams raw and as SSE and provokes the errors; this test probes the files it
 * wrote and checks what it saw.
 */
class OpenAiClientTest {
  private static final String KEY = "sk-utter-test";

  @TempDir Path dir;

  @Test
  @SuppressWarnings("unchecked")
  void theOfficialClientSpeaksStreamsAndReadsErrors() throws Exception {
    Path out = Files.createDirectories(dir.resolve("out"));
    Map<String, Object> report;
    // 200 ms a call, 4 at a time: six chunks take about 400 ms, the first audio about 200 ms.
    try (TestServer s = TestServer.start(dir.resolve("data"), Duration.ofMillis(200), KEY)) {
      s.cloneVoice("Ada");
      report = (Map<String, Object>) new Moshi.Builder().build().adapter(Object.class)
          .fromJson(runClient(s.base + "/v1", "Ada", out));
    }

    assertEquals(List.of("mock", "tts-1", "tts-1-hd", "gpt-4o-mini-tts"), report.get("models"));
    Map<String, String[]> formats = Map.of(
        "speech.mp3", new String[] {"mp3", "24000"},
        "speech.opus", new String[] {"opus", "48000"},
        "speech.wav", new String[] {"pcm_s16le", "24000"},
        "speech.pcm", new String[] {"pcm_s16le", "24000"},
        "streamed.mp3", new String[] {"mp3", "24000"},
        "sse.wav", new String[] {"pcm_s16le", "24000"});
    double speechSeconds = Double.parseDouble(FfProbe.probe(out.resolve("speech.wav")).get("duration"));
    assertTrue(speechSeconds > 5, "six sentences of speech: " + speechSeconds);
    for (Map.Entry<String, String[]> e : formats.entrySet()) {
      Map<String, String> probe = FfProbe.probe(out.resolve(e.getKey()));
      assertEquals(e.getValue()[0], probe.get("codec_name"), e.getKey());
      assertEquals(e.getValue()[1], probe.get("sample_rate"), e.getKey());
      assertEquals("1", probe.get("channels"), e.getKey());
      assertEquals(speechSeconds, Double.parseDouble(probe.get("duration")), 0.15, e.getKey());
    }
    Map<String, String> readme = FfProbe.probe(out.resolve("readme.mp3"));
    assertEquals("mp3", readme.get("codec_name"), "the README's example");
    assertTrue(Double.parseDouble(readme.get("duration")) > 1, readme.toString());
    assertEquals("audio/mpeg", report.get("content_type_mp3"));
    assertEquals("audio/opus", report.get("content_type_opus"));
    assertEquals("audio/wav", report.get("content_type_wav"));
    assertEquals("audio/pcm", report.get("content_type_pcm"));
    assertEquals("text/event-stream", report.get("content_type_sse"));
    assertEquals(0.0, report.get("history_when_first_bytes_arrived"), "the first bytes came before the end");
    assertEquals(1.0, report.get("history_after_stream"), "the streamed request is in history");
    List<String> events = (List<String>) report.get("sse_events");
    assertTrue(events.size() >= 3, events.toString());
    assertEquals("speech.audio.done", events.get(events.size() - 1));
    assertTrue(events.subList(0, events.size() - 1).stream().allMatch("speech.audio.delta"::equals), events.toString());

    Map<String, Map<String, Object>> errors = (Map<String, Map<String, Object>>) report.get("errors");
    assertClientError(errors.get("unknown_voice"), "NotFoundError", 404, "voice", "voice_not_found");
    assertClientError(errors.get("aac"), "BadRequestError", 400, "response_format", "unsupported_value");
    assertClientError(errors.get("too_long"), "BadRequestError", 400, "input", "string_above_max_length");
    assertClientError(errors.get("speed"), "BadRequestError", 400, "speed", "invalid_value");
    assertClientError(errors.get("model"), "NotFoundError", 404, "model", "model_not_found");
    assertClientError(errors.get("wrong_key"), "AuthenticationError", 401, null, "invalid_api_key");
  }

  private static void assertClientError(Map<String, Object> error, String type, int status, String param, String code) {
    assertEquals(type, error.get("class"), error.toString());
    assertEquals((double) status, error.get("status"), error.toString());
    assertEquals(status == 401 || status < 500 ? "invalid_request_error" : "server_error", error.get("type"));
    assertEquals(param, error.get("param"), error.toString());
    assertEquals(code, error.get("code"), error.toString());
    assertEquals(List.of("code", "message", "param", "type"), error.get("body_keys"), error.toString());
  }

  /** Runs the client script and returns its JSON report; fails with its output when it fails. */
  private static String runClient(String baseUrl, String voice, Path out) throws IOException, InterruptedException {
    Path root = repositoryRoot();
    Path script = root.resolve("samples/src/test/python/openai_client_check.py");
    Process process = new ProcessBuilder(python(root), script.toString(), baseUrl, KEY, voice, out.toString())
        .redirectError(out.resolve("stderr.txt").toFile())
        .start();
    String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the client script finishes");
    String stderr = Files.readString(out.resolve("stderr.txt"));
    assertEquals(0, process.exitValue(), "openai_client_check.py failed (scripts/test.sh installs the pinned "
        + "openai package into .venv):\n" + stdout + stderr);
    return stdout;
  }

  private static String python(Path root) {
    String configured = System.getenv("UTTER_PYTHON");
    if (configured != null && !configured.isBlank()) {
      return configured.strip();
    }
    Path venv = root.resolve(".venv/bin/python");
    assertTrue(Files.isExecutable(venv), "No Python: set UTTER_PYTHON or run scripts/test.sh, which makes " + venv);
    return venv.toString();
  }

  private static Path repositoryRoot() {
    for (Path d = Path.of(System.getProperty("user.dir")).toAbsolutePath(); d != null; d = d.getParent()) {
      if (Files.isDirectory(d.resolve("samples")) && Files.exists(d.resolve("pom.xml"))) {
        return d;
      }
    }
    throw new AssertionError("No repository root above " + System.getProperty("user.dir"));
  }
}
