package dev.utter.samples.server.api;

import dev.utter.samples.server.storage.DiskFault;
import dev.utter.samples.server.storage.StorageException;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.util.Locale;

/**
 * A multipart form as Jetty parsed it under the server's limits. Jetty streams file parts to the
 * cache directory and stops reading a part over the size limit; that failure becomes
 * "File too large. Max: 50MB".
 */
final class Multipart {
  private final Context ctx;

  private Multipart(Context ctx) {
    this.ctx = ctx;
  }

  /** Parses the request's parts now. @throws ApiException 400 when the body is too large or malformed. */
  static Multipart read(Context ctx) {
    String type = ctx.contentType();
    if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
      throw ApiException.badRequest("No file provided");
    }
    try {
      ctx.uploadedFileMap();
    } catch (Exception e) {
      if (tooLarge(e)) {
        UploadRules.size(Long.MAX_VALUE);
      }
      if (DiskFault.of(e).isPresent()) {
        throw new StorageException("Cannot store the upload", e);
      }
      throw ApiException.badRequest("Invalid multipart form");
    }
    return new Multipart(ctx);
  }

  String field(String name) {
    return ctx.formParam(name);
  }

  UploadedFile file(String name) {
    return ctx.uploadedFile(name);
  }

  /** Whether Jetty stopped reading because the file or the whole form was over its limit. */
  private static boolean tooLarge(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String message = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
      if (message.contains("exceeds max filesize") || message.contains("exceeds maxrequestsize")) {
        return true;
      }
    }
    return false;
  }
}
