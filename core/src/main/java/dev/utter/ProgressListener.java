package dev.utter;

/**
 * Hears about a generation's progress: once when it is planned (0 chunks done), then once per chunk
 * synthesized. Calls come from the client's progress threads, one at a time per generation, in order of
 * {@link Progress#chunksDone()}, never while the generation holds a lock: a slow listener delays only its
 * own later events, never the generation or its cancellation. Events may still arrive after the
 * generation returned; those not yet delivered when it is cancelled are dropped. What a listener throws
 * is logged (the first time at WARN) and ignored.
 */
@FunctionalInterface
public interface ProgressListener {
  /**
   * Takes one event; should return quickly, since later events of the same generation wait for it.
   *
   * @param progress the generation's progress at this point; not null
   */
  void onProgress(Progress progress);

  /**
   * A listener that ignores every event: the default of {@link
   * GenerationRequest.Builder#onProgress}.
   */
  ProgressListener NONE = progress -> {};
}
