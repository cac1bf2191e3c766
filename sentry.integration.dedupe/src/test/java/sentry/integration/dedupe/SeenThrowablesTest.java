package sentry.integration.dedupe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SeenThrowablesTest {
  private final SeenThrowables seen = new SeenThrowables();

  @Test
  void marksAllOrNothing() {
    RuntimeException a = new RuntimeException("a");
    RuntimeException b = new RuntimeException("b");
    RuntimeException c = new RuntimeException("c");
    Object first = new Object();
    Object second = new Object();

    assertThat(seen.markAllUnlessAnySeen(List.of(a, b), first)).isTrue();
    assertThat(seen.markAllUnlessAnySeen(List.of(c, b), second)).isFalse();

    assertThat(seen.contains(a)).isTrue();
    assertThat(seen.contains(b)).isTrue();
    assertThat(seen.contains(c)).isFalse();
  }

  @Test
  void comparesByIdentityEvenWhenEqualsIsOverridden() {
    Equal one = new Equal();
    Equal two = new Equal();
    assertThat(one).isEqualTo(two);

    seen.markAllUnlessAnySeen(List.of(one), new Object());

    assertThat(seen.contains(one)).isTrue();
    assertThat(seen.contains(two)).isFalse();
  }

  @Test
  void unmarksOnlyWhatTheOwnerStillHolds() {
    RuntimeException a = new RuntimeException("a");
    Object first = new Object();
    Object second = new Object();
    seen.markAllUnlessAnySeen(List.of(a), first);
    seen.unmark(List.of(a), first);
    seen.markAllUnlessAnySeen(List.of(a), second);

    seen.unmark(List.of(a), first);

    assertThat(seen.contains(a)).isTrue();
    seen.unmark(List.of(a), second);
    assertThat(seen.size()).isZero();
  }

  /**
   * A collected throwable is forgotten. The garbage collector gives no promise about when it clears
   * a weak reference, so a canary reference tells when a collection has happened; if none clears
   * it within the time allowed (a JVM run with -XX:+DisableExplicitGC, say) the test is skipped
   * rather than failed.
   */
  @Test
  void forgetsThrowablesTheApplicationNoLongerHolds() throws InterruptedException {
    RuntimeException kept = new RuntimeException("kept");
    seen.markAllUnlessAnySeen(List.of(kept), new Object());
    WeakReference<Object> canary = markGarbage(1000);
    assertThat(seen.size()).isEqualTo(1001);

    long deadline = System.nanoTime() + 10_000_000_000L;
    while ((canary.get() != null || seen.size() > 1) && System.nanoTime() < deadline) {
      System.gc();
      Thread.sleep(10);
    }

    assumeTrue(canary.get() == null, "the garbage collector did not run in time");
    assertThat(seen.size()).isEqualTo(1);
    assertThat(seen.contains(kept)).isTrue();
  }

  /** Collected entries give their slots back: the tables do not grow with every throwable ever seen. */
  @Test
  void slotsStayBoundedByWhatIsAlive() throws InterruptedException {
    WeakReference<Object> canary = null;
    int roundsCompleted = 0;
    long deadline = System.nanoTime() + 20_000_000_000L;
    for (int round = 0; round < 50 && System.nanoTime() < deadline; round++) {
      canary = markGarbage(2000);
      while (canary.get() != null && System.nanoTime() < deadline) {
        System.gc();
        Thread.sleep(5);
      }
      if (canary.get() == null) {
        roundsCompleted++;
      }
    }
    assumeTrue(canary != null && canary.get() == null, "the garbage collector did not run in time");
    // Fewer rounds than that, cut short by the deadline, mark too few throwables for the bound to
    // tell a table that gives its slots back from one that keeps growing.
    assumeTrue(roundsCompleted >= 10, "only " + roundsCompleted + " of 50 rounds completed in time");
    // 100,000 throwables marked in all, at most 2,000 of them alive at once: four slots for each
    // live one after a rebuild, twice that before the next, and the sixteen tables' first slots.
    assertThat(seen.slots()).isLessThanOrEqualTo(2 * 4 * 2 * 2000 + SeenThrowables.SEGMENTS * 16);
  }

  /**
   * Captures on many threads at once whose throwables overlap: of the captures that share a
   * throwable exactly one marks it, and a capture that shares nothing is never turned away.
   */
  @Test
  void concurrentCapturesOfSharedThrowablesMarkEachOnce() throws Exception {
    int threads = 8;
    int rounds = 2000;
    for (int round = 0; round < rounds; round++) {
      RuntimeException shared = new RuntimeException("shared " + round);
      java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(threads);
      java.util.concurrent.atomic.AtomicInteger sharedWins = new java.util.concurrent.atomic.AtomicInteger();
      java.util.concurrent.atomic.AtomicInteger ownLosses = new java.util.concurrent.atomic.AtomicInteger();
      List<Thread> workers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        Thread worker = new Thread(() -> {
          RuntimeException own = new RuntimeException("own");
          RuntimeException wrapper = new RuntimeException("wrapper", shared);
          try {
            start.await();
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
          if (!seen.markAllUnlessAnySeen(List.of(own), new Object())) {
            ownLosses.incrementAndGet();
          }
          if (seen.markAllUnlessAnySeen(List.of(wrapper, shared), new Object())) {
            sharedWins.incrementAndGet();
          }
        });
        workers.add(worker);
        worker.start();
      }
      for (Thread worker : workers) {
        worker.join();
      }
      assertThat(sharedWins.get()).as("round %d", round).isEqualTo(1);
      assertThat(ownLosses.get()).as("round %d", round).isZero();
    }
  }

  private WeakReference<Object> markGarbage(int count) {
    List<Throwable> garbage = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      garbage.add(new IllegalStateException("garbage " + i));
    }
    seen.markAllUnlessAnySeen(garbage, new Object());
    return new WeakReference<>(garbage.get(0));
  }

  private static final class Equal extends RuntimeException {
    private static final long serialVersionUID = 1L;

    @Override
    public boolean equals(Object other) {
      return other instanceof Equal;
    }

    @Override
    public int hashCode() {
      return 7;
    }
  }
}
