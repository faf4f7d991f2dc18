package dev.utter.samples.server.api;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.Header;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Serves an audio file with its media type and single byte ranges ({@code Range:
 * bytes=a-b}, {@code a-}, {@code -n}) answered 206, so players can seek. Other range forms get the
 * whole file; an unsatisfiable range gets 416 {@code {"detail"}} with {@code Content-Range: bytes
 * *&#47;SIZE}. A {@code HEAD} gets the same status and headers as the {@code GET} would, without a body.
 */
final class AudioResponses {
  private static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");

  private AudioResponses() {}

  static void serve(Context ctx, Path file, String mediaType, String notFound) {
    long size;
    try {
      size = Files.size(file);
    } catch (NoSuchFileException e) {
      throw ApiException.notFound(notFound);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ctx.header(Header.ACCEPT_RANGES, "bytes");
    ctx.header(Header.CACHE_CONTROL, "no-cache");
    ctx.contentType(mediaType);
    long start = 0;
    long end = size - 1;
    String range = ctx.header(Header.RANGE);
    Matcher m = range == null ? null : RANGE.matcher(range.strip());
    if (m != null && m.matches() && !(m.group(1).isEmpty() && m.group(2).isEmpty())) {
      try {
        if (m.group(1).isEmpty()) {
          start = Math.max(0, size - Long.parseLong(m.group(2)));
        } else {
          start = Long.parseLong(m.group(1));
          end = m.group(2).isEmpty() ? size - 1 : Math.min(Long.parseLong(m.group(2)), size - 1);
        }
      } catch (NumberFormatException e) {
        start = size;
      }
      if (start >= size || start > end) {
        ctx.header(Header.CONTENT_RANGE, "bytes */" + size);
        throw new ApiException(416, "Range not satisfiable");
      }
      ctx.status(206);
      ctx.header(Header.CONTENT_RANGE, "bytes " + start + "-" + end + "/" + size);
    }
    long length = end - start + 1;
    ctx.header(Header.CONTENT_LENGTH, String.valueOf(length));
    if (ctx.method() == HandlerType.HEAD) {
      return;
    }
    InputStream in = open(file, notFound);
    try {
      in.skipNBytes(start);
    } catch (IOException e) {
      close(in);
      throw new UncheckedIOException(e);
    }
    ctx.result(length == size ? in : new BoundedInputStream(in, length));
  }

  private static InputStream open(Path file, String notFound) {
    try {
      return Files.newInputStream(file);
    } catch (NoSuchFileException e) {
      throw ApiException.notFound(notFound);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void close(InputStream in) {
    try {
      in.close();
    } catch (IOException ignored) {
      // Nothing was read from it.
    }
  }

  /** At most {@code remaining} bytes of {@code in}; closing closes {@code in}. */
  private static final class BoundedInputStream extends InputStream {
    private final InputStream in;
    private long remaining;

    BoundedInputStream(InputStream in, long remaining) {
      this.in = in;
      this.remaining = remaining;
    }

    @Override
    public int read() throws IOException {
      if (remaining <= 0) {
        return -1;
      }
      int b = in.read();
      if (b >= 0) {
        remaining--;
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int off, int len) throws IOException {
      if (remaining <= 0) {
        return -1;
      }
      int n = in.read(buffer, off, (int) Math.min(len, remaining));
      if (n > 0) {
        remaining -= n;
      }
      return n;
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
