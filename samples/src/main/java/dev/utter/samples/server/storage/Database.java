package dev.utter.samples.server.storage;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The server's SQLite database at {@code <data>/utter.db}: foreign keys enforced on every connection,
 * schema brought up to date by the Flyway migrations in {@code db/migration} when opened. Each operation
 * takes its own short-lived connection, so the stores are safe to use from any thread.
 *
 * <p>The journal is SQLite's rollback journal, not WAL: a WAL database cannot even be read once its disk
 * is full or mounted read-only (reading needs its shared-memory file), while with a rollback journal
 * reads go on and only writes fail, with {@code SQLITE_FULL} or {@code SQLITE_READONLY} (see {@link
 * DiskFault}). Transactions take the write lock when they begin, so two writers wait for each other
 * instead of failing as busy.
 */
public final class Database {
  private final SQLiteDataSource dataSource;

  private Database(SQLiteDataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Opens (creating if needed) and migrates the database file {@code file}.
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
    try {
      Flyway.configure()
          .dataSource(dataSource)
          .locations("classpath:db/migration")
          .load()
          .migrate();
    } catch (FlywayException e) {
      throw new StorageException("Cannot open or migrate the database " + file, e);
    }
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
