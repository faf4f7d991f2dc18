package dev.utter.internal.io;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Files that appear complete or not at all. Not part of the API. */
public final class AtomicFiles {
  private AtomicFiles() {}

  /** Something that writes a file's content. */
  @FunctionalInterface
  public interface Writer {
    /**
     * Writes the whole content to {@code out}, which the caller closes.
     *
     * @param out a stream onto the temporary file
     * @throws IOException when writing fails; the target is then left as it was
     */
    void writeTo(OutputStream out) throws IOException;
  }

  /** Something that fills a temporary file. */
  @FunctionalInterface
  public interface PathWriter<T> {
    /**
     * Fills {@code temp}, which exists and is empty, and says what to return.
     *
     * @param temp the temporary file beside the target
     * @return the value {@link AtomicFiles#write} returns
     * @throws IOException when writing fails; the target is then left as it was
     */
    T writeTo(Path temp) throws IOException;
  }

  /**
   * Writes {@code target} through a temporary file beside it, moved into place on success.
   *
   * @param target the file to create or replace
   * @param writer writes the content; the stream it gets is closed for it
   * @throws java.io.UncheckedIOException when the file cannot be written
   */
  public static void writeStream(Path target, Writer writer) {
    write(target, (PathWriter<Void>) temp -> {
      try (OutputStream out = Files.newOutputStream(temp)) {
        writer.writeTo(out);
      }
      return null;
    });
  }

  /**
   * Lets {@code writer} fill a temporary file beside {@code target}, then moves it into place. On any
   * failure the temporary file is deleted and {@code target} is left as it was.
   *
   * @param <T> what the writer returns
   * @param target the file to create or replace
   * @param writer fills the temporary file
   * @return what {@code writer} returned
   * @throws java.io.UncheckedIOException when the file cannot be written or moved
   */
  public static <T> T write(Path target, PathWriter<T> writer) {
    Path absolute = target.toAbsolutePath();
    Path dir = absolute.getParent();
    Path temp = null;
    try {
      Files.createDirectories(dir);
      temp = Files.createTempFile(dir, "." + absolute.getFileName(), ".part");
      T result = writer.writeTo(temp);
      move(temp, absolute);
      temp = null;
      return result;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + target, e);
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException ignored) {
          // The original failure matters more.
        }
      }
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
