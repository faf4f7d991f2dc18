package dev.utter.provider.echo.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.utter.ProviderUnavailableException;
import dev.utter.ReferenceAudio;
import dev.utter.audio.PcmAudio;
import dev.utter.audio.Wav;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class VoiceIdsTest {
  private static final ReferenceAudio REFERENCE = ReferenceAudio.of(Wav.write(PcmAudio.silence(8000, 8000 * 11)));

  @Test
  void registersOnceWhenManyThreadsAskAtOnce() throws Exception {
    AtomicInteger registrations = new AtomicInteger();
    CountDownLatch release = new CountDownLatch(1);
    VoiceIds ids = new VoiceIds(audio -> {
      registrations.incrementAndGet();
      await(release);
      return "ev_1";
    });
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<String>> results = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        results.add(pool.submit(() -> ids.get(REFERENCE)));
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
    VoiceIds ids = new VoiceIds(audio -> {
      if (calls.incrementAndGet() == 1) {
        throw down;
      }
      return "ev_2";
    });

    assertSame(down, assertThrows(ProviderUnavailableException.class, () -> ids.get(REFERENCE)));
    assertEquals("ev_2", ids.get(REFERENCE));
    assertEquals(2, calls.get());
  }

  @Test
  void renewRegistersAgainOnlyForTheStaleId() {
    AtomicInteger calls = new AtomicInteger();
    VoiceIds ids = new VoiceIds(audio -> "ev_" + calls.incrementAndGet());

    assertEquals("ev_1", ids.get(REFERENCE));
    assertEquals("ev_2", ids.renew(REFERENCE, "ev_1"));
    assertEquals("ev_2", ids.renew(REFERENCE, "ev_1")); // another thread already renewed it
    assertEquals(2, calls.get());
  }

  @Test
  void answersNullForEveryVoiceOnceTheServiceCannotRegister() {
    AtomicInteger calls = new AtomicInteger();
    VoiceIds ids = new VoiceIds(audio -> {
      calls.incrementAndGet();
      return null;
    });

    assertNull(ids.get(REFERENCE));
    assertNull(ids.get(ReferenceAudio.of(Wav.write(PcmAudio.silence(8000, 8000 * 12)))));
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
