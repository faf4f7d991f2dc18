package dev.utter.benchmarks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.utter.audio.PcmAudio;
import dev.utter.audio.Wav;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A loopback server that speaks the modal-deploy Qwen API just enough for the benchmarks: every
 * {@code /clone} answers the same fixed 10 s WAV, {@code /voices} registers anything, and every request
 * body is counted. It also answers at the separate-endpoint paths (under /inline), which carry the reference every time.
 */
final class LocalQwenServer implements AutoCloseable {
  private static final byte[] HEALTH = ("{\"status\":\"healthy\",\"model\":\"bench\",\"gpu\":\"cpu\","
      + "\"attention_implementation\":\"fake\",\"supported_languages\":[\"Auto\",\"English\"],\"api_version\":\"1\","
      + "\"engine\":\"fake\",\"sample_rate\":24000,\"limits\":{\"max_text_chars\":600,\"max_batch_size\":8,"
      + "\"max_reference_seconds\":300,\"max_body_bytes\":67108864,\"max_new_tokens\":2048}}")
      .getBytes(StandardCharsets.UTF_8);
  private static final byte[] VOICE = "{\"voice_id\":\"qv_0123456789abcdef0123456789abcdef\",\"duration_seconds\":60.0,\"sample_rate\":24000,\"cached\":true}"
      .getBytes(StandardCharsets.UTF_8);

  private final HttpServer server;
  private final byte[] wav;
  final AtomicLong bodyBytes = new AtomicLong();
  final AtomicReference<byte[]> lastCloneBody = new AtomicReference<>();

  LocalQwenServer() throws IOException {
    short[] samples = new short[24_000 * 10];
    for (int i = 0; i < samples.length; i++) {
      samples[i] = (short) (5000 * Math.sin(2 * Math.PI * 180 * i / 24_000.0));
    }
    wav = Wav.write(PcmAudio.of(24_000, samples));
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 128);
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.createContext("/", this::handle);
    server.start();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) throws IOException {
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readAllBytes();
    }
    bodyBytes.addAndGet(body.length);
    String path = exchange.getRequestURI().getPath();
    int status = 200;
    byte[] response;
    String type = "application/json";
    if (path.endsWith("/health")) {
      response = HEALTH;
    } else if (path.endsWith("/voices")) {
      response = VOICE;
    } else if (path.endsWith("/clone")) {
      lastCloneBody.set(body);
      response = wav;
      type = "audio/wav";
    } else {
      status = 404;
      response = "{\"detail\":\"Not Found\",\"code\":\"not_found\"}".getBytes(StandardCharsets.UTF_8);
    }
    exchange.getResponseHeaders().add("Content-Type", type);
    exchange.sendResponseHeaders(status, response.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(response);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }
}
