package dev.utter.samples.server.storage;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code generation_tasks} table. Every change of state is conditional on the task not being
 * final yet, so a late progress report cannot revive a cancelled task. Thread-safe.
 */
public final class TaskStore {
  private static final String NOT_FINAL = "status IN ('pending', 'processing')";

  private final Database database;
  private final Clock clock;

  public TaskStore(Database database, Clock clock) {
    this.database = Objects.requireNonNull(database, "database == null");
    this.clock = Objects.requireNonNull(clock, "clock == null");
  }

  /** Inserts a new pending task. */
  public TaskRecord insert(String id, String voiceId, String text, String language) {
    String now = Timestamps.now(clock);
    database.with(c -> {
      try (PreparedStatement s = c.prepareStatement(
          "INSERT INTO generation_tasks (id, voice_id, text, language, status, created_at, updated_at)"
              + " VALUES (?, ?, ?, ?, 'pending', ?, ?)")) {
        s.setString(1, id);
        s.setString(2, voiceId);
        s.setString(3, text);
        s.setString(4, language);
        s.setString(5, now);
        s.setString(6, now);
        return s.executeUpdate();
      }
    });
    return find(id).orElseThrow();
  }

  public Optional<TaskRecord> find(String id) {
    return database.with(c -> {
      try (PreparedStatement s = c.prepareStatement(
          "SELECT id, voice_id, text, language, status, chunks_done, chunks_total, generation_id, error,"
              + " created_at, updated_at FROM generation_tasks WHERE id = ?")) {
        s.setString(1, id);
        try (ResultSet r = s.executeQuery()) {
          return r.next() ? Optional.of(read(r)) : Optional.empty();
        }
      }
    });
  }

  /** Marks a pending task processing; false when it is not pending any more (cancelled, deleted). */
  public boolean start(String id) {
    return update("UPDATE generation_tasks SET status = 'processing', updated_at = ? WHERE id = ?"
        + " AND status = 'pending'", Timestamps.now(clock), id);
  }

  /** Records progress and marks the task processing; false when it is already final. */
  public boolean progress(String id, int chunksDone, int chunksTotal) {
    return update("UPDATE generation_tasks SET status = 'processing', chunks_done = ?, chunks_total = ?,"
        + " updated_at = ? WHERE id = ? AND " + NOT_FINAL, chunksDone, chunksTotal, Timestamps.now(clock), id);
  }

  /** Marks the task completed with its generation; false when it is already final. */
  public boolean complete(String id, String generationId, int chunksTotal) {
    return update("UPDATE generation_tasks SET status = 'completed', chunks_done = ?, chunks_total = ?,"
            + " generation_id = ?, updated_at = ? WHERE id = ? AND " + NOT_FINAL,
        chunksTotal, chunksTotal, generationId, Timestamps.now(clock), id);
  }

  /** Marks the task failed with {@code error}; false when it is already final. */
  public boolean fail(String id, String error) {
    return update("UPDATE generation_tasks SET status = 'failed', error = ?, updated_at = ? WHERE id = ? AND "
        + NOT_FINAL, error, Timestamps.now(clock), id);
  }

  /** Marks the task cancelled; false when it is already final. */
  public boolean cancel(String id) {
    return update("UPDATE generation_tasks SET status = 'cancelled', updated_at = ? WHERE id = ? AND "
        + NOT_FINAL, Timestamps.now(clock), id);
  }

  /** Deletes the task; true when there was one. */
  public boolean delete(String id) {
    return update("DELETE FROM generation_tasks WHERE id = ?", id);
  }

  /** Marks every task a previous run left pending or processing as failed with {@code error}. */
  public int failUnfinished(String error) {
    return database.with(c -> {
      try (PreparedStatement s = c.prepareStatement(
          "UPDATE generation_tasks SET status = 'failed', error = ?, updated_at = ? WHERE " + NOT_FINAL)) {
        s.setString(1, error);
        s.setString(2, Timestamps.now(clock));
        return s.executeUpdate();
      }
    });
  }

  private boolean update(String sql, Object... args) {
    return database.with(c -> {
      try (PreparedStatement s = c.prepareStatement(sql)) {
        for (int i = 0; i < args.length; i++) {
          s.setObject(i + 1, args[i]);
        }
        return s.executeUpdate() > 0;
      }
    });
  }

  private static TaskRecord read(ResultSet r) throws SQLException {
    return new TaskRecord(r.getString("id"), r.getString("voice_id"), r.getString("text"),
        r.getString("language"), TaskStatus.fromWireName(r.getString("status")), r.getInt("chunks_done"),
        r.getInt("chunks_total"), r.getString("generation_id"), r.getString("error"),
        Timestamps.parse(r.getString("created_at")), Timestamps.parse(r.getString("updated_at")));
  }
}
