package dev.utter.samples.server.storage;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@code generation_tasks} table: the durable line of generation jobs that every instance on the
 * database shares. Every change of state is conditional on the task not being final yet, so a late
 * progress report cannot revive a cancelled task; what a worker writes while it runs a job is also
 * conditional on it still owning the job ({@link #claim}), so an instance that lost its lease (it was
 * presumed dead, another instance took the job over) cannot overwrite the new owner's work. Thread-safe.
 */
public final class TaskStore {
  private static final String NOT_FINAL = "status IN ('pending', 'processing')";
  private static final String COLUMNS = "id, voice_id, text, language, status, chunks_done, chunks_total,"
      + " generation_id, error, created_at, updated_at";

  private final Database database;
  private final Clock clock;
  private final AtomicLong lastSeq = new AtomicLong();

  public TaskStore(Database database, Clock clock) {
    this.database = Objects.requireNonNull(database, "database == null");
    this.clock = Objects.requireNonNull(clock, "clock == null");
  }

  /** Inserts a new pending task at the end of the line. */
  public TaskRecord insert(String id, String voiceId, String text, String language) {
    String now = Timestamps.now(clock);
    database.with(c -> {
      try (PreparedStatement s = c.prepareStatement(
          "INSERT INTO generation_tasks (id, voice_id, text, language, status, created_at, updated_at, queue_seq)"
              + " VALUES (?, ?, ?, ?, 'pending', ?, ?, ?)")) {
        s.setString(1, id);
        s.setString(2, voiceId);
        s.setString(3, text);
        s.setString(4, language);
        s.setString(5, now);
        s.setString(6, now);
        s.setLong(7, nextSeq());
        return s.executeUpdate();
      }
    });
    return find(id).orElseThrow();
  }

  /**
   * A place in line: microseconds of the clock, made strictly increasing within this instance, so tasks
   * submitted to one instance keep their order and those of several instances interleave by time.
   */
  private long nextSeq() {
    long now = clock.millis() * 1000;
    return lastSeq.updateAndGet(last -> Math.max(now, last + 1));
  }

  public Optional<TaskRecord> find(String id) {
    return database.with(c -> {
      try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM generation_tasks WHERE id = ?")) {
        s.setString(1, id);
        try (ResultSet r = s.executeQuery()) {
          return r.next() ? Optional.of(read(r)) : Optional.empty();
        }
      }
    });
  }

  /** How many tasks wait in line, on every instance. */
  public int waitingCount() {
    return database.with(c -> {
      try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM generation_tasks WHERE status = 'pending'");
           ResultSet r = s.executeQuery()) {
        r.next();
        return r.getInt(1);
      }
    });
  }

  /** The place of task {@code id} in the shared line, 1 for the next to start; empty when it is not waiting. */
  public OptionalInt queuePosition(String id) {
    return database.with(c -> {
      try (PreparedStatement s = c.prepareStatement(
          "SELECT COUNT(*) FROM generation_tasks w JOIN generation_tasks t ON t.id = ? AND t.status = 'pending'"
              + " WHERE w.status = 'pending' AND (w.queue_seq < t.queue_seq OR (w.queue_seq = t.queue_seq AND w.id <= t.id))")) {
        s.setString(1, id);
        try (ResultSet r = s.executeQuery()) {
          r.next();
          int place = r.getInt(1);
          return place == 0 ? OptionalInt.empty() : OptionalInt.of(place);
        }
      }
    });
  }

  /**
   * Claims the job first in line for {@code owner} until {@code leaseUntil}: the oldest pending one, or a
   * processing one whose owner's lease ran out (that instance died), whichever came first. On PostgreSQL
   * the candidate is locked with {@code FOR UPDATE SKIP LOCKED}, so instances claiming at once take
   * different jobs without waiting for each other; on SQLite the transaction holds the write lock. Jobs
   * whose owner died after a cancel was requested are marked cancelled on the way. Empty when no job
   * waits.
   */
  public Optional<ClaimedTask> claim(String owner, Instant leaseUntil) {
    String now = Timestamps.now(clock);
    return database.inTransaction(c -> {
      try (PreparedStatement s = c.prepareStatement("UPDATE generation_tasks SET status = 'cancelled', updated_at = ?"
          + " WHERE status = 'processing' AND cancel_requested = 1 AND lease_expires_at < ?")) {
        s.setString(1, now);
        s.setString(2, now);
        s.executeUpdate();
      }
      String id;
      int attempts;
      try (PreparedStatement s = c.prepareStatement("SELECT id, attempts FROM generation_tasks"
          + " WHERE status = 'pending' OR (status = 'processing' AND lease_expires_at < ?)"
          + " ORDER BY queue_seq, id LIMIT 1" + database.dialect().skipLocked)) {
        s.setString(1, now);
        try (ResultSet r = s.executeQuery()) {
          if (!r.next()) {
            return Optional.empty();
          }
          id = r.getString(1);
          attempts = r.getInt(2) + 1;
        }
      }
      try (PreparedStatement s = c.prepareStatement("UPDATE generation_tasks SET status = 'processing', owner = ?,"
          + " lease_expires_at = ?, attempts = ?, updated_at = ? WHERE id = ?")) {
        s.setString(1, owner);
        s.setString(2, Timestamps.format(leaseUntil));
        s.setInt(3, attempts);
        s.setString(4, now);
        s.setString(5, id);
        s.executeUpdate();
      }
      try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM generation_tasks WHERE id = ?")) {
        s.setString(1, id);
        try (ResultSet r = s.executeQuery()) {
          r.next();
          return Optional.of(new ClaimedTask(read(r), attempts));
        }
      }
    });
  }

  /** A job as {@link #claim} handed it over: its row, and the how-manieth claim this is (above 1: taken over). */
  public record ClaimedTask(TaskRecord task, int attempt) {}

  /** What renewing a lease found. */
  public enum Lease {
    /** Still ours, renewed. */
    HELD,
    /** Still ours, renewed, and a user asked (on any instance) to cancel it. */
    CANCEL_REQUESTED,
    /** Not ours any more (another instance took it over) or ended (cancelled, deleted). */
    LOST
  }

  /** Extends {@code owner}'s lease on job {@code id} until {@code leaseUntil}, and says whether a cancel is asked for. */
  public Lease renew(String id, String owner, Instant leaseUntil) {
    return database.with(c -> {
      try (PreparedStatement s = c.prepareStatement("UPDATE generation_tasks SET lease_expires_at = ?"
          + " WHERE id = ? AND owner = ? AND status = 'processing'")) {
        s.setString(1, Timestamps.format(leaseUntil));
        s.setString(2, id);
        s.setString(3, owner);
        if (s.executeUpdate() == 0) {
          return Lease.LOST;
        }
      }
      try (PreparedStatement s = c.prepareStatement("SELECT cancel_requested FROM generation_tasks WHERE id = ?")) {
        s.setString(1, id);
        try (ResultSet r = s.executeQuery()) {
          return r.next() && r.getInt(1) != 0 ? Lease.CANCEL_REQUESTED : Lease.HELD;
        }
      }
    });
  }

  /** Records {@code owner}'s progress on job {@code id}; false when it is final or not {@code owner}'s any more. */
  public boolean progress(String id, String owner, int chunksDone, int chunksTotal) {
    return update("UPDATE generation_tasks SET chunks_done = ?, chunks_total = ?, updated_at = ?"
            + " WHERE id = ? AND owner = ? AND status = 'processing'",
        chunksDone, chunksTotal, Timestamps.now(clock), id, owner);
  }

  /**
   * Records {@code generation} as the result of {@code owner}'s job {@code id} and marks the job
   * completed, in one transaction: both or neither. False, with nothing written, when the job is final
   * already or not {@code owner}'s any more, or when the job has a generation already (the unique
   * {@code generations.task_id}): a job has one generation however often it was claimed.
   */
  public boolean complete(String id, String owner, GenerationRecord generation, int chunksTotal) {
    try {
      return database.inTransaction(c -> {
        GenerationStore.insert(c, generation, id);
        try (PreparedStatement s = c.prepareStatement("UPDATE generation_tasks SET status = 'completed',"
            + " chunks_done = ?, chunks_total = ?, generation_id = ?, updated_at = ?"
            + " WHERE id = ? AND owner = ? AND status = 'processing'")) {
          s.setInt(1, chunksTotal);
          s.setInt(2, chunksTotal);
          s.setString(3, generation.id());
          s.setString(4, Timestamps.now(clock));
          s.setString(5, id);
          s.setString(6, owner);
          if (s.executeUpdate() == 0) {
            throw new NotOwned();
          }
        }
        return true;
      });
    } catch (NotOwned e) {
      return false;
    } catch (StorageException e) {
      if (find(id).map(t -> t.generationId() != null).orElse(true)) {
        return false; // another instance recorded this job's generation first
      }
      throw e;
    }
  }

  /** Rolls back {@link #complete}: the job is not the caller's to complete. */
  private static final class NotOwned extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NotOwned() {
      super(null, null, false, false);
    }
  }

  /**
   * Puts the jobs {@code owner} runs back in line, in their old places (those a user asked to cancel
   * end cancelled): for an instance that stops, so that another takes them over at once rather than
   * when their lease runs out. Returns how many.
   */
  public int release(String owner) {
    return database.with(c -> {
      try (PreparedStatement s = c.prepareStatement("UPDATE generation_tasks SET status ="
          + " CASE WHEN cancel_requested = 1 THEN 'cancelled' ELSE 'pending' END, owner = NULL,"
          + " lease_expires_at = NULL, updated_at = ? WHERE owner = ? AND status = 'processing'")) {
        s.setString(1, Timestamps.now(clock));
        s.setString(2, owner);
        return s.executeUpdate();
      }
    });
  }

  /** Cancels task {@code id} if it waits in line; false when it does not. */
  public boolean cancelWaiting(String id) {
    return update("UPDATE generation_tasks SET status = 'cancelled', updated_at = ? WHERE id = ? AND status = 'pending'",
        Timestamps.now(clock), id);
  }

  /** Asks the instance running task {@code id} to cancel it; false when it is not running. */
  public boolean requestCancel(String id) {
    return update("UPDATE generation_tasks SET cancel_requested = 1 WHERE id = ? AND status = 'processing'", id);
  }

  /** Cancels running task {@code id} if its owner's lease ran out (it died): nobody else will. */
  public boolean cancelAbandoned(String id) {
    String now = Timestamps.now(clock);
    return update("UPDATE generation_tasks SET status = 'cancelled', updated_at = ? WHERE id = ?"
        + " AND status = 'processing' AND lease_expires_at < ?", now, id, now);
  }

  /** Marks {@code owner}'s job failed with {@code error}; false when it is final or not {@code owner}'s any more. */
  public boolean fail(String id, String owner, String error) {
    return update("UPDATE generation_tasks SET status = 'failed', error = ?, updated_at = ? WHERE id = ?"
        + " AND owner = ? AND status = 'processing'", error, Timestamps.now(clock), id, owner);
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

  /**
   * Marks every task a previous run left pending or processing as failed with {@code error}: for the one
   * instance on a SQLite file, whose previous run is the only one that could have run them.
   */
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
