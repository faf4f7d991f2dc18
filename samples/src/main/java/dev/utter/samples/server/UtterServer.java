package dev.utter.samples.server;

import dev.utter.Utter;
import dev.utter.samples.server.api.Routes;
import dev.utter.samples.server.config.ServerConfig;
import dev.utter.samples.server.speech.Speaker;
import dev.utter.samples.server.storage.DataFiles;
import dev.utter.samples.server.storage.Database;
import dev.utter.samples.server.storage.GenerationStore;
import dev.utter.samples.server.storage.TaskStore;
import dev.utter.samples.server.storage.VoiceStore;
import dev.utter.samples.server.tasks.GenerationSlots;
import dev.utter.samples.server.tasks.TaskRunner;
import dev.utter.spi.ProviderSettings;
import dev.utter.spi.TtsProvider;
import dev.utter.validation.Validation;
import io.javalin.Javalin;
import io.javalin.config.SizeUnit;
import io.javalin.http.staticfiles.Location;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * The utter web app: pages, JSON API and audio files over one SQLite database and data directory.
 *
 * <pre>{@code
 * try (UtterServer server = UtterServer.start(ServerConfig.fromArgs(args))) {
 *   System.out.println("Listening on " + server.url());
 * }
 * }</pre>
 *
 * <p>Starting migrates the database, clears leftovers in {@code tmp/} and marks tasks that a previous
 * run left unfinished as failed. {@link #close()} stops the HTTP server, stops running generations
 * (their tasks stay as they were, to be marked failed by the next start) and closes the client.
 */
public final class UtterServer implements AutoCloseable {
  /** Generations a request waits for ({@code /v1/audio/speech}) that run at once; one more is 503. */
  private static final int SYNC_GENERATIONS = 4;
  private static final Duration RETRY_AFTER = Duration.ofSeconds(5);

  private final ServerConfig config;
  private final Javalin app;
  private final Utter utter;
  private final TaskRunner runner;

  private UtterServer(ServerConfig config, Javalin app, Utter utter, TaskRunner runner) {
    this.config = config;
    this.app = app;
    this.utter = utter;
    this.runner = runner;
  }

  /** Starts with the provider {@code config} names, configured from the environment. */
  public static UtterServer start(ServerConfig config) {
    Objects.requireNonNull(config, "config == null");
    Utter utter = Utter.builder().provider(config.providerId(), ProviderSettings.fromEnv()).build();
    return start(config, utter);
  }

  /** Starts with {@code provider}, which the caller keeps and closes (tests pass a recording mock). */
  public static UtterServer start(ServerConfig config, TtsProvider provider) {
    Objects.requireNonNull(config, "config == null");
    Objects.requireNonNull(provider, "provider == null");
    return start(config, Utter.builder().provider(provider).build());
  }

  private static UtterServer start(ServerConfig config, Utter utter) {
    Clock clock = Clock.systemUTC();
    try {
      DataFiles files = DataFiles.open(config.dataDir());
      Database database = Database.open(files.root().resolve("utter.db"));
      VoiceStore voices = new VoiceStore(database);
      GenerationStore generations = new GenerationStore(database);
      TaskStore tasks = new TaskStore(database, clock);
      Speaker speaker = new Speaker(utter, generations, files, clock);
      TaskRunner runner = new TaskRunner(speaker, tasks);
      runner.failInterrupted();

      Javalin app = Javalin.create(c -> {
        c.showJavalinBanner = false;
        c.http.disableCompression();
        c.staticFiles.add(s -> {
          s.hostedPath = "/";
          s.directory = "/web";
          s.location = Location.CLASSPATH;
        });
        Routes.configure(c);
        c.jetty.multipartConfig.cacheDirectory(files.tmp().toString());
        c.jetty.multipartConfig.maxFileSize(Validation.MAX_REFERENCE_BYTES, SizeUnit.BYTES);
        c.jetty.multipartConfig.maxTotalRequestSize(Validation.MAX_REFERENCE_BYTES + 1024 * 1024, SizeUnit.BYTES);
        c.jetty.multipartConfig.maxInMemoryFileSize(1, SizeUnit.MB);
      });
      GenerationSlots slots = new GenerationSlots(SYNC_GENERATIONS, RETRY_AFTER);
      Routes.register(app, voices, generations, files, speaker, runner, slots, config, app::port, clock);
      app.start(config.bind(), config.port());
      return new UtterServer(config, app, utter, runner);
    } catch (RuntimeException e) {
      utter.close();
      throw e;
    }
  }

  /** The port the server listens on (the free one it picked when configured with 0). */
  public int port() {
    return app.port();
  }

  /** {@code http://HOST:PORT}. */
  public String url() {
    return "http://" + config.bind() + ":" + port();
  }

  @Override
  public void close() {
    app.stop();
    runner.close();
    utter.close();
  }
}
