package dev.utter.samples.server.api;

import dev.utter.samples.server.storage.DataFiles;
import io.javalin.http.Context;

/** Path ids, checked to be UUIDs before anything looks them up. */
final class Ids {
  private Ids() {}

  /** The {@code {id}} path parameter. @throws ApiException 404 with {@code notFound} when it is no UUID. */
  static String pathId(Context ctx, String notFound) {
    return DataFiles.uuid(ctx.pathParam("id")).orElseThrow(() -> ApiException.notFound(notFound));
  }
}
