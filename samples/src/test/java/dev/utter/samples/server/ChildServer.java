package dev.utter.samples.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The server as a JVM of its own ({@code java ... Main}) over a data directory, on the mock provider:
 * to bound its heap, or to kill it with {@code kill -9}. Its stdout and stderr are kept in memory.
 */
final class ChildServer extends ApiClient implements AutoCloseable {
  private static final String LISTENING = "Listening on ";

  final Process process;
  private final StringBuilder output;

  private ChildServer(String base, Process process, StringBuilder output) {
    super(base, null);
    this.process = process;
    this.output = output;
  }

  /**
   * Starts the server and waits until it listens.
   *
   * @param env variables on top of a clean environment (no UTTER_* or TTS_* from the caller's)
   * @param jvmOptions e.g. {@code -Xmx512m}
   */
  static ChildServer start(Path dataDir, Map<String, String> env, String... jvmOptions) {
    Process process = launch(dataDir, env, jvmOptions);
    StringBuilder output = new StringBuilder();
    BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    try {
      String line;
      while ((line = lines.readLine()) != null) {
        append(output, line);
        if (line.startsWith(LISTENING)) {
          Thread drain = new Thread(() -> drain(lines, output), "child-server-output");
          drain.setDaemon(true);
          drain.start();
          return new ChildServer(line.substring(LISTENING.length()).strip(), process, output);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    throw new AssertionError("The server ended before it listened:\n" + output);
  }

  /** Starts the server, expecting it to exit on its own within a minute; returns how. */
  static Exit startExpectingExit(Path dataDir, Map<String, String> env) throws InterruptedException {
    Process process = launch(dataDir, env);
    StringBuilder output = new StringBuilder();
    Thread drain = new Thread(() -> drain(new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)), output), "child-server-output");
    drain.start();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
      throw new AssertionError("The server did not exit:\n" + output);
    }
    drain.join(TimeUnit.SECONDS.toMillis(10));
    return new Exit(process.exitValue(), lines(output));
  }

  /** How a server that did not start ended: its exit status and everything it printed. */
  record Exit(int status, List<String> lines) {}

  /** Everything the server printed so far, line by line. */
  List<String> output() {
    return lines(output);
  }

  private static List<String> lines(StringBuilder output) {
    synchronized (output) {
      return output.isEmpty() ? List.of() : List.of(output.toString().split("\n"));
    }
  }

  /** {@code kill -9}: the server gets no chance to clean up. */
  void kill() throws InterruptedException {
    process.destroyForcibly().waitFor();
  }

  @Override
  public void close() throws InterruptedException {
    kill();
  }

  private static Process launch(Path dataDir, Map<String, String> env, String... jvmOptions) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of(jvmOptions));
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(),
        "--port", "0", "--bind", "127.0.0.1", "--data-dir", dataDir.toString(), "--provider", "mock"));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().keySet().removeIf(name -> name.startsWith("UTTER_") || name.startsWith("TTS_"));
    builder.environment().putAll(env);
    try {
      return builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void drain(BufferedReader lines, StringBuilder output) {
    try {
      String line;
      while ((line = lines.readLine()) != null) {
        append(output, line);
      }
    } catch (IOException e) {
      append(output, "(output ended: " + e + ")");
    }
  }

  private static void append(StringBuilder output, String line) {
    synchronized (output) {
      output.append(line).append('\n');
    }
  }
}
