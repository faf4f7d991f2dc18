package dev.utter.samples.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.utter.samples.server.RawHttp.Part;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input at the API, as a table: uploads, JSON, ids, paths, headers and Unicode. Each case is sent
 * over a raw socket to one real server (real SQLite, real data directory); each must be answered with
 * its exact 4xx status and a {@code {"detail"}} (starting with the given words where they are fixed),
 * leave no file under the data directory and no row in the database, and leave the server healthy.
 * {@code {voice}} in a path or body stands for the id of the one voice the corpus starts with.
 *
 * <p>MP3 and M4A samples are made with {@code ffmpeg}.
 */
class BadInputCorpusTest {
  private static final String JSON = "application/json";
  private static final String VOICE = "{voice}";
  private static final String UNKNOWN = "00000000-0000-4000-8000-000000000000";
  private static final String EMOJI = "\uD83D\uDE00";
  // The SDK's text rules (core's TextRules), in its words.
  private static final String NAME_CONTROL = "Name must not contain control characters";
  private static final String NAME_INVISIBLE = "Name must contain visible characters";
  private static final String TEXT_CONTROL = "Text must not contain control characters";
  private static final String TEXT_INVISIBLE = "Text must contain visible characters";
  private static final String TEXT_SURROGATE = "Text contains a lone surrogate";
  private static final String TRANSCRIPT_CONTROL = "Transcript must not contain control characters";

  @TempDir static Path dataDir;
  @TempDir static Path workDir;
  static TestServer app;
  static String voiceId;
  static byte[] mp3;
  static byte[] m4a;

