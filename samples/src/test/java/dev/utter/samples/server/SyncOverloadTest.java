package dev.utter.samples.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.utter.samples.server.config.Limits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Synchronous generations beyond {@code UTTER_SYNC_CONCURRENCY}, over real HTTP: the excess is refused
 * with 503, {@code Retry-After} and a {@code detail} while the admitted ones are still speaking, and
 * {@code GET /api/voices} answers meanwhile too.
 */
class SyncOverloadTest {
  private static final int SLOTS = 2;
  private static final int REQUESTS = 12;
  /** Each admitted generation takes at least this long (one provider call per sentence, four at a time). */
  private static final Duration CALL_LATENCY = Duration.ofMillis(1500);

  @TempDir Path dataDir;

  @Test
  @Timeout(value = 2, unit = TimeUnit.MINUTES)
  void generationsBeyondTheBoundAreRefusedAtOnceWhileVoicesStayServed() throws Exception {
    ExecutorService clients = Executors.newFixedThreadPool(REQUESTS + 1);
    try (TestServer app = TestServer.start(dataDir, CALL_LATENCY, null,
        new Limits(1, 10, SLOTS, 0, Duration.ofSeconds(3)), UnaryOperator.identity())) {
      String voiceId = app.cloneVoice("Ada");
      List<Future<Timed>> generations = new ArrayList<>();
      for (int i = 0; i < REQUESTS; i++) {
        generations.add(clients.submit(() -> Timed.of(() ->
            app.postJson("/api/generate", Map.of("voice_id", voiceId, "text", "One sentence to speak.")))));
      }
      Future<Timed> voices = clients.submit(() -> Timed.of(() -> app.get("/api/voices")));

      List<Timed> admitted = new ArrayList<>();
      List<Timed> refused = new ArrayList<>();
      for (Future<Timed> generation : generations) {
        Timed reply = generation.get(1, TimeUnit.MINUTES);
        (reply.reply().code() == 200 ? admitted : refused).add(reply);
      }
      assertEquals(SLOTS, admitted.size(), "admitted: " + admitted);
      assertEquals(REQUESTS - SLOTS, refused.size());
      long firstAdmittedDone = admitted.stream().mapToLong(Timed::doneNanos).min().orElseThrow();
      for (Timed reply : refused) {
        assertEquals(503, reply.reply().code(), reply.reply().body());
        assertEquals("3", reply.reply().headers().get("Retry-After"));
        assertTrue(reply.reply().detail().startsWith("Server busy: 2 generations are already running"),
            reply.reply().body());
        assertTrue(reply.doneNanos() < firstAdmittedDone, "a refusal waited for a generation to finish");
      }
      Timed list = voices.get(1, TimeUnit.MINUTES);
      assertEquals(200, list.reply().code());
      assertTrue(list.doneNanos() < firstAdmittedDone, "GET /api/voices waited for a generation to finish");
    } finally {
      clients.shutdownNow();
    }
  }

  /** A reply and when it arrived ({@link System#nanoTime()}). */
  private record Timed(TestServer.Reply reply, long doneNanos) {
    static Timed of(java.util.function.Supplier<TestServer.Reply> request) {
      TestServer.Reply reply = request.get();
      return new Timed(reply, System.nanoTime());
    }
  }
}
