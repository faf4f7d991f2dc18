package dev.utter.provider.echo.internal;

import dev.utter.ReferenceAudio;
import dev.utter.UtterException;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;

/**
 * The service's voice ids of the reference recordings registered so far, keyed by the recording's
 * SHA-256. A recording is registered once however many threads ask for it at the same time; a failed
 * registration is forgotten, so the next call tries again. Thread-safe.
 */
public final class VoiceIds {
  private final Function<byte[], String> register;
  private final ConcurrentMap<String, CompletableFuture<String>> ids = new ConcurrentHashMap<>();
  private volatile boolean unsupported;

  /**
   * @param register uploads reference audio and returns its voice id, or null when the service cannot
   *     register voices (then no recording is registered again)
   */
  public VoiceIds(Function<byte[], String> register) {
    this.register = Objects.requireNonNull(register, "register == null");
  }

  /**
   * The voice id of {@code reference}, registering it first when needed; null when the service cannot
   * register voices.
   *
   * @throws UtterException when the registration fails.
   * @throws CancellationException when the calling thread is interrupted.
   */
  public String get(ReferenceAudio reference) {
    String key = reference.sha256();
    while (!unsupported) {
      CompletableFuture<String> mine = new CompletableFuture<>();
      CompletableFuture<String> known = ids.putIfAbsent(key, mine);
      if (known == null) {
        return registerInto(mine, key, reference);
      }
      try {
        return known.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CancellationException("Interrupted while waiting for a voice registration");
      } catch (ExecutionException e) {
        if (e.getCause() instanceof UtterException failure) {
          throw failure;
        }
        // The registering thread was cancelled and forgot its entry: try again.
      }
    }
    return null;
  }

  /** Forgets {@code staleId}, which the service no longer knows, and registers {@code reference} again. */
  public String renew(ReferenceAudio reference, String staleId) {
    ids.computeIfPresent(reference.sha256(),
        (key, id) -> id.isDone() && !id.isCompletedExceptionally() && staleId.equals(id.join()) ? null : id);
    return get(reference);
  }

  private String registerInto(CompletableFuture<String> mine, String key, ReferenceAudio reference) {
    try {
      String id = register.apply(reference.bytes());
      if (id == null) {
        unsupported = true;
      }
      mine.complete(id);
      return id;
    } catch (RuntimeException e) {
      ids.remove(key, mine);
      mine.completeExceptionally(e);
      throw e;
    }
  }
}
