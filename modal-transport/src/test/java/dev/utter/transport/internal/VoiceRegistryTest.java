package dev.utter.transport.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.utter.ProviderUnavailableException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class VoiceRegistryTest {
  private static final String KEY = "sha256-of-a-reference";

  @Test
  void registersOnceWhenManyThreadsAskAtOnce() throws Exception {
    AtomicInteger registrations = new AtomicInteger();
    CountDownLatch release = new CountDownLatch(1);
    VoiceRegistry ids = new VoiceRegistry();
    java.util.function.Supplier<String> register = () -> {
      registrations.incrementAndGet();
      await(release);
      return "ev_1";
    };
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<String>> results = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        results.add(pool.submit(() -> ids.idFor(KEY, register)));
      }
      release.countDown();
      for (Future<String> result : results) {
        assertEquals("ev_1", result.get(10, TimeUnit.SECONDS));
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(1, registrations.get());
  }

  @Test
  void forgetsAFailedRegistrationSoTheNextCallTriesAgain() {
    AtomicInteger calls = new AtomicInteger();
    ProviderUnavailableException down = new ProviderUnavailableException("down");
    VoiceRegistry ids = new VoiceRegistry();
    java.util.function.Supplier<String> register = () -> {
      if (calls.incrementAndGet() == 1) {
        throw down;
      }
      return "ev_2";
    };

    assertSame(down, assertThrows(ProviderUnavailableException.class, () -> ids.idFor(KEY, register)));
    assertEquals("ev_2", ids.idFor(KEY, register));
    assertEquals(2, calls.get());
  }

  @Test
  void renewRegistersAgainOnlyForTheStaleId() {
    AtomicInteger calls = new AtomicInteger();
    VoiceRegistry ids = new VoiceRegistry();
    java.util.function.Supplier<String> register = () -> "ev_" + calls.incrementAndGet();

    assertEquals("ev_1", ids.idFor(KEY, register));
    ids.forget(KEY, "ev_1");
    assertEquals("ev_2", ids.idFor(KEY, register));
    ids.forget(KEY, "ev_1"); // another thread already renewed it: the new id stays
    assertEquals("ev_2", ids.idFor(KEY, register));
    assertEquals(2, calls.get());
  }

  @Test
  void remembersThatAVoiceCannotBeRegistered() {
    AtomicInteger calls = new AtomicInteger();
    VoiceRegistry ids = new VoiceRegistry();
    java.util.function.Supplier<String> register = () -> {
      calls.incrementAndGet();
      return null;
    };

    assertNull(ids.idFor(KEY, register));
    assertNull(ids.idFor(KEY, register));
    assertEquals(1, calls.get());
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(10, TimeUnit.SECONDS)) {
        throw new AssertionError("not released");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
