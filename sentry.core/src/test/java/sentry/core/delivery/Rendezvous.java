package sentry.core.delivery;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Where the first SDK threads to arrive wait, up to a bound, until a second SDK thread has arrived:
 * proof without timing that two threads did the same work at once. The bound is not a measure: an
 * engine that does the work on one thread makes the first wait for it in vain, and the test that
 * asks {@link #met()} fails.
 */
public final class Rendezvous {
  private final Set<String> threads = ConcurrentHashMap.newKeySet();
  private final CountDownLatch met = new CountDownLatch(1);

  /** Notes the calling thread; an SDK thread ({@code sentry-*}) waits until another has arrived. */
  public void arrive() {
    String name = Thread.currentThread().getName();
    threads.add(name);
    if (!name.startsWith("sentry-")) {
      return;
    }
    if (threads.stream().filter(thread -> thread.startsWith("sentry-")).count() >= 2) {
      met.countDown();
      return;
    }
    try {
      met.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Tells whether a second SDK thread arrived while the first one waited. */
  public boolean met() {
    return met.getCount() == 0;
  }

  /** The names of the threads that arrived. */
  public Set<String> threads() {
    return Set.copyOf(threads);
  }

  /** Arrives in {@code toString}, which the JSON writer calls for a value it does not know. */
  @Override
  public String toString() {
    arrive();
    return "rendezvous";
  }
}
