package sentry.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import sentry.api.Breadcrumb;

/**
 * A scope changed by compare-and-set: threads adding breadcrumbs and tags to one scope at once
 * lose none of them, and the breadcrumbs stay bounded by {@code maxBreadcrumbs}.
 */
class ScopeConcurrencyTest {
  private static final int THREADS = 4;
  private static final int EACH = 2_000;

  @Test
  void concurrentChangesAreAllKept() throws InterruptedException {
    CoreScope scope = new CoreScope(THREADS * EACH, CoreScope.State.EMPTY);
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      int id = t;
      Thread thread = new Thread(() -> {
        try {
          go.await();
        } catch (InterruptedException e) {
          return;
        }
        for (int i = 0; i < EACH; i++) {
          scope.addBreadcrumb(new Breadcrumb(id + ":" + i));
          if (i % 100 == 0) {
            scope.setTag("t" + id + "-" + i, "x");
          }
        }
      });
      thread.start();
      threads.add(thread);
    }
    go.countDown();
    for (Thread thread : threads) {
      thread.join();
    }

    List<Breadcrumb> crumbs = scope.state().breadcrumbs().toList(THREADS * EACH);
    Set<String> messages = new HashSet<>();
    crumbs.forEach(crumb -> messages.add(crumb.getMessage()));
    assertThat(messages).hasSize(THREADS * EACH);
    assertThat(scope.getTags()).hasSize(THREADS * EACH / 100);
  }

  @Test
  void aSnapshotNeverHasOneThreadsLaterChangeWithoutItsEarlierOne() throws InterruptedException {
    // Breadcrumbs sit in a field of their own beside the state: a capture's snapshot must still
    // be a pair that existed at one moment. The writer sets "before" to i, adds crumb i, sets
    // "after" to i; any snapshot then has after <= newest crumb <= before.
    CoreScope scope = new CoreScope(4, CoreScope.State.EMPTY);
    int rounds = 50_000;
    // The writer starts only once the reader is reading, and pauses halfway until the reader has
    // seen a snapshot from the middle of the writing, so the checks cannot all miss the writes.
    CountDownLatch reading = new CountDownLatch(1);
    CountDownLatch seenHalfway = new CountDownLatch(1);
    Thread writer = new Thread(() -> {
      try {
        reading.await();
        for (int i = 1; i <= rounds; i++) {
          scope.setTag("before", Integer.toString(i));
          scope.addBreadcrumb(new Breadcrumb(Integer.toString(i)));
          scope.setTag("after", Integer.toString(i));
          if (i == rounds / 2) {
            seenHalfway.await(10, TimeUnit.SECONDS);
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    writer.start();
    List<String> broken = new ArrayList<>();
    int snapshots = 0;
    int duringTheWriting = 0;
    while (writer.isAlive() && broken.isEmpty()) {
      CoreScope.State snapshot = scope.state();
      int before = Integer.parseInt(snapshot.tags().getOrDefault("before", "0"));
      int after = Integer.parseInt(snapshot.tags().getOrDefault("after", "0"));
      List<Breadcrumb> crumbs = snapshot.breadcrumbs().toList(1);
      int newest = crumbs.isEmpty() ? 0 : Integer.parseInt(crumbs.get(0).getMessage());
      if (after > newest || newest > before) {
        broken.add("after " + after + ", newest crumb " + newest + ", before " + before);
      }
      snapshots++;
      if (before > 0 && before < rounds) {
        duringTheWriting++;
      }
      if (before >= rounds / 2) {
        seenHalfway.countDown();
      }
      reading.countDown();
    }
    writer.join();
    assertThat(broken).isEmpty();
    assertThat(snapshots).as("snapshots checked").isPositive();
    assertThat(duringTheWriting).as("snapshots checked while the writer was writing").isPositive();
    assertThat(seenHalfway.getCount()).as("the reader saw the writer's halfway point").isZero();
    assertThat(scope.state().breadcrumbs().toList(1).get(0).getMessage()).isEqualTo(Integer.toString(rounds));
  }

  @Test
  void breadcrumbsStayBoundedAndTheNewestAreKept() {
    CoreScope scope = new CoreScope(5, CoreScope.State.EMPTY);
    for (int i = 0; i < 1_000; i++) {
      scope.addBreadcrumb(new Breadcrumb("crumb " + i));
    }
    Breadcrumbs kept = scope.state().breadcrumbs();
    assertThat(kept.size()).isLessThanOrEqualTo(10);
    assertThat(kept.toList(5)).extracting(Breadcrumb::getMessage)
        .containsExactly("crumb 995", "crumb 996", "crumb 997", "crumb 998", "crumb 999");
    assertThat(kept.bytes()).as("the chain's estimate counts what it holds")
        .isEqualTo(kept.toList(kept.size()).stream().mapToLong(EventSize::breadcrumb).sum());
  }
}
