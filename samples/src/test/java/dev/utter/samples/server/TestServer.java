package dev.utter.samples.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.squareup.moshi.Moshi;
import dev.utter.provider.mock.MockTtsProvider;
import dev.utter.samples.server.config.ServerConfig;
import dev.utter.spi.ProviderCapabilities;
import dev.utter.Language;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.Headers;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/** The real server on a free loopback port over a data directory, with a recording mock provider. */
final class TestServer implements AutoCloseable {
  /** Qwen-like, but one short chunk a call, so that a few sentences make several progress steps. */
  static final ProviderCapabilities SMALL_CHUNKS = ProviderCapabilities.builder()
      .sampleRate(16_000)
      .requiresTranscript(true)
      .languages(EnumSet.allOf(Language.class))
      .maxCharsPerCall(60)
      .maxBatchSize(1)
      .build();
  static final String TRANSCRIPT = "Hello, this is my voice sample for testing.";
  private static final MediaType JSON = MediaType.get("application/json");
  private static final Moshi MOSHI = new Moshi.Builder().build();

  final MockTtsProvider provider;
  final UtterServer server;
  /** The server's API key, or null; {@link #postJson} and {@link #cloneVoice} send it, the other helpers do not. */
  final String apiKey;
  final Path dataDir;
  final String base;
  final OkHttpClient http = new OkHttpClient.Builder()
      .readTimeout(30, TimeUnit.SECONDS)
      .writeTimeout(60, TimeUnit.SECONDS)
      .build();

  private TestServer(ServerConfig config, MockTtsProvider provider) {
    this.dataDir = config.dataDir();
    this.apiKey = config.apiKey();
    this.provider = provider;
    this.server = UtterServer.start(config, provider);
    this.base = server.url();
  }

  static TestServer start(Path dataDir) {
    return start(dataDir, Duration.ofMillis(5), null);
  }

  static TestServer start(Path dataDir, Duration latency, String apiKey) {
    return start(new ServerConfig(0, "127.0.0.1", dataDir, "mock", apiKey), latency);
  }

  /** The server under {@code config} (port 0 for a free one), on the mock provider with {@code latency} a call. */
  static TestServer start(ServerConfig config, Duration latency) {
    MockTtsProvider provider = MockTtsProvider.builder()
        .capabilities(SMALL_CHUNKS)
        .latency(latency, Duration.ZERO)
        .build();
    return new TestServer(config, provider);
  }

  /** A raw-socket client for this server. */
  RawHttp raw() {
    return new RawHttp(server.port());
  }

  /** The server over {@code provider}, which it closes. */
  static TestServer start(Path dataDir, MockTtsProvider provider) {
    return new TestServer(new ServerConfig(0, "127.0.0.1", dataDir, "mock", null), provider);
  }

  /** A response read whole. */
  record Reply(int code, String body, Headers headers) {
    @SuppressWarnings("unchecked")
    Map<String, Object> json() {
      try {
        return (Map<String, Object>) MOSHI.adapter(Object.class).fromJson(body);
      } catch (IOException e) {
        throw new UncheckedIOException("Not JSON: " + body, e);
      }
    }

    String detail() {
      return (String) json().get("detail");
    }
  }

  Reply send(Request.Builder request) {
    try (Response response = http.newCall(request.build()).execute()) {
      return new Reply(response.code(), response.body().string(), response.headers());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Reply get(String path) {
    return send(new Request.Builder().url(base + path));
  }

  Reply delete(String path) {
    return send(new Request.Builder().url(base + path).delete());
  }

  Reply postJson(String path, String json) {
    return send(authorized(new Request.Builder().url(base + path).post(RequestBody.create(json, JSON))));
  }

  /** {@code request} with the server's API key, when it has one. */
  Request.Builder authorized(Request.Builder request) {
    return apiKey == null ? request : request.header("X-API-Key", apiKey);
  }

  Reply postJson(String path, Map<String, ?> body) {
    return postJson(path, MOSHI.adapter(Object.class).toJson(body));
  }

  Reply clone(String name, byte[] audio, String fileName, String transcript, String language) {
    return send(cloneRequest(name, audio, fileName, transcript, language));
  }

  private Request.Builder cloneRequest(String name, byte[] audio, String fileName, String transcript, String language) {
    MultipartBody.Builder form = new MultipartBody.Builder().setType(MultipartBody.FORM);
    if (name != null) {
      form.addFormDataPart("name", name);
    }
    if (audio != null) {
      form.addFormDataPart("audio", fileName, RequestBody.create(audio, MediaType.get("audio/wav")));
    }
    if (transcript != null) {
      form.addFormDataPart("transcript", transcript);
    }
    if (language != null) {
      form.addFormDataPart("language", language);
    }
    return new Request.Builder().url(base + "/api/clone").post(form.build());
  }

  /** Clones a voice from a 12 s tone and returns its id. */
  String cloneVoice(String name) {
    Reply reply = send(authorized(cloneRequest(name, TestAudio.wav(12), "reference.wav", TRANSCRIPT, "English")));
    assertEquals(201, reply.code(), reply.body());
    return (String) reply.json().get("id");
  }

  @Override
  public void close() {
    server.close();
    provider.close();
  }
}
