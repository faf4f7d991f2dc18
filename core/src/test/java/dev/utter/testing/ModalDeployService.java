package dev.utter.testing;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The real modal-deploy service ({@code python -m utter_modal serve}) with its fake engine, started on
 * loopback for a test, and stopped by {@link #close()}.
 *
 * <p>The Python interpreter is {@code $UTTER_PYTHON}, else {@code <repo>/.venv/bin/python}. When it
 * is missing or the service does not come up, {@link Builder#start()} <em>fails</em> the test (never
 * skips it) and says how to install the service.
 *
 * <p>The service writes one JSON line per request to its access log; {@link #accessLog()} reads them so
 * tests can assert what the server received.
 */
public final class ModalDeployService implements AutoCloseable {
  private static final String INSTALL = "Install it from the repository root with: "
      + "python3 -m venv .venv && .venv/bin/pip install -e 'modal-deploy[dev]' "
      + "(or point UTTER_PYTHON at a Python that has it)";
  private static final JsonAdapter<Map<String, Object>> LINE =
      new Moshi.Builder().build().adapter(Types.newParameterizedType(Map.class, String.class, Object.class));

  private final Process process;
  private final String baseUrl;
  private final Path accessLog;
  private final Path output;
  private final Path workDir;

  /**
   * One request as the service saw it.
   *
   * @param requestBytes the size of the request body
   * @param hasReferenceAudio whether the JSON body carried {@code ref_audio_base64} or {@code ref_audio_url}
   */
  public record Request(String method, String path, int status, long requestBytes, boolean hasReferenceAudio) {}

  private ModalDeployService(Process process, String baseUrl, Path accessLog, Path output, Path workDir) {
    this.process = process;
    this.baseUrl = baseUrl;
    this.accessLog = accessLog;
    this.output = output;
    this.workDir = workDir;
  }

  /** A builder for the {@code qwen}, {@code echo} or {@code design} service. */
  public static Builder builder(String service) {
    return new Builder(service);
  }

  /** The service's base URL, e.g. {@code http://127.0.0.1:41234}, without a trailing slash. */
  public String baseUrl() {
    return baseUrl;
  }

  /** Every request the service has logged so far, in order. */
  public List<Request> accessLog() {
    try {
      List<Request> requests = new ArrayList<>();
      if (!Files.exists(accessLog)) {
        return requests;
      }
      for (String line : Files.readAllLines(accessLog, StandardCharsets.UTF_8)) {
        if (line.isBlank()) {
          continue;
        }
        Map<String, Object> json = Objects.requireNonNull(LINE.fromJson(line), line);
        requests.add(new Request((String) json.get("method"), (String) json.get("path"),
            ((Number) json.get("status")).intValue(), ((Number) json.get("request_bytes")).longValue(),
            Boolean.TRUE.equals(json.get("has_reference_audio"))));
      }
      return requests;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The service's {@code engine_calls} from {@code /health}: the engine generations it made since it
   * started (a replayed idempotent answer makes none).
   */
  public int engineCalls() {
    try {
      HttpURLConnection connection = (HttpURLConnection) URI.create(baseUrl + "/health").toURL().openConnection();
      connection.setConnectTimeout(2000);
      connection.setReadTimeout(10_000);
      try (var in = connection.getInputStream()) {
        Map<String, Object> json = Objects.requireNonNull(LINE.fromJson(new String(in.readAllBytes(),
            StandardCharsets.UTF_8)), "/health answered null");
        return ((Number) json.get("engine_calls")).intValue();
      } finally {
        connection.disconnect();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("GET " + baseUrl + "/health failed", e);
    }
  }

  /** Kills the service at once ({@code SIGKILL}), as a crash would; {@link #close()} still deletes its files. */
  public void kill() {
    process.destroyForcibly();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        throw new AssertionError("modal-deploy did not die within 10 s of SIGKILL");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("Interrupted while killing modal-deploy", e);
    }
  }

  /** Freezes the service ({@code SIGSTOP}): connections stay open, nothing is answered until {@link #resume()}. */
  public void pause() {
    signal("STOP");
  }

  /** Lets a {@link #pause() paused} service run again ({@code SIGCONT}). */
  public void resume() {
    signal("CONT");
  }

  private void signal(String name) {
    try {
      Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
      if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
        throw new AssertionError("kill -" + name + " " + process.pid() + " failed");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("Interrupted while sending SIG" + name, e);
    }
  }

  /** What the service printed so far, for failure messages. */
  public String output() {
    try {
      return Files.exists(output) ? Files.readString(output, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Stops the service and deletes its files. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
      Files.deleteIfExists(accessLog);
      Files.deleteIfExists(output);
      Files.deleteIfExists(workDir);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Starts a {@link ModalDeployService}. */
  public static final class Builder {
    private final String service;
    private String token;
    private Double delaySeconds;
    private int port;
    private final Map<String, String> environment = new LinkedHashMap<>();
    private Duration startTimeout = Duration.ofSeconds(60);

    private Builder(String service) {
      this.service = Objects.requireNonNull(service, "service == null");
    }

    /** Requires {@code Authorization: Bearer <token>} on every route but {@code /health}. */
    public Builder token(String token) {
      this.token = Objects.requireNonNull(token, "token == null");
      return this;
    }

    /** Delays every generation by this long (to simulate a slow GPU). */
    public Builder delay(Duration delay) {
      this.delaySeconds = delay.toMillis() / 1000.0;
      return this;
    }

    /** Listens on {@code port} (to restart a service where its clients expect it); default a free port. */
    public Builder port(int port) {
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("port must be 1-65535, got " + port);
      }
      this.port = port;
      return this;
    }

    /** Sets an environment variable of the service's process, e.g. {@code UTTER_MAX_BATCH_SIZE}. */
    public Builder env(String name, String value) {
      environment.put(Objects.requireNonNull(name, "name == null"), Objects.requireNonNull(value, "value == null"));
      return this;
    }

    /** How long to wait for {@code /health}; default 60 s. */
    public Builder startTimeout(Duration startTimeout) {
      this.startTimeout = Objects.requireNonNull(startTimeout, "startTimeout == null");
      return this;
    }

    /** Starts the service and waits until {@code /health} answers. @throws AssertionError when it cannot. */
    public ModalDeployService start() {
      Path root = repositoryRoot();
      String python = pythonExecutable(root);
      try {
        Path workDir = Files.createTempDirectory("modal-deploy-" + service);
        Path accessLog = workDir.resolve("access.jsonl");
        Path output = workDir.resolve("output.txt");
        int port = this.port != 0 ? this.port : freePort();
        List<String> command = new ArrayList<>(List.of(python, "-m", "utter_modal", "serve",
            "--service", service, "--engine", "fake", "--host", "127.0.0.1", "--port", Integer.toString(port),
            "--access-log", accessLog.toString()));
        if (token != null) {
          command.addAll(List.of("--token", token));
        }
        if (delaySeconds != null) {
          command.addAll(List.of("--delay", String.format(Locale.ROOT, "%.3f", delaySeconds)));
        }
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile())
            .redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().remove("UTTER_SERVICE_TOKEN");
        builder.environment().putAll(environment);
        Process process = builder.start();
        String baseUrl = "http://127.0.0.1:" + port;
        ModalDeployService started = new ModalDeployService(process, baseUrl, accessLog, output, workDir);
        awaitHealthy(started, process);
        return started;
      } catch (IOException e) {
        throw new AssertionError("Cannot start modal-deploy's " + service + " service with " + python + ": "
            + e.getMessage() + ". " + INSTALL, e);
      }
    }

    private void awaitHealthy(ModalDeployService started, Process process) {
      long deadline = System.nanoTime() + startTimeout.toNanos();
      try {
        while (System.nanoTime() < deadline) {
          if (process.waitFor(200, TimeUnit.MILLISECONDS)) {
            throw new AssertionError("modal-deploy's " + service + " service exited with status "
                + process.exitValue() + ":\n" + started.output() + "\n" + INSTALL);
          }
          if (healthy(started.baseUrl)) {
            return;
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        started.close();
        throw new AssertionError("Interrupted while starting modal-deploy", e);
      }
      String output = started.output();
      started.close();
      throw new AssertionError("modal-deploy's " + service + " service did not answer /health within "
          + startTimeout.toSeconds() + " s:\n" + output + "\n" + INSTALL);
    }

    private static boolean healthy(String baseUrl) {
      try {
        HttpURLConnection connection = (HttpURLConnection) URI.create(baseUrl + "/health").toURL().openConnection();
        connection.setConnectTimeout(500);
        connection.setReadTimeout(2000);
        try {
          return connection.getResponseCode() == 200;
        } finally {
          connection.disconnect();
        }
      } catch (IOException notYet) {
        return false;
      }
    }

    private static int freePort() throws IOException {
      try (ServerSocket socket = new ServerSocket(0)) {
        return socket.getLocalPort();
      }
    }

    private static String pythonExecutable(Path root) {
      String configured = System.getenv("UTTER_PYTHON");
      if (configured != null && !configured.isBlank()) {
        return configured.strip();
      }
      Path venv = root.resolve(".venv/bin/python");
      if (!Files.isExecutable(venv)) {
        throw new AssertionError("No Python for modal-deploy: UTTER_PYTHON is not set and " + venv
            + " does not exist. " + INSTALL);
      }
      return venv.toString();
    }

    private static Path repositoryRoot() {
      Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
      for (Path d = dir; d != null; d = d.getParent()) {
        if (Files.isDirectory(d.resolve("modal-deploy")) && Files.exists(d.resolve("pom.xml"))) {
          return d;
        }
      }
      throw new AssertionError("No modal-deploy/ folder above " + dir + ": run the tests inside the repository");
    }
  }
}
