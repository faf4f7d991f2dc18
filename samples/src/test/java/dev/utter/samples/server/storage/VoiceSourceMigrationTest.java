package dev.utter.samples.server.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

/** Migration V4 on a real SQLite file: voices made before it are uploaded ones; designed ones keep their description. */
class VoiceSourceMigrationTest {
  @TempDir Path dir;

  @Test
  void voicesFromBeforeVoiceDesignBecomeUploadedOnes() throws Exception {
    Path file = dir.resolve("utter.db");
    SQLiteDataSource old = new SQLiteDataSource();
    old.setUrl("jdbc:sqlite:" + file);
    Flyway.configure().dataSource(old).locations("classpath:db/migration").target("3").load().migrate();
    try (Connection c = old.getConnection(); PreparedStatement s = c.prepareStatement(
        "INSERT INTO voices (id, name, reference_path, reference_transcript, language, created_at)"
            + " VALUES ('v1', 'Ada', 'references/v1.wav', 'Hello, this is Ada speaking.', 'English',"
            + " '2026-01-01T00:00:00Z')")) {
      s.executeUpdate();
    }

    VoiceStore voices = new VoiceStore(Database.open(file));
    VoiceRecord ada = voices.find("v1").orElseThrow();
    assertEquals(VoiceRecord.UPLOADED, ada.source());
    assertNull(ada.description());
    assertFalse(ada.designed());

    voices.insert(new VoiceRecord("v2", "Sailor", "references/v2.wav", "The sea was calm that night.", "English",
        Instant.parse("2026-01-02T00:00:00Z"), VoiceRecord.DESIGNED, "An old sailor, gravelly and slow."));
    VoiceRecord sailor = voices.find("v2").orElseThrow();
    assertTrue(sailor.designed());
    assertEquals("An old sailor, gravelly and slow.", sailor.description());
  }

  @Test
  void aSourceIsUploadedOrDesigned() {
    assertThrows(IllegalArgumentException.class, () -> new VoiceRecord("v", "N", "r.wav", null, "Auto",
        Instant.EPOCH, "recorded", null));
  }
}
