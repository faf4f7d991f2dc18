package dev.utter.samples.server;

import dev.utter.Utter;
import dev.utter.samples.server.api.Routes;
import dev.utter.samples.server.api.UploadRules;
import dev.utter.samples.server.config.Limits;
import dev.utter.samples.server.config.ServerConfig;
import dev.utter.samples.server.speech.Speaker;
import dev.utter.samples.server.speech.VoiceCache;
import dev.utter.samples.server.storage.DataFiles;
import dev.utter.samples.server.storage.Database;
import dev.utter.samples.server.storage.GenerationStore;
import dev.utter.samples.server.storage.TaskStore;
import dev.utter.samples.server.storage.VoiceStore;
import dev.utter.samples.server.tasks.GenerationSlots;
import dev.utter.samples.server.tasks.JobTimings;
import dev.utter.samples.server.tasks.TaskRunner;
import dev.utter.spi.ProviderSettings;
import dev.utter.spi.TtsProvider;
import io.javalin.Javalin;
import io.javalin.config.SizeUnit;
import io.javalin.http.staticfiles.Location;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * The utter web app: pages, JSON API and audio files over one database and data directory: a SQLite
 * file in the data directory for one instance, or a PostgreSQL database ({@link ServerConfig#database()})
 * that several instances share along with the data directory.
 *
 * <pre>{@code
 * try (UtterServer server = UtterServer.start(ServerConfig.fromArgs(args))) {
 *   System.out.println("Listening on " + server.url());
 * }
 * }</pre>
 *
 * <p>Starting checks that the data directory can be written, waits for PostgreSQL if it does not answer
 * yet (a bounded time), migrates the database, and removes whatever a crash left behind (everything in
 * {@code tmp/}, half-written and unrecorded files in {@code references/} and {@code generated/}; on a
 * shared database only what is older than {@link #SHARED_SPARE}, since the rest may be another
 * instance's work in flight). On SQLite it marks tasks that a previous run left unfinished as failed; on
 * PostgreSQL it leaves them to be taken over once their lease runs out ({@link TaskRunner}).
 * {@link #close()} stops the HTTP server, stops running generations (their tasks stay as they were, as
 * after a crash) and closes the client and the database.
 */
public final class UtterServer implements AutoCloseable {
  /** On a shared data directory, leftovers younger than this may be another instance's work in flight. */
  public static final Duration SHARED_SPARE = Duration.ofMinutes(10);

  private final ServerConfig config;
  private final Javalin app;
  private final Utter utter;
  private final TaskRunner runner;
  private final Database database;

  private UtterServer(ServerConfig config, Javalin app, Utter utter, TaskRunner runner, Database database) {
    this.config = config;
    this.app = app;
    this.utter = utter;
    this.runner = runner;
    this.database = database;
  }

  /** Starts with the provider {@code config} names and the {@link Limits} set in the environment. */
  public static UtterServer start(ServerConfig config) {
    Objects.requireNonNull(config, "config == null");
    Limits limits = Limits.fromEnv();
    JobTimings timings = JobTimings.parse(System.getenv());
    Utter utter = Utter.builder().provider(config.providerId(), ProviderSettings.fromEnv()).build();
    return start(config, limits, timings, utter);
  }

  /** Starts with {@code provider}, which the caller keeps and closes (tests pass a recording mock), and default limits. */
  public static UtterServer start(ServerConfig config, TtsProvider provider) {
    return start(config, Limits.DEFAULTS, provider);
  }

  /** Starts with {@code provider}, which the caller keeps and closes, and {@code limits}. */
  public static UtterServer start(ServerConfig config, Limits limits, TtsProvider provider) {
    return start(config, limits, JobTimings.DEFAULTS, provider);
  }

  /** Starts with {@code provider}, which the caller keeps and closes, {@code limits} and job {@code timings}. */
  public static UtterServer start(ServerConfig config, Limits limits, JobTimings timings, TtsProvider provider) {
    Objects.requireNonNull(config, "config == null");
    Objects.requireNonNull(limits, "limits == null");
    Objects.requireNonNull(timings, "timings == null");
    Objects.requireNonNull(provider, "provider == null");
    return start(config, limits, timings, Utter.builder().provider(provider).build());
  }

  private static UtterServer start(ServerConfig config, Limits limits, JobTimings timings, Utter utter) {
    Clock clock = Clock.systemUTC();
    TaskRunner runner = null;
    Database database = null;
    try {
      boolean shared = config.database() != null;
      DataFiles files = DataFiles.open(config.dataDir(), shared ? SHARED_SPARE : Duration.ZERO, clock);
      database = shared
          ? Database.connect(config.database(), clock, Database.Sleeper.REAL)
          : Database.open(files.root().resolve("utter.db"));
      VoiceStore voices = new VoiceStore(database);
      GenerationStore generations = new GenerationStore(database);
      TaskStore tasks = new TaskStore(database, clock);
      Set<String> stored = new HashSet<>(voices.referencePaths());
      stored.addAll(generations.audioPaths());
      files.removeUnreferenced(stored);
      VoiceCache voiceCache = new VoiceCache(files, limits.voiceCacheBytes());
      voices.onDelete(voiceCache::forget);
      Speaker speaker = new Speaker(utter, voiceCache, generations, files, clock);
      if (!shared) {
        TaskRunner.failInterrupted(tasks);
      }
      runner = new TaskRunner(speaker, tasks, voices, files, "instance-" + DataFiles.newId(),
          limits.taskConcurrency(), limits.taskQueueLimit(), limits.retryAfter(), timings, clock);
      GenerationSlots slots = new GenerationSlots(limits.syncConcurrency(), limits.retryAfter());

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
        c.jetty.multipartConfig.maxFileSize(UploadRules.MAX_UPLOAD_BYTES, SizeUnit.BYTES);
        c.jetty.multipartConfig.maxTotalRequestSize(UploadRules.MAX_FORM_BYTES, SizeUnit.BYTES);
        c.jetty.multipartConfig.maxInMemoryFileSize(1, SizeUnit.MB);
      });
      Routes.register(app, voices, generations, files, database, speaker, runner, slots, config, app::port, clock);
      app.start(config.bind(), config.port());
      return new UtterServer(config, app, utter, runner, database);
    } catch (RuntimeException e) {
      if (runner != null) {
        runner.close();
      }
      if (database != null) {
        database.close();
      }
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
    database.close();
  }
}
