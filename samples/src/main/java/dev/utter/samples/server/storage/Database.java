package dev.utter.samples.server.storage;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import org.flywaydb.core.Flyway;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The server's SQLite database at {@code <data>/utter.db}: WAL journal, foreign keys enforced on every
 * connection, schema brought up to date by the Flyway migrations in {@code db/migration} when opened.
 * Each operation takes its own short-lived connection, so the stores are safe to use from any thread.
 */
public final class Database {
  private final SQLiteDataSource dataSource;

  private Database(SQLiteDataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Opens (creating if needed) and migrates the database file {@code file}. */
  public static Database open(Path file) {
    Objects.requireNonNull(file, "file == null");
    SQLiteConfig config = new SQLiteConfig();
    config.enforceForeignKeys(true);
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setBusyTimeout(10_000);
    SQLiteDataSource dataSource = new SQLiteDataSource(config);
    dataSource.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
    Flyway.configure()
        .dataSource(dataSource)
        .locations("classpath:db/migration")
        .load()
        .migrate();
    return new Database(dataSource);
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

  /** Work done on one connection. */
  @FunctionalInterface
  interface SqlWork<T> {
    T run(Connection connection) throws SQLException;
  }
}
