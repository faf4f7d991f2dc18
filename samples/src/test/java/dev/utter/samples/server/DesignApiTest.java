package dev.utter.samples.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.utter.ProviderUnavailableException;
import dev.utter.audio.PcmAudio;
import dev.utter.audio.Wav;
import dev.utter.provider.mock.MockTtsProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /api/voices/design/preview} and {@code POST /api/voices/design} over real HTTP against
 * the real server, a real SQLite file and the mock provider's deterministic voice design.
 */
class DesignApiTest {
  static final String INSTRUCT = "An old sailor, gravelly and slow, with a warm laugh.";
  static final String TEXT = "The sea was calm that night. The old ship creaked in the harbour, and nobody slept.";

  @TempDir Path dataDir;
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
  void languagesSayWhetherTheProviderDesignsVoices() {
    assertEquals(true, app.get("/api/languages").json().get("voice_design"));
    app.close();
    app = TestServer.start(dataDir, MockTtsProvider.builder().voiceDesign(false).build());
    assertEquals(false, app.get("/api/languages").json().get("voice_design"));
  }

  @Test
  void previewAnswersTheDesignedWavAndSavesNothing() {
    byte[] wav = preview(Map.of("text", TEXT, "language", "English", "instruct", INSTRUCT));

    PcmAudio audio = Wav.read(wav);
    assertEquals(TestServer.SMALL_CHUNKS.sampleRate(), audio.sampleRate());
    assertTrue(audio.durationSeconds() >= 3, audio.durationSeconds() + " s");
    assertArrayEquals(wav, preview(Map.of("text", TEXT, "language", "English", "instruct", INSTRUCT)),
        "the same request must give the same preview");
    assertFalse(Arrays.equals(wav, preview(Map.of("text", TEXT, "instruct", "A bright, quick young voice."))),
        "another description must sound different");
    assertNothingSaved();
  }

  @Test
  void previewRejectsEachInvalidInputWithTheOriginalWording() {
    assertRejected(previewReply(Map.of("language", "English", "instruct", INSTRUCT)), "Preview text is required");
    assertRejected(previewReply(Map.of("text", "  ", "instruct", INSTRUCT)), "Preview text is required");
    assertRejected(previewReply(Map.of("text", "a".repeat(501), "instruct", INSTRUCT)),
        "Preview text must be 500 characters or less");
    assertRejected(previewReply(Map.of("text", "Hi there", "instruct", INSTRUCT)),
        "Preview text must be at least 10 characters");
    assertRejected(previewReply(Map.of("text", TEXT)), "Voice description is required");
    assertRejected(previewReply(Map.of("text", TEXT, "instruct", " ")), "Voice description is required");
    assertRejected(previewReply(Map.of("text", TEXT, "instruct", "b".repeat(501))),
        "Voice description must be 500 characters or less");
    assertRejected(previewReply(Map.of("text", TEXT, "instruct", INSTRUCT, "language", "Klingon")),
        "Unsupported language: Klingon");
    assertRejected(app.postJson("/api/voices/design/preview", "{\"text\": "), "Invalid JSON body");
    assertRejected(app.postJson("/api/voices/design/preview", "{\"text\": 5, \"instruct\": \"x\"}"),
        "Field 'text' must be a string");
    assertNothingSaved();
  }

  @Test
  void aPreviewTooShortToCloneFromAsksForALongerText() {
    assertRejected(previewReply(Map.of("text", "Hello there, friend.", "instruct", INSTRUCT)),
        "The preview is 1.");
    TestServer.Reply reply = previewReply(Map.of("text", "Hello there, friend.", "instruct", INSTRUCT));
    assertTrue(reply.detail().endsWith("Use a longer preview text."), reply.body());
    assertNothingSaved();
  }

  @Test
  void withoutVoiceDesignThePreviewIsRefusedByProvider() {
    app.close();
    app = TestServer.start(dataDir, MockTtsProvider.builder().capabilities(TestServer.SMALL_CHUNKS)
        .voiceDesign(false).build());
    assertRejected(previewReply(Map.of("text", TEXT, "instruct", INSTRUCT)), 501,
        "Voice design is not available with the mock provider");
    assertNothingSaved();
  }

  @Test
  void aProviderFailureDuringThePreviewIsAServiceErrorAndSavesNothing() {
    app.close();
    app = TestServer.start(dataDir, MockTtsProvider.builder().capabilities(TestServer.SMALL_CHUNKS)
        .failFirst(1, () -> new ProviderUnavailableException("Mock backend is down")).build());
    assertRejected(previewReply(Map.of("text", TEXT, "instruct", INSTRUCT)), 503,
        "Generation failed: Mock backend is down");
    assertNothingSaved();
    assertEquals(200, app.send(new Request.Builder().url(app.base + "/api/voices/design/preview")
        .post(RequestBody.create(json(Map.of("text", TEXT, "instruct", INSTRUCT)),
            MediaType.get("application/json")))).code(), "the next call succeeds");
  }

