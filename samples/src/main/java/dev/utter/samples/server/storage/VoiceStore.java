package dev.utter.samples.server.storage;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The {@code voices} table. Whoever keeps something derived from a voice (the speaker's voice cache)
 * registers with {@link #onDelete} to forget it. Thread-safe.
 */
public final class VoiceStore {
  private final Database database;
  private final List<Consumer<String>> deleteListeners = new CopyOnWriteArrayList<>();

  public VoiceStore(Database database) {
    this.database = Objects.requireNonNull(database, "database == null");
  }

  public void insert(VoiceRecord voice) {
    database.with(c -> {
      try (PreparedStatement s = c.prepareStatement(
          "INSERT INTO voices (id, name, reference_path, reference_transcript, language, created_at, source,"
              + " description) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
        s.setString(1, voice.id());
        s.setString(2, voice.name());
        s.setString(3, voice.referencePath());
        s.setString(4, voice.transcript());
        s.setString(5, voice.language());
        s.setString(6, Timestamps.format(voice.createdAt()));
        s.setString(7, voice.source());
        s.setString(8, voice.description());
        return s.executeUpdate();
      }
    });
  }

  public Optional<VoiceRecord> find(String id) {
    return database.with(c -> {
      try (PreparedStatement s = c.prepareStatement(SELECT + " WHERE id = ?")) {
        s.setString(1, id);
        try (ResultSet r = s.executeQuery()) {
          return r.next() ? Optional.of(read(r)) : Optional.empty();
        }
      }
    });
  }

  /** Every voice, newest first. */
  public List<VoiceRecord> list() {
    return database.with(c -> {
      try (PreparedStatement s = c.prepareStatement(SELECT + " ORDER BY created_at DESC, " + database.dialect().tieBreak + " DESC");
           ResultSet r = s.executeQuery()) {
        List<VoiceRecord> out = new ArrayList<>();
        while (r.next()) {
          out.add(read(r));
        }
        return out;
      }
    });
  }

  /** The reference paths of every voice, relative to the data directory. */
  public Set<String> referencePaths() {
    return database.with(c -> Queries.strings(c, "SELECT reference_path FROM voices"));
  }

  /** Hands {@code listener} the id of each voice deleted from now on, after the row is gone. */
  public void onDelete(Consumer<String> listener) {
    deleteListeners.add(Objects.requireNonNull(listener, "listener == null"));
  }

  /**
   * Deletes the voice and, by cascade, its generations and tasks.
   *
   * @return the audio paths of the deleted generations, for the caller to remove; empty when there was
   *     no such voice
   */
  public Optional<List<String>> delete(String id) {
    Optional<List<String>> removed = database.with(c -> {
      c.setAutoCommit(false);
      try {
        List<String> audioPaths = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT audio_path FROM generations WHERE voice_id = ?")) {
          s.setString(1, id);
          try (ResultSet r = s.executeQuery()) {
            while (r.next()) {
              audioPaths.add(r.getString(1));
            }
          }
        }
        int deleted;
        try (PreparedStatement s = c.prepareStatement("DELETE FROM voices WHERE id = ?")) {
          s.setString(1, id);
          deleted = s.executeUpdate();
        }
        c.commit();
        return deleted == 0 ? Optional.<List<String>>empty() : Optional.of(audioPaths);
      } catch (SQLException e) {
        c.rollback();
        throw e;
      }
    });
    if (removed.isPresent()) {
      deleteListeners.forEach(listener -> listener.accept(id));
    }
    return removed;
  }

  private static final String SELECT =
      "SELECT id, name, reference_path, reference_transcript, language, created_at, source, description"
          + " FROM voices";

  private static VoiceRecord read(ResultSet r) throws SQLException {
    String language = r.getString("language");
    return new VoiceRecord(r.getString("id"), r.getString("name"), r.getString("reference_path"),
        r.getString("reference_transcript"), language == null ? "Auto" : language,
        Timestamps.parse(r.getString("created_at")), r.getString("source"), r.getString("description"));
  }

}
