package dev.utter.provider.qwen;

import dev.utter.Voice;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;

/**
 * The ids one service gave the voices registered with it. A voice is registered once however many
 * threads ask at the same time; a failed registration is not remembered. Thread-safe.
 */
final class VoiceRegistry {
  private final ConcurrentHashMap<String, CompletableFuture<String>> ids = new ConcurrentHashMap<>();
  private final Function<Voice, String> register;

  VoiceRegistry(Function<Voice, String> register) {
    this.register = register;
  }

  /** The service's id for {@code voice}, registering it first when this registry has none. */
  String idFor(Voice voice) {
    String key = key(voice);
    while (true) {
      CompletableFuture<String> mine = new CompletableFuture<>();
      CompletableFuture<String> existing = ids.putIfAbsent(key, mine);
      if (existing == null) {
        try {
          String id = register.apply(voice);
          mine.complete(id);
          return id;
        } catch (Throwable t) {
          ids.remove(key, mine);
          mine.completeExceptionally(t);
          throw t;
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

  /** Forgets {@code id} for {@code voice}, unless the voice was registered again meanwhile. */
  void forget(Voice voice, String id) {
    ids.computeIfPresent(key(voice), (k, future) -> id.equals(future.getNow(null)) ? null : future);
  }

  private static String key(Voice voice) {
    return voice.reference().sha256() + '\n' + voice.transcript().orElse("");
  }
}