  @Test
  void saveKeepsThePreviewAsADesignedVoiceThatSpeaksLikeAClonedOne() throws IOException {
    String clonedId = app.cloneVoice("Cloned");
    byte[] wav = preview(Map.of("text", TEXT, "language", "English", "instruct", INSTRUCT));

    TestServer.Reply reply = save("Sailor", TEXT, "English", INSTRUCT, wav, "preview.wav");
    assertEquals(201, reply.code(), reply.body());
    Map<String, Object> body = reply.json();
    String id = (String) body.get("id");
    assertEquals(Map.of("id", id, "name", "Sailor", "description", INSTRUCT, "language", "English",
        "source", "designed", "preview_url", "/api/voices/" + id + "/preview"), body);
    assertArrayEquals(wav, Files.readAllBytes(dataDir.resolve("references/" + id + ".wav")));
    assertArrayEquals(wav, bytes(app.base + body.get("preview_url")));

    Map<String, Map<String, Object>> voices = voicesById();
    Map<String, Object> designed = voices.get(id);
    assertEquals("designed", designed.get("source"));
    assertEquals(INSTRUCT, designed.get("description"));
    assertEquals(TEXT, designed.get("transcript"));
    assertEquals(Wav.read(wav).durationSeconds(), (Double) designed.get("duration_seconds"), 0.01);
    assertEquals("uploaded", voices.get(clonedId).get("source"));
    assertFalse(voices.get(clonedId).containsKey("description"));

    String text = "The designed voice reads a longer passage now, sentence after sentence. ".repeat(14);
    TestServer.Reply generated = app.postJson("/api/generate", Map.of("voice_id", id, "text", text));
    assertEquals(200, generated.code(), generated.body());
    assertTrue((Double) generated.json().get("duration_seconds") > 30, generated.body());
  }

  @Test
  void saveAcceptsAPreviewOfThreeSecondsNotLessAndRejectsEachInvalidInput() {
    byte[] wav = TestAudio.wav(5);
    assertRejected(save("", TEXT, "English", INSTRUCT, wav, "p.wav"), "Name must be 1-100 characters");
    assertRejected(save("S", null, "English", INSTRUCT, wav, "p.wav"), "Preview text is required");
    assertRejected(save("S", "a".repeat(501), "English", INSTRUCT, wav, "p.wav"),
        "Preview text must be 500 characters or less");
    assertRejected(save("S", TEXT, "English", null, wav, "p.wav"), "Voice description is required");
    assertRejected(save("S", TEXT, "English", "b".repeat(501), wav, "p.wav"),
        "Voice description must be 500 characters or less");
    assertRejected(save("S", TEXT, "Klingon", INSTRUCT, wav, "p.wav"), "Unsupported language: Klingon");
    assertRejected(save("S", TEXT, "English", INSTRUCT, null, null), "No file provided");
    assertRejected(save("S", TEXT, "English", INSTRUCT, wav, "p.txt"), "Invalid file type. Allowed: .wav, .mp3, .m4a");
    assertRejected(save("S", TEXT, "English", INSTRUCT, new byte[4096], "p.wav"), "Invalid file type");
    assertRejected(save("S", TEXT, "English", INSTRUCT, TestAudio.wav(2.9), "p.wav"), "Audio too short. Min: 3s");
    assertRejected(app.postJson("/api/voices/design", "{}"), "No file provided");
    assertNothingSaved();

    TestServer.Reply reply = save("S", TEXT, null, INSTRUCT, TestAudio.wav(3), "p.wav");
    assertEquals(201, reply.code(), reply.body());
    assertEquals("English", reply.json().get("language"));
  }

  private byte[] preview(Map<String, String> body) {
    try (Response response = app.http.newCall(new Request.Builder().url(app.base + "/api/voices/design/preview")
        .post(RequestBody.create(json(body), MediaType.get("application/json"))).build()).execute()) {
      byte[] bytes = response.body().bytes();
      assertEquals(200, response.code(), new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
      assertEquals("audio/wav", response.header("Content-Type"));
      return bytes;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private TestServer.Reply previewReply(Map<String, String> body) {
    return app.postJson("/api/voices/design/preview", json(body));
  }

  private TestServer.Reply save(String name, String text, String language, String instruct, byte[] audio,
      String fileName) {
    MultipartBody.Builder form = new MultipartBody.Builder().setType(MultipartBody.FORM);
    Map<String, String> fields = new HashMap<>();
    fields.put("name", name);
    fields.put("text", text);
    fields.put("language", language);
    fields.put("instruct", instruct);
    fields.forEach((key, value) -> {
      if (value != null) {
        form.addFormDataPart(key, value);
      }
    });
    if (audio != null) {
      form.addFormDataPart("audio", fileName, RequestBody.create(audio, MediaType.get("audio/wav")));
    }
    return app.send(new Request.Builder().url(app.base + "/api/voices/design").post(form.build()));
  }

  private byte[] bytes(String url) {
    try (Response response = app.http.newCall(new Request.Builder().url(url).build()).execute()) {
      assertEquals(200, response.code());
      return response.body().bytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  private Map<String, Map<String, Object>> voicesById() {
    Map<String, Map<String, Object>> out = new HashMap<>();
    for (Object voice : (List<?>) app.get("/api/voices").json().get("voices")) {
      Map<String, Object> v = (Map<String, Object>) voice;
      out.put((String) v.get("id"), v);
    }
    return out;
  }

  private void assertNothingSaved() {
    assertEquals(List.of(), app.get("/api/voices").json().get("voices"));
    try (Stream<Path> references = Files.list(dataDir.resolve("references"));
         Stream<Path> tmp = Files.list(dataDir.resolve("tmp"))) {
      assertEquals(List.of(), references.toList());
      assertEquals(List.of(), tmp.filter(p -> p.getFileName().toString().endsWith(".upload")).toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String json(Map<String, String> body) {
    return new com.squareup.moshi.Moshi.Builder().build().adapter(Object.class).toJson(body);
  }

  private static void assertRejected(TestServer.Reply reply, String detail) {
    assertRejected(reply, 400, detail);
  }

  private static void assertRejected(TestServer.Reply reply, int status, String detail) {
    assertEquals(status, reply.code(), reply.body());
    assertTrue(reply.detail().startsWith(detail), reply.body());
  }
}
