package sentry.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The queue that application threads offer to without a lock: its bound, its pending count, and the
 * worker's wake-ups, with real threads racing.
 */
class SendQueueTest {
  private static final long LONG_WAIT = TimeUnit.SECONDS.toNanos(30);

  @Test
  void keepsItsBoundWhenManyThreadsOfferAtOnce() throws InterruptedException {
    SendQueue queue = new SendQueue(1000);
    AtomicInteger accepted = new AtomicInteger();
    runOnThreads(8, () -> {
      for (int i = 0; i < 500; i++) {
        if (queue.add(new ReportRequest())) {
          accepted.incrementAndGet();
        }
      }
    });

    assertThat(accepted.get()).isEqualTo(1000);
    assertThat(queue.pending()).isEqualTo(1000);
    assertThat(queue.takeBack()).hasSize(1000);
    // Room again once taken out.
    assertThat(queue.add(new ReportRequest())).isTrue();
  }

  @Test
  void aWaitingWorkerTakesEveryOfferExactlyOnce() throws Exception {
    SendQueue queue = new SendQueue(100_000);
    int producers = 4;
    int each = 20_000;
    Set<QueueItem> taken = new HashSet<>();
    AtomicReference<Throwable> workerFailure = new AtomicReference<>();
    Thread worker = new Thread(() -> {
      try {
        while (taken.size() < producers * each) {
          QueueItem item = queue.poll(LONG_WAIT);
          assertThat(item).as("an offer that never woke the worker").isNotNull();
          assertThat(queue.claim(item)).isTrue();
          assertThat(taken.add(item)).isTrue();
          queue.settled();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (Throwable t) {
        workerFailure.compareAndSet(null, t);
      }
    });
    worker.start();
    runOnThreads(producers, () -> {
      for (int i = 0; i < each; i++) {
        assertThat(queue.add(new ReportRequest())).isTrue();
        if (i % 1000 == 0) {
          // Let the worker empty the queue and wait, so that later offers must wake it.
          Thread.yield();
        }
      }
    });
    worker.join(TimeUnit.SECONDS.toMillis(60));

    rethrow("the worker", workerFailure);
    assertThat(worker.isAlive()).isFalse();
    assertThat(taken).hasSize(producers * each);
    assertThat(queue.awaitDrained(System.nanoTime())).isTrue();
  }

  @Test
  void wakeEndsAWaitWithNothing() throws Exception {
    SendQueue queue = new SendQueue(10);
    CountDownLatch waiting = new CountDownLatch(1);
    List<Object> result = new ArrayList<>();
    Thread worker = new Thread(() -> {
      waiting.countDown();
      try {
        result.add(String.valueOf(queue.poll(LONG_WAIT)));
      } catch (InterruptedException e) {
        result.add("interrupted");
      }
    });
    worker.start();
    waiting.await();
    awaitParked(worker);
    queue.wake();
    worker.join(TimeUnit.SECONDS.toMillis(10));

    assertThat(result).containsExactly("null");
  }

  @Test
  void anInterruptEndsAWait() throws Exception {
    SendQueue queue = new SendQueue(10);
    List<Object> result = new ArrayList<>();
    Thread worker = new Thread(() -> {
      try {
        result.add(String.valueOf(queue.poll(LONG_WAIT)));
      } catch (InterruptedException e) {
        result.add("interrupted");
      }
    });
    worker.start();
    awaitParked(worker);
    worker.interrupt();
    worker.join(TimeUnit.SECONDS.toMillis(10));

    assertThat(result).containsExactly("interrupted");
  }

  @Test
  void whatTheWorkerTookButDidNotClaimIsTakenBackAndItsClaimFails() {
    SendQueue queue = new SendQueue(10);
    ReportRequest first = new ReportRequest();
    ReportRequest second = new ReportRequest();
    queue.add(first);
    queue.add(second);

    assertThat(queue.poll()).isSameAs(first);
    assertThat(queue.takeBack()).containsExactly(first, second);
    assertThat(queue.claim(first)).isFalse();
    assertThat(queue.remove(second)).isFalse();
  }

  /** Runs the task on that many threads at once; the first failure on any of them is rethrown. */
  private static void runOnThreads(int count, Runnable task) throws InterruptedException {
    AtomicReference<Throwable> failure = new AtomicReference<>();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Thread thread = new Thread(() -> {
        try {
          task.run();
        } catch (Throwable t) {
          failure.compareAndSet(null, t);
        }
      });
      threads.add(thread);
      thread.start();
    }
    for (Thread thread : threads) {
      thread.join();
    }
    rethrow("a producer", failure);
  }

  private static void rethrow(String where, AtomicReference<Throwable> failure) {
    Throwable t = failure.get();
    if (t != null) {
      throw new AssertionError("failed on " + where + ": " + t, t);
    }
  }

  /** Waits, up to a generous deadline, until the worker is parked in its wait. */
  private static void awaitParked(Thread worker) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    Thread.State state = worker.getState();
    while (state != Thread.State.WAITING && state != Thread.State.TIMED_WAITING) {
      assertThat(state).as("the worker ended before it waited").isNotEqualTo(Thread.State.TERMINATED);
      assertThat(System.nanoTime() - deadline).as("the worker waits within 10 s").isNegative();
      Thread.sleep(1);
      state = worker.getState();
    }
  }
}
