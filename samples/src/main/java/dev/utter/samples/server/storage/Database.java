package dev.utter.samples.server.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.utter.samples.server.config.DatabaseSettings;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The server's database: the embedded SQLite file {@code <data>/utter.db} for one instance, or a
 * PostgreSQL server that several instances share, reached through a HikariCP pool. Either way the
 * schema is brought up to date when opened by one set of Flyway migrations, {@code db/migration}, whose
 * SQL both databases run as it is; the few statements that differ (a tie-break column, {@code FOR
 * UPDATE SKIP LOCKED}) are chosen by {@link Dialect} in the stores. Each operation takes a short-lived
 * connection, so the stores are safe to use from any thread. {@link #close()} closes the pool.
 *
 * <p>SQLite: foreign keys enforced on every connection; the journal is SQLite's rollback journal, not
 * WAL: a WAL database cannot even be read once its disk is full or mounted read-only (reading needs its
 * shared-memory file), while with a rollback journal reads go on and only writes fail, with {@code
 * SQLITE_FULL} or {@code SQLITE_READONLY} (see {@link DiskFault}). Transactions take the write lock when
 * they begin, so two writers wait for each other instead of failing as busy.
 */
public final class Database implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Database.class);
  /** Between two attempts to reach a database that refused. */
  private static final Duration RETRY_PAUSE = Duration.ofSeconds(1);

  private final DataSource dataSource;
  private final Dialect dialect;
  private final AutoCloseable pool;

  private Database(DataSource dataSource, Dialect dialect, AutoCloseable pool) {
    this.dataSource = dataSource;
    this.dialect = dialect;
    this.pool = pool;
  }

  /** What differs between the two databases in the stores' SQL. */
  enum Dialect {
    SQLITE("rowid", ""),
    POSTGRESQL("id", " FOR UPDATE SKIP LOCKED");

    /** A column that breaks ties of equal timestamps, in insertion order where the database has one. */
    final String tieBreak;
    /** Appended to a SELECT that picks a row to claim: other instances skip it instead of waiting. */
    final String skipLocked;

    Dialect(String tieBreak, String skipLocked) {
      this.tieBreak = tieBreak;
      this.skipLocked = skipLocked;
    }
  }

  /**
   * Opens (creating if needed) and migrates the SQLite database file {@code file}.
   *
   * @throws StorageException when the file cannot be opened or migrated.
   */
  public static Database open(Path file) {
    Objects.requireNonNull(file, "file == null");
    SQLiteConfig config = new SQLiteConfig();
    config.enforceForeignKeys(true);
    config.setJournalMode(SQLiteConfig.JournalMode.DELETE);
    config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
    config.setBusyTimeout(10_000);
    SQLiteDataSource dataSource = new SQLiteDataSource(config);
    dataSource.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
    Database database = new Database(dataSource, Dialect.SQLITE, () -> {});
    database.migrate("the database " + file);
    return database;
  }

  /**
   * Connects to the PostgreSQL database {@code settings} name and migrates it. A database that refuses
   * connections (not started yet, restarting) is tried again every second, with a line in the log each
   * time, for up to {@link DatabaseSettings#startupWait()}.
   *
   * @throws StorageException when it cannot be reached in that time or cannot be migrated, naming the
   *     URL (without password) and the last cause.
   */
  public static Database connect(DatabaseSettings settings, Clock clock, Sleeper sleeper) {
    Objects.requireNonNull(settings, "settings == null");
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(settings.url());
    config.setUsername(settings.user());
    config.setPassword(settings.password());
    config.setPoolName("utter-db");
    config.setMaximumPoolSize(10);
    config.setConnectionTimeout(5_000);
    config.setInitializationFailTimeout(-1); // a database lost later is retried per request, not fatal
    awaitReachable(settings, clock, sleeper);
    HikariDataSource pool = new HikariDataSource(config);
    Database database = new Database(pool, Dialect.POSTGRESQL, pool);
    try {
      database.migrate("the database " + settings.displayUrl());
      return database;
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
  }

  /**
   * Tries a plain connection (not the pool's, which would wait its whole connection timeout on each
   * attempt) until one succeeds or {@code startupWait} has passed.
   */
  private static void awaitReachable(DatabaseSettings settings, Clock clock, Sleeper sleeper) {
    Instant deadline = clock.instant().plus(settings.startupWait());
    Properties credentials = new Properties();
    if (settings.user() != null) {
      credentials.setProperty("user", settings.user());
    }
    if (settings.password() != null) {
      credentials.setProperty("password", settings.password());
    }
    credentials.setProperty("connectTimeout", "5");
    for (int attempt = 1; ; attempt++) {
      try (Connection connection = DriverManager.getConnection(settings.url(), credentials)) {
        if (attempt > 1) {
          log.info("The database at {} answers", settings.displayUrl());
        }
        return;
      } catch (SQLException e) {
        if (!clock.instant().isBefore(deadline)) {
          throw new StorageException("The database at " + settings.displayUrl() + " did not answer within "
              + settings.startupWait().toSeconds() + " s (" + attempt + " attempts): " + e.getMessage(), e);
        }
        log.warn("Waiting for the database at {} (attempt {}, up to {} s): {}", settings.displayUrl(), attempt,
            settings.startupWait().toSeconds(), e.getMessage());
        try {
          sleeper.sleep(RETRY_PAUSE);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw new StorageException("Interrupted while waiting for the database", interrupted);
        }
      }
    }
  }

  private void migrate(String what) {
    try {
      Flyway.configure()
          .dataSource(dataSource)
          .locations("classpath:db/migration")
          .load()
          .migrate();
    } catch (FlywayException e) {
      throw new StorageException("Cannot open or migrate " + what, e);
    }
  }

  /** True for a database that several instances may share (PostgreSQL); false for the SQLite file. */
  public boolean shared() {
    return dialect == Dialect.POSTGRESQL;
  }

  /** The vendor's name, {@code sqlite} or {@code postgresql}. */
  public String vendor() {
    return dialect.name().toLowerCase(Locale.ROOT);
  }

  /**
   * Empty when the database answers a query now; else the failure's message. For health checks: it
   * waits at most the pool's connection timeout (5 s) for PostgreSQL.
   */
  public Optional<String> problem() {
    try (Connection connection = connect(); var s = connection.createStatement()) {
      s.executeQuery("SELECT 1").close();
      return Optional.empty();
    } catch (SQLException e) {
      return Optional.of(String.valueOf(e.getMessage()));
    }
  }

  Dialect dialect() {
    return dialect;
  }

  /** A new connection; the caller closes it. */
  Connection connect() throws SQLException {
    return dataSource.getConnection();
  }

  /** Runs {@code work} on a connection of its own, turning SQL failures into {@link StorageException}. */
  <T> T with(SqlWork<T> work) {
    try (Connection connection = connect()) {
      return work.run(connection);
    } catch (SQLException e) {
      throw new StorageException("Database operation failed", e);
    }
  }

  /**
   * Runs {@code work} in one transaction on a connection of its own: committed when it returns, rolled
   * back when it throws.
   */
  <T> T inTransaction(SqlWork<T> work) {
    return with(c -> {
      c.setAutoCommit(false);
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException | Error e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    });
  }

  @Override
  public void close() {
    try {
      pool.close();
    } catch (Exception e) {
      log.warn("Closing the database pool failed: {}", e.toString());
    }
  }

  /** Work done on one connection. */
  @FunctionalInterface
  interface SqlWork<T> {
    T run(Connection connection) throws SQLException;
  }

  /** Waits between attempts; tests pass one that does not. */
  @FunctionalInterface
  public interface Sleeper {
    Sleeper REAL = duration -> Thread.sleep(duration.toMillis());

    void sleep(Duration duration) throws InterruptedException;
  }
}
