package dev.utter.samples.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.squareup.moshi.Moshi;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.Headers;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/** A client of the utter API at {@code base} over real HTTP, for servers in this JVM or a child one. */
class ApiClient {
  static final String TRANSCRIPT = "Hello, this is my voice sample for testing.";
  private static final MediaType JSON = MediaType.get("application/json");
  private static final Moshi MOSHI = new Moshi.Builder().build();

  final String base;
  /** The server's API key, or null; {@link #postJson} and {@link #cloneVoice} send it, the other helpers do not. */
  final String apiKey;
  final OkHttpClient http = new OkHttpClient.Builder()
      .readTimeout(30, TimeUnit.SECONDS)
      .writeTimeout(60, TimeUnit.SECONDS)
      .build();

  ApiClient(String base, String apiKey) {
    this.base = base;
    this.apiKey = apiKey;
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

  private Request.Builder cloneRequest(String name, byte[] audio, String fileName, String transcript,
      String language) {
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

  /** Starts a background task and returns its id. */
  String submitTask(String voiceId, String text) {
    Reply reply = postJson("/api/tasks", Map.of("voice_id", voiceId, "text", text));
    assertEquals(202, reply.code(), reply.body());
    return (String) reply.json().get("task_id");
  }

  /** The task's status word. */
  String taskStatus(String taskId) {
    return (String) get("/api/tasks/" + taskId).json().get("status");
  }
}
