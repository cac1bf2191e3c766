package sentry.core.delivery;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import sentry.core.log.SdkGuard;
import sentry.core.log.SdkLog;

/**
 * The threads that start the {@link Worker}'s deliveries of queued envelopes, so that envelopes are
 * serialized and gzipped in parallel: at most {@code min(cores, maxRequestsInFlight)} threads
 * ({@code sentry-serializer-<n>}, daemons), each with its own {@link Compressor} (buffers and
 * deflater kept from one envelope to the next). A thread starts only when a delivery is handed over
 * and none is idle, and all end at {@link #stop}. How many run at once is bounded anyway by the
 * request slots the worker took for them, so slow start holds: one delivery at a time until a 2xx.
 * The worker uses them only while no outbox is open: with one, it serializes itself, so that the
 * files it writes and the ones it parks keep the order of the queue.
 *
 * <p>A delivery handed over is still unclaimed (its envelope stays in the {@link SendQueue}'s
 * taken list), so a {@code close} that takes it back settles it; one that a stop finds unstarted
 * is cancelled, which counts it only when the close did not take it back. Whatever a delivery
 * throws past its own guards, even an {@link Error}, ends that delivery alone, counted, never the
 * thread. Thread-safe.
 */
final class Serializers {
  private static final SdkLog LOG = SdkLog.get("sentry.core.transport.Dispatcher");

  private final int max;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition handedOver = lock.newCondition();
  /** Guarded by {@link #lock}, as are the fields below. */
  private final ArrayDeque<Delivery> waiting = new ArrayDeque<>();
  /** How many threads were started; they never end before {@link #stop}. */
  private int started;
  private int idle;
  private boolean stopped;

  /**
   * Makes the pool; no thread starts before the first {@link #submit}.
   *
   * @param max the most threads, at least one
   */
  Serializers(int max) {
    this.max = Math.max(1, max);
  }

  /**
   * How many serializers a worker with {@code maxRequestsInFlight} slots uses on this machine.
   *
   * @return at least one
   */
  static int count(int maxRequestsInFlight) {
    return Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), maxRequestsInFlight));
  }

  /**
   * Hands a delivery that holds a request slot to a serializer, starting one when none is idle.
   * Never blocks on the delivery's work; after {@link #stop} it cancels the delivery at once.
   */
  void submit(Delivery delivery) {
    lock.lock();
    try {
      if (!stopped) {
        waiting.addLast(delivery);
        if (waiting.size() > idle && started < max) {
          Thread thread = new Thread(this::serialize, "sentry-serializer-" + ++started);
          thread.setDaemon(true);
          thread.start();
        } else {
          handedOver.signal();
        }
        return;
      }
    } finally {
      lock.unlock();
    }
    delivery.cancel();
  }

  /**
   * Stops the pool: threads end once their delivery is started, and deliveries not yet started are
   * cancelled here. Idempotent.
   */
  void stop() {
    List<Delivery> unstarted;
    lock.lock();
    try {
      stopped = true;
      unstarted = new ArrayList<>(waiting);
      waiting.clear();
      handedOver.signalAll();
    } finally {
      lock.unlock();
    }
    for (Delivery delivery : unstarted) {
      delivery.cancel();
    }
  }

  private void serialize() {
    SdkGuard.markSdkThread();
    Compressor compressor = new Compressor();
    try {
      for (Delivery delivery = next(); delivery != null; delivery = next()) {
        try {
          delivery.start(compressor);
        } catch (Throwable e) {
          // Delivery guards what the envelope does; this is for what slips past: it ends this one alone.
          LOG.warn("The Sentry dispatcher hit a bug and goes on: {}", e, e);
          failQuietly(delivery);
        }
      }
    } finally {
      compressor.end();
    }
  }

  /** Settles a delivery that threw; the thread outlives whatever that throws too. */
  private static void failQuietly(Delivery delivery) {
    try {
      delivery.fail();
    } catch (Throwable e) {
      LOG.warn("The Sentry dispatcher could not settle an envelope: {}", e, e);
    }
  }

  /** The next delivery handed over, waiting for one; null once stopped. */
  private Delivery next() {
    lock.lock();
    try {
      while (waiting.isEmpty() && !stopped) {
        idle++;
        try {
          handedOver.awaitUninterruptibly();
        } finally {
          idle--;
        }
      }
      return stopped ? null : waiting.pollFirst();
    } finally {
      lock.unlock();
    }
  }
}
