package sentry.api.transport.internal;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The sends a transport has started and not yet finished, so that {@code close} can wait for them
 * and then end the rest. Thread-safe.
 *
 * @param <T> what stands for one send
 */
public final class InFlight<T> {
  private final Set<T> sends = ConcurrentHashMap.newKeySet();
  private volatile boolean closing;

  /** Makes an empty set. */
  public InFlight() {}

  /**
   * A send started.
   *
   * @param send the send
   */
  public void add(T send) {
    sends.add(send);
  }

  /**
   * A send finished; wakes a {@link #awaitEmpty} that waits for the last one.
   *
   * @param send the send
   */
  public void remove(T send) {
    sends.remove(send);
    if (closing) {
      synchronized (sends) {
        sends.notifyAll();
      }
    }
  }

  /**
   * Waits until no send is left or {@code timeout} has passed, whichever is first; returns at once
   * when interrupted, keeping the interrupt.
   *
   * @param timeout how long to wait at most
   * @return the sends still in flight, in no order
   */
  public List<T> awaitEmpty(Duration timeout) {
    closing = true;
    long deadline = System.nanoTime() + HttpBasics.saturatedNanos(timeout);
    synchronized (sends) {
      long left;
      while (!sends.isEmpty() && (left = deadline - System.nanoTime()) > 0) {
        try {
          TimeUnit.NANOSECONDS.timedWait(sends, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    return List.copyOf(sends);
  }
}
