package dev.utter.internal.generation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CallPermitsTest {
  private final List<Integer> started = new CopyOnWriteArrayList<>();

  private Thread caller(CallPermits permits, int turn) {
    Thread thread = new Thread(() -> {
      try {
        permits.acquire(turn);
        started.add(turn);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "turn " + turn);
    thread.start();
    return thread;
  }

  private static void awaitWaiting(Thread thread) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (thread.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
      Thread.sleep(1);
    }
    assertEquals(Thread.State.WAITING, thread.getState(), thread.getName());
  }

  @Test
  void aLaterTurnArrivingFirstWaitsForTheEarlierOnes() throws InterruptedException {
    CallPermits permits = new CallPermits(1);
    Thread third = caller(permits, 2);
    Thread second = caller(permits, 1);
    awaitWaiting(third);
    awaitWaiting(second);
    assertEquals(List.of(), started, "nothing starts before turn 0");

    caller(permits, 0).join(5_000);
    assertEquals(List.of(0), started);
    awaitWaiting(second);
    awaitWaiting(third);

    permits.release();
    second.join(5_000);
    assertEquals(List.of(0, 1), started);
    awaitWaiting(third);

    permits.release();
    third.join(5_000);
    assertEquals(List.of(0, 1, 2), started);
  }

  @Test
  void asManyTurnsRunAtOnceAsThereArePermits() throws InterruptedException {
    CallPermits permits = new CallPermits(2);
    caller(permits, 0).join(5_000);
    caller(permits, 1).join(5_000);
    Thread third = caller(permits, 2);
    awaitWaiting(third);
    assertEquals(List.of(0, 1), started);

    permits.release();
    third.join(5_000);
    assertFalse(third.isAlive());
    assertEquals(List.of(0, 1, 2), started);
  }

  @Test
  void aWaitingTurnLeavesWhenInterruptedWithoutTakingAPermit() throws InterruptedException {
    CallPermits permits = new CallPermits(1);
    Thread later = caller(permits, 1);
    awaitWaiting(later);
    later.interrupt();
    later.join(5_000);
    assertFalse(later.isAlive());

    Thread first = caller(permits, 0);
    first.join(5_000);
    assertEquals(List.of(0), started);
    permits.release();
    assertTrue(started.size() == 1);
  }
}
