package dev.utter.provider.qwen;

import dev.utter.audio.PcmAudio;
import dev.utter.audio.Wav;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okio.Buffer;

/** A MockWebServer dispatcher that answers each path from its own queue and records every request. */
final class ScriptedQwenService extends Dispatcher {
  private final Map<String, Deque<MockResponse>> scripts = new HashMap<>();
  private final List<RecordedRequest> requests = new ArrayList<>();

  synchronized ScriptedQwenService on(String path, MockResponse response) {
    scripts.computeIfAbsent(path, p -> new ArrayDeque<>()).add(response);
    return this;
  }

  synchronized List<RecordedRequest> requests() {
    return List.copyOf(requests);
  }

  synchronized List<RecordedRequest> requests(String path) {
    return requests.stream().filter(r -> r.getUrl().encodedPath().equals(path)).toList();
  }

  @Override
  public synchronized MockResponse dispatch(RecordedRequest request) {
    requests.add(request);
    Deque<MockResponse> script = scripts.get(request.getUrl().encodedPath());
    if (script == null || script.isEmpty()) {
      return json(500, "{\"detail\":\"unscripted " + request.getMethod() + " " + request.getUrl().encodedPath() + "\"}");
    }
    return script.size() == 1 ? script.peek() : script.poll(); // the last answer repeats
  }

  static MockResponse json(int code, String body) {
    return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build();
  }

  static MockResponse wav(PcmAudio audio) {
    return new MockResponse.Builder().code(200).addHeader("Content-Type", "audio/wav")
        .body(new Buffer().write(Wav.write(audio))).build();
  }

  static PcmAudio tone(int sampleRate, int samples) {
    short[] out = new short[samples];
    for (int i = 0; i < samples; i++) {
      out[i] = (short) (2000 * Math.sin(i / 7.0));
    }
    return PcmAudio.of(sampleRate, out);
  }
}
