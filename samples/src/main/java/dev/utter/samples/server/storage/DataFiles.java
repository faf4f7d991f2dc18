package dev.utter.samples.server.storage;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;

import dev.utter.audio.AudioFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The files under the data directory: {@code references/{voice_id}.{wav|mp3|m4a}},
 * {@code generated/{generation_id}.wav} and {@code tmp/} for uploads in flight. Paths are only ever
 * built from ids that passed {@link #uuid(String)}, so no request can name a file outside these
 * folders. Thread-safe.
 */
public final class DataFiles {
  private static final Logger log = LoggerFactory.getLogger(DataFiles.class);
  private static final String WRITE_CHECK = ".write-check";
  /** Enough to find a disk that is full or nearly so, small enough to cost nothing. */
  private static final int WRITE_CHECK_BYTES = 64 * 1024;

  private final Path root;
  private final Path references;
  private final Path generated;
  private final Path tmp;
  private final Duration spare;
  private final Clock clock;

  private DataFiles(Path root, Duration spare, Clock clock) {
    this.root = root;
    this.spare = spare;
    this.clock = clock;
    this.references = root.resolve("references");
    this.generated = root.resolve("generated");
    this.tmp = root.resolve("tmp");
  }

  /**
   * The data directory {@code root}, creating it and its folders. It must be writable with some room
   * left: a small file is written and removed to find out. Everything in {@code tmp/} is removed,
   * whatever its shape (files, folders with content, links); what else a crash left is removed by
   * {@link #removeUnreferenced} once the database is open.
   *
   * @throws StorageException naming the directory and what is wrong with it (full, read-only), in one line.
   */
  public static DataFiles open(Path root) {
    return open(root, Duration.ZERO, Clock.systemUTC());
  }

  /**
   * The data directory {@code root}, which other live instances may share (a network file system):
   * like {@link #open(Path)}, but leftovers changed within {@code spare} of {@code clock}'s now are kept,
   * since they may be another instance's upload or generation in flight, or a file it just moved into
   * place and is about to record. Zero spares nothing (one instance alone on the directory).
   */
  public static DataFiles open(Path root, Duration spare, Clock clock) {
    Objects.requireNonNull(root, "root == null");
    Objects.requireNonNull(spare, "spare == null");
    Objects.requireNonNull(clock, "clock == null");
    DataFiles files = new DataFiles(root.toAbsolutePath().normalize(), spare, clock);
    try {
      Files.createDirectories(files.references);
      Files.createDirectories(files.generated);
      Files.createDirectories(files.tmp);
      files.checkWritable();
      try (var leftovers = Files.list(files.tmp)) {
        for (Path leftover : (Iterable<Path>) leftovers::iterator) {
          if (files.stale(leftover)) {
            files.removeLeftover(leftover);
          }
        }
      }
    } catch (IOException e) {
      String problem = DiskFault.of(e).map(DiskFault::condition).orElse("unusable");
      throw new StorageException("Data directory " + files.root + " is " + problem + ": " + e.getMessage(), e);
    }
    return files;
  }

  /**
   * Removes everything in {@code references/} and {@code generated/} that is not in {@code stored} (paths
   * relative to the data directory, as the database keeps them): half-written files ({@code *.part}),
   * files a crash left between moving them into place and recording them or between forgetting a row
   * and deleting its file, and anything else, whatever its shape, except what is spared as maybe
   * another live instance's ({@link #open(Path, Duration, Clock)}). Returns how many entries went.
   */
  public int removeUnreferenced(Set<String> stored) {
    int removed = 0;
    for (Path dir : List.of(references, generated)) {
      try (var entries = Files.list(dir)) {
        for (Path entry : (Iterable<Path>) entries::iterator) {
          if (!stored.contains(relative(entry)) && stale(entry)) {
            removeLeftover(entry);
            removed++;
          }
        }
      } catch (IOException e) {
        throw new StorageException("Cannot list " + dir, e);
      }
    }
    return removed;
  }

  /**
   * Removes the temporary files of generation {@code generationId} ({@code generated/.{id}.wav*.part}):
   * for a job taken over from an instance that died while writing it. Returns how many went.
   */
  public int removePartials(String generationId) {
    String prefix = "." + generatedAudio(generationId).getFileName();
    int removed = 0;
    try (var entries = Files.list(generated)) {
      for (Path entry : (Iterable<Path>) entries::iterator) {
        String name = entry.getFileName().toString();
        if (name.startsWith(prefix) && name.endsWith(".part") && Files.deleteIfExists(entry)) {
          removed++;
        }
      }
    } catch (IOException e) {
      throw new StorageException("Cannot list " + generated, e);
    }
    return removed;
  }

  /**
   * Empty when the data directory can be written now (a small file is written and removed); else what
   * is wrong with it, e.g. {@code "full: No space left on device"}. For health checks.
   */
  public Optional<String> problem() {
    try {
      checkWritable();
      return Optional.empty();
    } catch (IOException e) {
      return Optional.of(DiskFault.of(e).map(DiskFault::condition).orElse("unusable") + ": " + e.getMessage());
    }
  }

  /** Whether {@code entry} is old enough to be nobody's work in flight (always, when nothing is spared). */
  private boolean stale(Path entry) throws IOException {
    if (spare.isZero()) {
      return true;
    }
    Instant changed = Files.getLastModifiedTime(entry, NOFOLLOW_LINKS).toInstant();
    return changed.isBefore(clock.instant().minus(spare));
  }

  private void checkWritable() throws IOException {
    Path probe = Files.createTempFile(root, WRITE_CHECK, "");
    try {
      Files.write(probe, new byte[WRITE_CHECK_BYTES]);
    } finally {
      Files.deleteIfExists(probe);
    }
  }

  private void removeLeftover(Path leftover) throws IOException {
    log.info("Removing leftover {}", relative(leftover));
    if (Files.isDirectory(leftover, NOFOLLOW_LINKS)) {
      try (var tree = Files.walk(leftover)) {
        for (Path p : (Iterable<Path>) tree.sorted(Comparator.reverseOrder())::iterator) {
          Files.deleteIfExists(p);
        }
      }
    } else {
      Files.deleteIfExists(leftover);
    }
  }

  /**
   * {@code id} when it is a UUID in canonical form (it survives a {@link UUID#fromString} round trip),
   * else empty. Nothing else may become part of a path.
   */
  public static Optional<String> uuid(String id) {
    if (id == null || id.length() != 36) {
      return Optional.empty();
    }
    try {
      String canonical = UUID.fromString(id).toString();
      return canonical.equals(id.toLowerCase(Locale.ROOT)) ? Optional.of(canonical) : Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** A new random id. */
  public static String newId() {
    return UUID.randomUUID().toString();
  }

  public Path root() {
    return root;
  }

  /** Where uploads and other files in flight live until they are moved into place. */
  public Path tmp() {
    return tmp;
  }

  public Path referencesDir() {
    return references;
  }

  public Path generatedDir() {
    return generated;
  }

  /** The reference recording of voice {@code voiceId} in {@code format}. */
  public Path reference(String voiceId, AudioFormat format) {
    return references.resolve(checked(voiceId) + format.extension());
  }

  /** The generated WAV file of generation {@code generationId}. */
  public Path generatedAudio(String generationId) {
    return generated.resolve(checked(generationId) + ".wav");
  }

  /** {@code file} relative to the data directory, as stored in the database. */
  public String relative(Path file) {
    return root.relativize(file).toString().replace('\\', '/');
  }

  /** A path stored in the database, resolved; it must lie inside the data directory. */
  public Path resolve(String stored) {
    Path file = root.resolve(stored).normalize();
    if (!file.startsWith(root)) {
      throw new IllegalStateException("Stored path escapes the data directory: " + stored);
    }
    return file;
  }

  /** A new empty file in {@code tmp/}; the caller deletes or moves it. */
  public Path newTempFile(String suffix) {
    try {
      return Files.createTempFile(tmp, "upload-", suffix);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create a temporary file", e);
    }
  }

  /** Moves {@code source} to {@code target} in one step where the file system can. */
  public static void moveIntoPlace(Path source, Path target) {
    try {
      try {
        Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot move " + source + " to " + target, e);
    }
  }

  /** Deletes {@code file} if it exists; failures are reported, not thrown. */
  public static boolean deleteQuietly(Path file) {
    try {
      return file != null && Files.deleteIfExists(file);
    } catch (IOException e) {
      return false;
    }
  }

  private static String checked(String id) {
    return uuid(id).orElseThrow(() -> new IllegalArgumentException("Not a UUID: " + id));
  }
}