  @BeforeAll
  static void start() throws Exception {
    app = TestServer.start(dataDir);
    voiceId = app.cloneVoice("Corpus voice");
    Path wav = TestAudio.writeWav(workDir, "twelve.wav", 12);
    mp3 = ffmpeg(wav, "twelve.mp3", "-c:a", "libmp3lame", "-b:a", "64k");
    m4a = ffmpeg(wav, "twelve.m4a", "-c:a", "aac", "-b:a", "64k", "-movflags", "+faststart");
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  /** One bad request and what it must get. */
  record Case(String name, int status, String detail, Send send) {
    @Override
    public String toString() {
      return name;
    }
  }

  /** Sends a case's request; {@code voice} is the corpus voice's id. */
  interface Send {
    RawHttp.Response to(RawHttp raw, String voice);
  }

  static Stream<Case> corpus() {
    byte[] wav12 = TestAudio.wav(12);
    return Stream.of(
        // --- uploads: POST /api/clone ---
        bad("upload: text file named .wav", 400, "Invalid file type. Allowed: .wav, .mp3, .m4a",
            clone("Voice", "a.wav", "audio/wav", "not audio, just text ".repeat(200).getBytes(StandardCharsets.UTF_8))),
        bad("upload: real WAV named .txt", 400, "Invalid file type. Allowed: .wav, .mp3, .m4a", clone("Voice", "a.txt", "audio/wav", wav12)),
        bad("upload: real WAV named .exe", 400, "Invalid file type", clone("Voice", "setup.exe", "application/x-msdownload", wav12)),
        bad("upload: PNG that says audio/wav", 400, "Invalid file type", clone("Voice", "a.wav", "audio/wav", png())),
        bad("upload: PNG named .mp3", 400, "Invalid file type", clone("Voice", "a.mp3", "audio/mpeg", png())),
        bad("upload: random bytes named .m4a", 400, "Invalid file type", clone("Voice", "a.m4a", "audio/mp4", noise(50_000))),
        bad("upload: empty file", 400, "Invalid file type", clone("Voice", "a.wav", "audio/wav", new byte[0])),
        bad("upload: WAV header only", 400, null, clone("Voice", "a.wav", "audio/wav", Arrays.copyOf(wav12, 44))),
        bad("upload: WAV cut to 2 s, header claims 12 s", 400, null,
            clone("Voice", "a.wav", "audio/wav", Arrays.copyOf(wav12, 44 + 2 * 32_000))),
        bad("upload: WAV header with sample rate 0", 400, null, clone("Voice", "a.wav", "audio/wav", withRate(wav12, 0))),
        bad("upload: WAV header with absurd sample rate", 400, null,
            clone("Voice", "a.wav", "audio/wav", withRate(wav12, Integer.MAX_VALUE))),
        bad("upload: WAV of 5 s", 400, "Audio too short. Min: 10s", clone("Voice", "a.wav", "audio/wav", TestAudio.wav(5))),
        bad("upload: WAV of 301 s", 400, "Audio too long. Max: 300s", clone("Voice", "a.wav", "audio/wav", TestAudio.wav(301))),
        bad("upload: MP3 cut to a fifth", 400, null, (raw, voice) -> send(raw, cloneForm("Voice", "a.mp3", "audio/mpeg", head(mp3, 5)))),
        bad("upload: M4A cut to a fifth", 400, null, (raw, voice) -> send(raw, cloneForm("Voice", "a.m4a", "audio/mp4", head(m4a, 5)))),
        bad("upload: M4A named .wav cut in half", 400, null, (raw, voice) -> send(raw, cloneForm("Voice", "a.wav", "audio/wav", head(m4a, 2)))),
        bad("upload: traversal file name, no extension", 400, "Invalid file type",
            clone("Voice", "../../../etc/passwd", "audio/wav", wav12)),
        bad("upload: Windows traversal file name", 400, "Invalid file type",
            clone("Voice", "..\\\\..\\\\windows\\\\win.ini", "audio/wav", wav12)),
        bad("upload: NUL in the file name", 400, "Invalid multipart form", clone("Voice", "a.wav\u0000.txt", "audio/wav", wav12)),
        bad("upload: 10 000-character file name", 400, "Invalid multipart form",
            clone("Voice", "a".repeat(10_000) + ".exe", "audio/wav", wav12)),
        bad("upload: no audio part", 400, "No file provided", form(List.of(Part.field("name", "Voice"),
            Part.field("transcript", TestServer.TRANSCRIPT)))),
        bad("upload: audio sent as a plain field", 400, "No file provided", form(List.of(Part.field("name", "Voice"),
            Part.field("audio", "RIFF...."), Part.field("transcript", TestServer.TRANSCRIPT)))),
        bad("upload: no name", 400, "Name must be 1-100 characters", form(List.of(
            Part.file("audio", "a.wav", "audio/wav", wav12), Part.field("transcript", TestServer.TRANSCRIPT)))),
        bad("upload: name of spaces", 400, "Name must be 1-100 characters", clone("   ", "a.wav", "audio/wav", wav12)),
        bad("upload: name of 101 characters", 400, "Name must be 1-100 characters", clone("n".repeat(101), "a.wav", "audio/wav", wav12)),
        bad("upload: name of 100 000 characters", 400, "Name must be 1-100 characters",
            clone("n".repeat(100_000), "a.wav", "audio/wav", wav12)),
        bad("upload: transcript of 9 characters", 400, "Transcript must be at least 10 characters",
            (raw, voice) -> send(raw, RawHttp.multipart(List.of(Part.field("name", "Voice"),
                Part.file("audio", "a.wav", "audio/wav", wav12), Part.field("transcript", "123456789"))))),
        bad("upload: unknown language", 400, "Unsupported language: Klingon", (raw, voice) -> send(raw, RawHttp.multipart(
            List.of(Part.field("name", "Voice"), Part.file("audio", "a.wav", "audio/wav", wav12),
                Part.field("transcript", TestServer.TRANSCRIPT), Part.field("language", "Klingon"))))),
        bad("upload: form with a wrong boundary", 400, null, (raw, voice) -> raw.send("POST", "/api/clone",
            Map.of("Content-Type", "multipart/form-data; boundary=other"), cloneForm("Voice", "a.wav", "audio/wav", wav12))),
        bad("upload: multipart without a boundary", 400, null, (raw, voice) -> raw.send("POST", "/api/clone",
            Map.of("Content-Type", "multipart/form-data"), cloneForm("Voice", "a.wav", "audio/wav", wav12))),
        bad("upload: form cut mid-file", 400, null, (raw, voice) -> send(raw,
            head(cloneForm("Voice", "a.wav", "audio/wav", wav12), 2))),
        bad("upload: JSON instead of a form", 400, "No file provided", json("/api/clone", "{\"name\":\"Voice\"}")),

        // --- JSON: POST /api/generate and /api/tasks ---
        bad("json: malformed", 400, "Invalid JSON body", json("/api/generate", "{\"voice_id\": ")),
        bad("json: empty body", 400, "Invalid JSON body", json("/api/generate", "")),
        bad("json: trailing garbage", 400, "Invalid JSON body", json("/api/generate", "{\"voice_id\":\"{voice}\",\"text\":\"Hi\"} x")),
        bad("json: duplicate keys", 400, "Invalid JSON body", json("/api/generate", "{\"voice_id\":\"{voice}\",\"text\":\"a\",\"text\":\"b\"}")),
        bad("json: array", 400, "Request body must be a JSON object", json("/api/generate", "[1, 2]")),
        bad("json: string", 400, "Request body must be a JSON object", json("/api/tasks", "\"speak\"")),
        bad("json: null", 400, "Request body must be a JSON object", json("/api/tasks", "null")),
        bad("json: voice_id a number", 400, "Field 'voice_id' must be a string", json("/api/generate", "{\"voice_id\":5,\"text\":\"Hi\"}")),
        bad("json: text a number", 400, "Field 'text' must be a string", json("/api/generate", "{\"voice_id\":\"{voice}\",\"text\":5}")),
        bad("json: text an array", 400, "Field 'text' must be a string", json("/api/tasks", "{\"voice_id\":\"{voice}\",\"text\":[\"a\"]}")),
        bad("json: text nested junk", 400, "Field 'text' must be a string",
            json("/api/tasks", "{\"voice_id\":\"{voice}\",\"text\":{\"a\":{\"b\":[1,{\"c\":null}]}}}")),
        bad("json: language a number", 400, "Field 'language' must be a string",
            json("/api/generate", "{\"voice_id\":\"{voice}\",\"text\":\"Hi\",\"language\":12}")),
        bad("json: huge number", 400, "Invalid JSON body", json("/api/generate", "{\"voice_id\":1e999999,\"text\":\"Hi\"}")),
        bad("json: nested 100 000 deep", 400, "Invalid JSON body", json("/api/tasks", "[".repeat(100_000) + "]".repeat(100_000))),
        bad("json: missing text", 400, "Text must be 1-5000 characters", json("/api/generate", "{\"voice_id\":\"{voice}\"}")),
        bad("json: missing voice_id", 404, "Voice not found", json("/api/generate", "{\"text\":\"Hi\"}")),
        bad("json: unknown voice", 404, "Voice not found", json("/api/tasks", "{\"voice_id\":\"" + UNKNOWN + "\",\"text\":\"Hi\"}")),
        bad("json: text of 5001 characters", 400, "Text must be 1-5000 characters",
            json("/api/generate", "{\"voice_id\":\"{voice}\",\"text\":\"" + "a".repeat(5001) + "\"}")),
        bad("json: unknown language", 400, "Unsupported language: Elvish",
            json("/api/tasks", "{\"voice_id\":\"{voice}\",\"text\":\"Hi\",\"language\":\"Elvish\"}")),
        bad("json: body over 1 MB", 413, "Content Too Large",
            json("/api/generate", "{\"voice_id\":\"{voice}\",\"text\":\"" + "a".repeat(1_100_000) + "\"}")),

        // --- ids ---
        bad("id: not a UUID", 404, "Voice not found", request("DELETE", "/api/voices/not-a-uuid")),
        bad("id: UUID with a suffix", 404, "Voice not found", request("DELETE", "/api/voices/{voice}x")),
        bad("id: 2000 characters", 404, "Generation not found", request("DELETE", "/api/generations/" + "a".repeat(2000))),
        bad("id: encoded traversal", 404, "Voice not found", request("GET", "/api/voices/..%2F..%2Futter.db/preview")),
        bad("id: double-encoded traversal", 404, "Task not found", request("DELETE", "/api/tasks/%252e%252e%252futter.db")),
        bad("id: encoded NUL", 400, "Bad Request", request("GET", "/api/tasks/" + UNKNOWN.substring(1) + "%00")),
        bad("id: unknown task cancelled", 404, "Task not found", json("/api/tasks/not-a-uuid/cancel", "{}")),
        bad("id: a voice's id as a generation", 404, "Generation not found", request("GET", "/uploads/generated/{voice}.wav")),
        bad("id: generation without .wav", 404, "Generation not found", request("GET", "/uploads/generated/{voice}")),

        // --- paths ---
        bad("path: dot segments", 404, "Not Found", request("GET", "/uploads/generated/../../utter.db")),
        bad("path: encoded dot segments", 400, "Bad Request", request("GET", "/%2e%2e/%2e%2e/etc/passwd")),
        bad("path: references are not served", 404, "Not Found", request("GET", "/uploads/references/{voice}.wav")),
        bad("path: the classpath folder", 404, "Not Found", request("GET", "/web/index.html")),
        bad("path: bad percent-encoding", 400, "Bad Request", request("GET", "/api/voices/%zz")),
        bad("path: limit not a number", 400, "limit must be a number", request("GET", "/api/generations?limit=abc")),
        bad("path: negative offset", 400, "offset must be 0-", request("GET", "/api/generations?offset=-5")),
        bad("path: limit past int", 400, "limit must be a number", request("GET", "/api/generations?limit=99999999999")),
        bad("path: wrong method", 405, "Method Not Allowed", request("PUT", "/api/voices/{voice}")),

        // --- headers ---
        bad("header: foreign Host", 421, "Unknown Host", (raw, voice) -> raw.get("/api/voices", Map.of("Host", "evil.example"))),
        bad("header: Host with two ports", 400, "Bad Request", (raw, voice) -> raw.get("/api/voices", Map.of("Host", raw.host() + ":1"))),
        bad("header: text/plain JSON", 415, "Content-Type must be", (raw, voice) -> raw.send("POST", "/api/generate",
            Map.of("Content-Type", "text/plain"), utf8("{\"voice_id\":\"" + voice + "\",\"text\":\"Hi\"}"))),
        bad("header: XML", 415, "Content-Type must be", (raw, voice) -> raw.send("POST", "/api/tasks",
            Map.of("Content-Type", "application/xml"), utf8("<text>Hi</text>"))),
        bad("header: chunked form-urlencoded", 415, "Content-Type must be", (raw, voice) -> raw.send("POST", "/api/generate",
            Map.of("Content-Type", "application/x-www-form-urlencoded", "Transfer-Encoding", "chunked"),
            utf8("7\r\ntext=Hi\r\n0\r\n\r\n"))),
        bad("header: cross-site Origin", 403, "Cross-site request refused", (raw, voice) -> raw.send("POST", "/api/generate",
            Map.of("Content-Type", JSON, "Origin", "http://evil.example"), utf8("{\"voice_id\":\"" + voice + "\",\"text\":\"Hi\"}"))),
        bad("header: cross-site voice design", 403, "Cross-site request refused", (raw, voice) -> raw.send("POST",
            "/api/voices/design/preview", Map.of("Content-Type", JSON, "Origin", "http://evil.example"),
            utf8("{\"instruct\":\"" + DesignApiTest.INSTRUCT + "\",\"text\":\"" + DesignApiTest.TEXT + "\"}"))),
        bad("header: cross-site delete", 403, "Cross-site request refused", (raw, voice) -> raw.send("DELETE",
            "/api/voices/" + voice, Map.of("Sec-Fetch-Site", "cross-site"), new byte[0])),
        bad("header: Range past the end", 416, "Range not satisfiable", (raw, voice) -> raw.get("/api/voices/" + voice + "/preview",
            Map.of("Range", "bytes=999999999-"))),
        bad("header: Range backwards", 416, "Range not satisfiable", (raw, voice) -> raw.get("/api/voices/" + voice + "/preview",
            Map.of("Range", "bytes=9-3"))),
        bad("header: 20 kB header", 431, "Request Header Fields Too Large", (raw, voice) -> raw.get("/api/voices",
            Map.of("X-Filler", "x".repeat(20_000)))),
        bad("header: 20 kB request line", 414, "URI Too Long", request("GET", "/api/voices?" + "q".repeat(20_000))),

        // --- Unicode (the SDK's text rules) ---
        bad("unicode: control character in a name", 400, NAME_CONTROL, clone("Bell\u0007Voice", "a.wav", "audio/wav", wav12)),
        bad("unicode: line break in a name", 400, NAME_CONTROL, clone("Two\nLines", "a.wav", "audio/wav", wav12)),
        bad("unicode: name of zero-width characters", 400, NAME_INVISIBLE, clone("\u200B\u200C\u200D\uFEFF", "a.wav", "audio/wav", wav12)),
        bad("unicode: name of RTL overrides", 400, NAME_INVISIBLE, clone("\u202E\u202D\u202E", "a.wav", "audio/wav", wav12)),
        bad("unicode: name of 101 emoji", 400, "Name must be 1-100 characters", clone(EMOJI.repeat(101), "a.wav", "audio/wav", wav12)),
        bad("unicode: control character in a transcript", 400, TRANSCRIPT_CONTROL, (raw, voice) -> send(raw, RawHttp.multipart(
            List.of(Part.field("name", "Voice"), Part.file("audio", "a.wav", "audio/wav", wav12),
                Part.field("transcript", "Hello \u0000 this is my voice"))))),
        bad("unicode: lone surrogate in text", 400, TEXT_SURROGATE,
            json("/api/generate", "{\"voice_id\":\"{voice}\",\"text\":\"Hello \\ud800 world\"}")),
        bad("unicode: lone low surrogate in text", 400, TEXT_SURROGATE,
            json("/api/tasks", "{\"voice_id\":\"{voice}\",\"text\":\"\\udc00\"}")),
        bad("unicode: text of zero-width characters", 400, TEXT_INVISIBLE,
            json("/api/generate", "{\"voice_id\":\"{voice}\",\"text\":\"\\u200b\\u200b\\u2060\\ufeff\"}")),
        bad("unicode: text of RTL overrides", 400, TEXT_INVISIBLE,
            json("/api/tasks", "{\"voice_id\":\"{voice}\",\"text\":\"\\u202e\\u202d\"}")),
        bad("unicode: NUL in text", 400, TEXT_CONTROL, json("/api/generate", "{\"voice_id\":\"{voice}\",\"text\":\"Hi\\u0000there\"}")),
        bad("unicode: escape character in text", 400, TEXT_CONTROL,
            json("/api/tasks", "{\"voice_id\":\"{voice}\",\"text\":\"\\u001b[31mred\"}")),
        bad("unicode: 5001 emoji", 400, "Text must be 1-5000 characters",
            json("/api/generate", "{\"voice_id\":\"{voice}\",\"text\":\"" + EMOJI.repeat(5001) + "\"}")),

        // --- voice design: POST /api/voices/design/preview and /api/voices/design ---
        bad("design: NUL in the description", 400, "Voice description must not contain control characters",
            designPreview("A calm \\u0000 narrator", DesignApiTest.TEXT)),
        bad("design: lone surrogate in the preview text", 400, "Preview text contains a lone surrogate",
            designPreview(DesignApiTest.INSTRUCT, "The sea was calm \\ud800 that night.")),
        bad("design: description of zero-width characters", 400, "Voice description must contain visible characters",
            designPreview("\\u200b\\u2060\\ufeff", DesignApiTest.TEXT)),
        bad("design: preview text of 501 emoji", 400, "Preview text must be 500 characters or less",
            designPreview(DesignApiTest.INSTRUCT, EMOJI.repeat(501))),
        bad("design: preview text of 9 characters", 400, "Preview text must be at least 10 characters",
            designPreview(DesignApiTest.INSTRUCT, "123456789")),
        bad("design: saved preview of 2 s", 400, "Audio too short. Min: 3s",
            designSave(DesignApiTest.INSTRUCT, "a.wav", TestAudio.wav(2))),
        bad("design: saved PNG named .wav", 400, "Invalid file type. Allowed: .wav, .mp3, .m4a",
            designSave(DesignApiTest.INSTRUCT, "a.wav", png())),
        bad("design: saved preview with an escape in the description", 400,
            "Voice description must not contain control characters", designSave("Calm \u001b[31m", "a.wav", wav12)));
  }

  @ParameterizedTest(name = "{index}: {0}")
  @MethodSource("corpus")
  void isRefusedWithItsStatusAndDetailAndLeavesNothing(Case badInput) {
    Snapshot before = Snapshot.take();
    RawHttp.Response response = badInput.send().to(app.raw(), voiceId);
    assertEquals(badInput.status(), response.status(), badInput.name() + ": " + response);
    String detail = response.detail();
    assertFalse(detail.isBlank(), response.toString());
    if (badInput.detail() != null) {
      assertTrue(detail.startsWith(badInput.detail()), badInput.name() + ": " + detail);
    }
    for (String leak : List.of("Exception", "java.", "org.eclipse", "<html")) {
      assertFalse(detail.contains(leak), detail);
    }
    Polling.await("no file or row left by " + badInput.name(), Duration.ofSeconds(10),
        () -> Snapshot.take().equals(before));
    assertEquals(200, app.raw().get("/api/health", Map.of()).status());
  }

  @Test
  void theCorpusIsLargeAndCoversEveryKind() {
    List<Case> cases = corpus().toList();
    assertTrue(cases.size() >= 60, "cases: " + cases.size());
    for (String kind : List.of("upload:", "json:", "id:", "path:", "header:", "unicode:", "design:")) {
      assertTrue(cases.stream().filter(c -> c.name().startsWith(kind)).count() >= 5, kind);
    }
  }

  @Test
  void fourThousandEmojiAreUnderTheCodePointLimit() {
    TestServer.Reply reply = app.postJson("/api/generate", Map.of("voice_id", voiceId, "text", EMOJI.repeat(4000)));
    assertEquals(200, reply.code(), reply.body());
    assertEquals(200, app.delete("/api/generations/" + reply.json().get("generation_id")).code());
  }

  @Test
  void aTraversalFileNameWithRealAudioIsStoredUnderItsIdOnly() {
    String fileName = "../../../../tmp/utter-corpus-" + java.util.UUID.randomUUID() + ".wav";
    RawHttp.Response response = send(app.raw(), cloneForm("Traveller", fileName, "audio/wav", TestAudio.wav(12)));
    assertEquals(201, response.status(), response.toString());
    java.util.regex.Matcher id = java.util.regex.Pattern.compile("\"id\":\"([0-9a-f-]{36})\"").matcher(response.body());
    assertTrue(id.find(), response.body());
    assertTrue(Files.exists(dataDir.resolve("references").resolve(id.group(1) + ".wav")));
    assertFalse(Files.exists(dataDir.resolve("references").resolve(fileName).normalize()));
    assertEquals(200, app.delete("/api/voices/" + id.group(1)).code());
  }

  // --- the table's vocabulary ---

  private static Case bad(String name, int status, String detail, Send send) {
    return new Case(name, status, detail, send);
  }

  private static Send request(String method, String target) {
    return (raw, voice) -> raw.send(method, target.replace(VOICE, voice), Map.of(), new byte[0]);
  }

  private static Send json(String path, String body) {
    return (raw, voice) -> raw.send("POST", path, Map.of("Content-Type", JSON), utf8(body.replace(VOICE, voice)));
  }

  private static Send form(List<Part> parts) {
    return (raw, voice) -> send(raw, RawHttp.multipart(parts));
  }

  private static Send clone(String name, String fileName, String type, byte[] audio) {
    return (raw, voice) -> send(raw, cloneForm(name, fileName, type, audio));
  }

  private static Send designPreview(String instructJson, String textJson) {
    return json("/api/voices/design/preview", "{\"instruct\":\"" + instructJson + "\",\"text\":\"" + textJson
        + "\",\"language\":\"English\"}");
  }

  private static Send designSave(String instruct, String fileName, byte[] audio) {
    return (raw, voice) -> raw.send("POST", "/api/voices/design", Map.of("Content-Type", RawHttp.MULTIPART),
        RawHttp.multipart(List.of(Part.field("name", "Designed"), Part.field("text", DesignApiTest.TEXT),
            Part.field("language", "English"), Part.field("instruct", instruct),
            Part.file("audio", fileName, "audio/wav", audio))));
  }

  private static byte[] cloneForm(String name, String fileName, String type, byte[] audio) {
    return RawHttp.multipart(List.of(Part.field("name", name), Part.file("audio", fileName, type, audio),
        Part.field("transcript", TestServer.TRANSCRIPT), Part.field("language", "English")));
  }

  private static RawHttp.Response send(RawHttp raw, byte[] form) {
    return raw.send("POST", "/api/clone", Map.of("Content-Type", RawHttp.MULTIPART), form);
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] head(byte[] bytes, int fraction) {
    return Arrays.copyOf(bytes, bytes.length / fraction);
  }

  private static byte[] withRate(byte[] wav, int rate) {
    byte[] copy = wav.clone();
    for (int i = 0; i < 4; i++) {
      copy[24 + i] = (byte) (rate >>> (8 * i));
    }
    return copy;
  }

  private static byte[] png() {
    byte[] png = noise(4096);
    byte[] magic = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    System.arraycopy(magic, 0, png, 0, magic.length);
    return png;
  }

  private static byte[] noise(int size) {
    byte[] bytes = new byte[size];
    new java.util.Random(7).nextBytes(bytes);
    return bytes;
  }

  private static byte[] ffmpeg(Path wav, String name, String... codec) throws IOException, InterruptedException {
    Path out = workDir.resolve(name);
    List<String> command = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-loglevel", "error", "-y", "-i", wav.toString()));
    command.addAll(List.of(codec));
    command.add(out.toString());
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, process.waitFor(), "ffmpeg (apt-get install ffmpeg) failed: " + output);
    return Files.readAllBytes(out);
  }

  /** The files under the data directory (but the database's own) and the rows of each table. */
  record Snapshot(List<String> files, Map<String, Long> rows) {
    static Snapshot take() {
      List<String> files = new ArrayList<>();
      try (Stream<Path> top = Files.list(dataDir)) {
        // The database's own files (utter.db, -wal, -shm) come and go with connections: not counted.
        for (Path entry : top.filter(p -> !p.getFileName().toString().startsWith("utter.db")).toList()) {
          try (Stream<Path> walk = Files.walk(entry)) {
            walk.filter(Files::isRegularFile).map(p -> dataDir.relativize(p).toString()).forEach(files::add);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      files.sort(null);
      Map<String, Long> rows = new TreeMap<>();
      try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("utter.db"));
          Statement statement = db.createStatement()) {
        List<String> tables = new ArrayList<>();
        try (ResultSet names = statement.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table' "
            + "AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'flyway_%'")) {
          while (names.next()) {
            tables.add(names.getString(1));
          }
        }
        for (String table : tables) {
          try (ResultSet count = statement.executeQuery("SELECT COUNT(*) FROM \"" + table + "\"")) {
            count.next();
            rows.put(table, count.getLong(1));
          }
        }
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
      return new Snapshot(files, rows);
    }
  }
}
