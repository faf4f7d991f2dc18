package dev.utter.samples.server.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** The {@code generations} table. Thread-safe. */
public final class GenerationStore {
  private static final String SELECT =
      "SELECT g.id, g.voice_id, v.name AS voice_name, g.text, g.audio_path, g.duration_seconds,"
          + " g.language, g.created_at FROM generations g LEFT JOIN voices v ON v.id = g.voice_id";

  private final Database database;

  public GenerationStore(Database database) {
    this.database = Objects.requireNonNull(database, "database == null");
  }

  /** Inserts a generation that no task asked for (a synchronous one). */
  public void insert(GenerationRecord generation) {
    database.with(c -> insert(c, generation, null));
  }

  /** Inserts {@code generation} on {@code c}, as the result of task {@code taskId} (null: none). */
  static int insert(Connection c, GenerationRecord generation, String taskId) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "INSERT INTO generations (id, voice_id, text, audio_path, duration_seconds, language, created_at, task_id)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
      s.setString(1, generation.id());
      s.setString(2, generation.voiceId());
      s.setString(3, generation.text());
      s.setString(4, generation.audioPath());
      s.setDouble(5, generation.durationSeconds());
      s.setString(6, generation.language());
      s.setString(7, Timestamps.format(generation.createdAt()));
      s.setString(8, taskId);
      return s.executeUpdate();
    }
  }

  public Optional<GenerationRecord> find(String id) {
    return database.with(c -> {
      try (PreparedStatement s = c.prepareStatement(SELECT + " WHERE g.id = ?")) {
        s.setString(1, id);
        try (ResultSet r = s.executeQuery()) {
          return r.next() ? Optional.of(read(r)) : Optional.empty();
        }
      }
    });
  }

  /** A page of generations, newest first. */
  public List<GenerationRecord> list(int limit, int offset) {
    return database.with(c -> {
      try (PreparedStatement s = c.prepareStatement(
          SELECT + " ORDER BY g.created_at DESC, g." + database.dialect().tieBreak + " DESC LIMIT ? OFFSET ?")) {
        s.setInt(1, limit);
        s.setInt(2, offset);
        try (ResultSet r = s.executeQuery()) {
          List<GenerationRecord> out = new ArrayList<>();
          while (r.next()) {
            out.add(read(r));
          }
          return out;
        }
      }
    });
  }

  /** The number of generations. */
  public int count() {
    return database.with(c -> {
      try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM generations");
           ResultSet r = s.executeQuery()) {
        r.next();
        return r.getInt(1);
      }
    });
  }

  /** The audio paths of every generation, relative to the data directory. */
  public Set<String> audioPaths() {
    return database.with(c -> Queries.strings(c, "SELECT audio_path FROM generations"));
  }

  /** Deletes the row; true when there was one. */
  public boolean delete(String id) {
    return database.with(c -> {
      try (PreparedStatement s = c.prepareStatement("DELETE FROM generations WHERE id = ?")) {
        s.setString(1, id);
        return s.executeUpdate() > 0;
      }
    });
  }

  private static GenerationRecord read(ResultSet r) throws SQLException {
    String language = r.getString("language");
    return new GenerationRecord(r.getString("id"), r.getString("voice_id"), r.getString("voice_name"),
        r.getString("text"), r.getString("audio_path"), r.getDouble("duration_seconds"),
        language == null ? "Auto" : language, Timestamps.parse(r.getString("created_at")));
  }
}
