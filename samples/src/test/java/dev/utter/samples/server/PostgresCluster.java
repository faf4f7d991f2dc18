package dev.utter.samples.server;

import static org.junit.jupiter.api.Assumptions.abort;

import dev.utter.samples.server.config.DatabaseSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL server for tests: Debian's {@code postgresql} package's {@code initdb} and
 * {@code pg_ctl} on a new directory under the system's temporary directory, listening on a free port of
 * 127.0.0.1 only (and a socket in that directory), never a system cluster. Run as the {@code postgres}
 * user (through {@code runuser}) when the tests run as root, since PostgreSQL refuses to run as root.
 * Trust authentication for the user {@value #USER}. {@link #close()} stops it at once and deletes the
 * directory.
 *
 * <p>Without the package the tests abort (skipped) with a message saying so; {@code scripts/test.sh}
 * installs it.
 */
final class PostgresCluster implements AutoCloseable {
  static final String USER = "utter";
  private static final AtomicInteger DATABASES = new AtomicInteger();

  private final Path bin;
  private final Path dir;
  final int port;
  private boolean running;

  private PostgresCluster(Path bin, Path dir, int port) {
    this.bin = bin;
    this.dir = dir;
    this.port = port;
  }

  /** A new cluster, initialized and running. */
  static PostgresCluster start() {
    PostgresCluster cluster = init();
    cluster.run();
    return cluster;
  }

  /** A new cluster, initialized on a free port but not started: {@link #run()} starts it. */
  static PostgresCluster init() {
    Path bin = binaries().orElse(null);
    if (bin == null) {
      abort("PostgreSQL is not installed (no initdb/pg_ctl in /usr/lib/postgresql/*/bin or on the PATH):"
          + " these tests need a real server; scripts/test.sh installs Debian's postgresql package");
    }
    try {
      Path dir = Files.createTempDirectory("utter-pg-");
      PostgresCluster cluster = new PostgresCluster(bin, dir, freePort());
      if (asRoot()) {
        exec(List.of("chown", "postgres:", dir.toString()), Duration.ofSeconds(10));
      }
      cluster.pg(Duration.ofSeconds(120), "initdb", "-D", dir.resolve("data").toString(), "-U", USER,
          "-A", "trust", "-E", "UTF8", "--no-sync", "--locale=C.UTF-8");
      return cluster;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Starts the server and waits until it accepts connections. */
  void run() {
    pg(Duration.ofSeconds(60), "pg_ctl", "-D", dir.resolve("data").toString(), "-l", dir.resolve("log").toString(),
        "-w", "-t", "50", "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off"
            + " -c max_connections=200", "start");
    running = true;
  }

  /** Stops the server at once, as a crash of the database would (its data stays for {@link #run()}). */
  void stop() {
    if (running) {
      pg(Duration.ofSeconds(60), "pg_ctl", "-D", dir.resolve("data").toString(), "-m", "immediate", "-w", "stop");
      running = false;
    }
  }

  /** The settings of a new empty database on this server, waiting up to {@code startupWait} at start-up. */
  DatabaseSettings newDatabase(Duration startupWait) {
    String name = "utter_" + DATABASES.incrementAndGet();
    try (Connection c = DriverManager.getConnection(url("postgres"), USER, null); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot create database " + name + ": " + e.getMessage(), e);
    }
    return settings(name, startupWait);
  }

  /** The settings of database {@code name}, which may not exist yet. */
  DatabaseSettings settings(String name, Duration startupWait) {
    return new DatabaseSettings(url(name), USER, "unused-with-trust", startupWait);
  }

  String url(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
  }

  @Override
  public void close() {
    try {
      stop();
    } finally {
      try (Stream<Path> tree = Files.walk(dir)) {
        tree.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        // Left in the temporary directory.
      }
    }
  }

  private void pg(Duration timeout, String program, String... args) {
    List<String> command = new ArrayList<>();
    if (asRoot()) {
      command.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    command.add(bin.resolve(program).toString());
    command.addAll(List.of(args));
    exec(command, timeout);
  }

  private static void exec(List<String> command, Duration timeout) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      process.getOutputStream().close();
      byte[] output = process.getInputStream().readAllBytes();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("Timed out: " + command);
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException(command + " exited " + process.exitValue() + ":\n" + new String(output));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static boolean asRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  /** The newest {@code /usr/lib/postgresql/N/bin}, else the directory of {@code pg_ctl} on the PATH. */
  private static Optional<Path> binaries() {
    Path debian = Path.of("/usr/lib/postgresql");
    if (Files.isDirectory(debian)) {
      try (Stream<Path> versions = Files.list(debian)) {
        Optional<Path> newest = versions.map(v -> v.resolve("bin"))
            .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl")))
            .max(Comparator.comparing(b -> version(b.getParent().getFileName().toString())));
        if (newest.isPresent()) {
          return newest;
        }
      } catch (IOException e) {
        // Fall through to the PATH.
      }
    }
    return Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
        .map(Path::of)
        .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl")))
        .findFirst();
  }

  private static int version(String name) {
    try {
      return Integer.parseInt(name);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
