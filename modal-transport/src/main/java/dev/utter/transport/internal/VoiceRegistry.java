package dev.utter.transport.internal;

import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * The ids one service gave the voices registered with it, for providers that upload a reference once
 * and then refer to it by id. A voice is registered once however many threads ask at the same time; a
 * failed registration is not remembered, so the next call tries again. Thread-safe.
 */
final class VoiceRegistry {
  private final ConcurrentHashMap<String, CompletableFuture<String>> ids = new ConcurrentHashMap<>();

  /**
   * The service's id for the voice {@code key} names, running {@code register} first when this
   * registry has none. A null id (the service cannot register voices) is remembered like any other.
   *
   * @throws RuntimeException what {@code register} threw, in this thread or the one registering.
   * @throws CancellationException when the calling thread is interrupted while another registers.
   */
  String idFor(String key, Supplier<String> register) {
    Objects.requireNonNull(key, "key == null");
    while (true) {
      CompletableFuture<String> mine = new CompletableFuture<>();
      CompletableFuture<String> existing = ids.putIfAbsent(key, mine);
      if (existing == null) {
        try {
          String id = register.get();
          mine.complete(id);
          return id;
        } catch (RuntimeException | Error e) {
          ids.remove(key, mine);
          mine.completeExceptionally(e);
          throw e;
        }
      }
      try {
        return existing.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CancellationException("Interrupted while another thread registered the voice");
      } catch (ExecutionException e) {
        if (e.getCause() instanceof Error error) {
          throw error;
        }
        if (!(e.getCause() instanceof CancellationException)) {
          throw (RuntimeException) e.getCause(); // the registering thread's failure
        }
        // The registering thread was cancelled, this one was not: register here.
      }
    }
  }

  /** Forgets {@code id} for {@code key}, which the service no longer knows, unless it was renewed meanwhile. */
  void forget(String key, String id) {
    ids.computeIfPresent(key, (k, future) -> Objects.equals(id, future.getNow(null)) ? null : future);
  }
}
