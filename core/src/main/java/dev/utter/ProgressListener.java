package dev.utter;

/**
 * Hears about a generation's progress: once when it is planned (0 chunks done), then once per chunk
 * synthesized. Calls come from the client's worker threads, one at a time per generation, in order of
 * {@link Progress#chunksDone()}. A listener must be quick; what it throws is logged and ignored.
 */
@FunctionalInterface
public interface ProgressListener {
  void onProgress(Progress progress);

  ProgressListener NONE = progress -> {};
}
