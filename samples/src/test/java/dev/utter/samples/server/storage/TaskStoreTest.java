package dev.utter.samples.server.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.utter.samples.server.storage.TaskStore.ClaimedTask;
import dev.utter.samples.server.storage.TaskStore.Lease;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The durable job line on a real SQLite file, with a clock the test moves: claims in order, leases that
 * run out and are taken over, an old owner that can write nothing more, one generation per job, cancel
 * from anywhere. (The same SQL runs on PostgreSQL in {@code PostgresInstancesTest}.)
 */
class TaskStoreTest {
  private static final Duration LEASE = Duration.ofSeconds(30);

  @TempDir Path dir;
  private final MovableClock clock = new MovableClock();
  private Database database;
  private TaskStore tasks;
  private GenerationStore generations;

  @BeforeEach
  void open() {
    database = Database.open(dir.resolve("utter.db"));
    tasks = new TaskStore(database, clock);
    generations = new GenerationStore(database);
    new VoiceStore(database).insert(new VoiceRecord("v1", "Ada", "references/v1.wav", null, "Auto", clock.instant()));
  }

  @Test
  void jobsAreClaimedOnceEachInTheOrderTheyCame() {
    for (String id : List.of("t1", "t2", "t3")) {
      tasks.insert(id, "v1", "Text " + id, "Auto");
    }
    assertEquals(OptionalInt.of(3), tasks.queuePosition("t3"));
    assertEquals("t1", claim("A").task().id());
    assertEquals(OptionalInt.of(2), tasks.queuePosition("t3"));
    assertEquals(OptionalInt.empty(), tasks.queuePosition("t1"));
    assertEquals("t2", claim("B").task().id());
    assertEquals("t3", claim("A").task().id());
    assertEquals(Optional.empty(), tasks.claim("B", clock.instant().plus(LEASE)));
    assertEquals(0, tasks.waitingCount());
  }

  @Test
  void aJobWhoseLeaseRanOutIsTakenOverAndTheOldOwnerCanWriteNothingMore() {
    tasks.insert("t1", "v1", "Text", "Auto");
    ClaimedTask first = claim("A");
    assertEquals(1, first.attempt());
    clock.advance(Duration.ofSeconds(20));
    assertEquals(Lease.HELD, tasks.renew("t1", "A", clock.instant().plus(LEASE)));
    clock.advance(Duration.ofSeconds(29));
    assertEquals(Optional.empty(), tasks.claim("B", clock.instant().plus(LEASE)), "the renewed lease still holds");

    clock.advance(Duration.ofSeconds(2)); // A stopped renewing: it died, or seems to have
    ClaimedTask second = claim("B");
    assertEquals("t1", second.task().id());
    assertEquals(2, second.attempt());

    assertEquals(Lease.LOST, tasks.renew("t1", "A", clock.instant().plus(LEASE)));
    assertFalse(tasks.progress("t1", "A", 1, 2));
    assertFalse(tasks.complete("t1", "A", generation("t1"), 2));
    assertFalse(tasks.fail("t1", "A", "late failure"));
    assertEquals(0, generations.count());

    assertTrue(tasks.progress("t1", "B", 1, 2));
    assertTrue(tasks.complete("t1", "B", generation("t1"), 2));
    TaskRecord done = tasks.find("t1").orElseThrow();
    assertEquals(TaskStatus.COMPLETED, done.status());
    assertEquals("t1", done.generationId());
    assertEquals(2, done.chunksDone());
    assertEquals(1, generations.count());
  }

  @Test
  void aJobIsCompletedOnceWhateverIsRetried() {
    tasks.insert("t1", "v1", "Text", "Auto");
    claim("A");
    assertTrue(tasks.complete("t1", "A", generation("t1"), 1));
    assertFalse(tasks.complete("t1", "A", generation("t1"), 1));
    assertEquals(1, generations.count());
    assertEquals(Optional.empty(), tasks.claim("B", clock.instant().plus(Duration.ofDays(1))));
  }

  @Test
  void aCancelFromAnyInstanceReachesTheOwnerThroughItsLease() {
    tasks.insert("t1", "v1", "Text", "Auto");
    claim("A");
    assertFalse(tasks.cancelWaiting("t1"), "it runs, it does not wait");
    assertTrue(tasks.requestCancel("t1"));
    assertEquals(Lease.CANCEL_REQUESTED, tasks.renew("t1", "A", clock.instant().plus(LEASE)));
    assertTrue(tasks.cancel("t1"));
    assertEquals(TaskStatus.CANCELLED, tasks.find("t1").orElseThrow().status());
    assertFalse(tasks.complete("t1", "A", generation("t1"), 1));
    assertEquals(0, generations.count());
  }

  @Test
  void aCancelledJobWhoseOwnerDiedIsCancelledNotRunAgain() {
    tasks.insert("t1", "v1", "Text", "Auto");
    tasks.insert("t2", "v1", "Text", "Auto");
    claim("A");
    assertTrue(tasks.requestCancel("t1"));
    assertFalse(tasks.cancelAbandoned("t1"), "its owner still holds the lease");
    clock.advance(LEASE.plusSeconds(1));
    assertEquals("t2", claim("B").task().id());
    assertEquals(TaskStatus.CANCELLED, tasks.find("t1").orElseThrow().status());
  }

  @Test
  void anInstanceThatStopsPutsItsJobsBackInTheirPlaces() {
    tasks.insert("t1", "v1", "Text", "Auto");
    tasks.insert("t2", "v1", "Text", "Auto");
    claim("A");
    assertEquals(1, tasks.release("A"));
    assertEquals(OptionalInt.of(1), tasks.queuePosition("t1"));
    assertEquals(Lease.LOST, tasks.renew("t1", "A", clock.instant().plus(LEASE)));
    ClaimedTask again = claim("B");
    assertEquals("t1", again.task().id());
    assertEquals(2, again.attempt());
  }

  @Test
  void aWaitingJobIsCancelledAtOnce() {
    tasks.insert("t1", "v1", "Text", "Auto");
    assertFalse(tasks.requestCancel("t1"));
    assertTrue(tasks.cancelWaiting("t1"));
    assertEquals(Optional.empty(), tasks.claim("A", clock.instant().plus(LEASE)));
  }

  private ClaimedTask claim(String owner) {
    return tasks.claim(owner, clock.instant().plus(LEASE)).orElseThrow();
  }

  private GenerationRecord generation(String taskId) {
    return new GenerationRecord(taskId, "v1", "Ada", "Text", "generated/" + taskId + ".wav", 1.5, "Auto",
        clock.instant());
  }

  /** A clock that stands still until the test moves it. */
  private static final class MovableClock extends Clock {
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
