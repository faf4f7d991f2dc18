package dev.utter.samples.server.storage;

import dev.utter.audio.AudioFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The files under the data directory: {@code references/{voice_id}.{wav|mp3|m4a}},
 * {@code generated/{generation_id}.wav} and {@code tmp/} for uploads in flight. Paths are only ever
 * built from ids that passed {@link #uuid(String)}, so no request can name a file outside these
 * folders. Thread-safe.
 */
public final class DataFiles {
  private final Path root;
  private final Path references;
  private final Path generated;
  private final Path tmp;

  private DataFiles(Path root) {
    this.root = root;
    this.references = root.resolve("references");
    this.generated = root.resolve("generated");
    this.tmp = root.resolve("tmp");
  }

  /** The data directory {@code root}, creating it and its folders; leftovers in {@code tmp/} are removed. */
  public static DataFiles open(Path root) {
    Objects.requireNonNull(root, "root == null");
    DataFiles files = new DataFiles(root.toAbsolutePath().normalize());
    try {
      Files.createDirectories(files.references);
      Files.createDirectories(files.generated);
      Files.createDirectories(files.tmp);
      try (var leftovers = Files.list(files.tmp)) {
        for (Path leftover : (Iterable<Path>) leftovers::iterator) {
          Files.deleteIfExists(leftover);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot prepare data directory " + root, e);
    }
    return files;
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
