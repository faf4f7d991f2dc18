package dev.utter.samples.server.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A data directory that other live instances share: start-up cleanup spares what may be their work in flight. */
class DataFilesSharingTest {
  private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
  private static final Duration SPARE = Duration.ofMinutes(10);
  private static final String ID = "0b7c1f8e-3c55-4d53-9a8e-2f1d2a3b4c5d";
  private static final String OTHER = "1c8d2f9e-4d66-4e64-8b9f-3a2e3b4c5d6e";

  @TempDir Path root;

  @Test
  void leftoversYoungerThanTheSpareAreKeptOlderOnesGo() throws IOException {
    DataFiles first = DataFiles.open(root, SPARE, Clock.fixed(NOW, ZoneOffset.UTC));
    Path fresh = touch(first.tmp().resolve("upload-fresh.tmp"), NOW.minusSeconds(30));
    Path stale = touch(first.tmp().resolve("upload-stale.tmp"), NOW.minus(SPARE).minusSeconds(1));
    Path freshPart = touch(first.generatedDir().resolve("." + ID + ".wav123.part"), NOW.minusSeconds(1));
    Path stalePart = touch(first.generatedDir().resolve("." + OTHER + ".wav456.part"), NOW.minus(Duration.ofHours(2)));

    DataFiles second = DataFiles.open(root, SPARE, Clock.fixed(NOW, ZoneOffset.UTC));
    assertTrue(Files.exists(fresh), "another instance's upload in flight");
    assertFalse(Files.exists(stale));
    assertEquals(1, second.removeUnreferenced(Set.of()));
    assertTrue(Files.exists(freshPart), "another instance's generation in flight");
    assertFalse(Files.exists(stalePart));
  }

  @Test
  void theTemporaryFilesOfOneGenerationCanBeRemovedWhenItsJobIsTakenOver() throws IOException {
    DataFiles files = DataFiles.open(root, SPARE, Clock.fixed(NOW, ZoneOffset.UTC));
    Path mine = touch(files.generatedDir().resolve("." + ID + ".wav123.part"), NOW);
    Path alsoMine = touch(files.generatedDir().resolve("." + ID + ".wav789.part"), NOW);
    Path other = touch(files.generatedDir().resolve("." + OTHER + ".wav456.part"), NOW);
    Path done = touch(files.generatedAudio(ID), NOW);
    assertEquals(2, files.removePartials(ID));
    assertFalse(Files.exists(mine) || Files.exists(alsoMine));
    assertTrue(Files.exists(other) && Files.exists(done));
  }

  private static Path touch(Path file, Instant modified) throws IOException {
    Files.write(file, new byte[] {1, 2, 3});
    Files.setLastModifiedTime(file, FileTime.from(modified));
    return file;
  }
}
