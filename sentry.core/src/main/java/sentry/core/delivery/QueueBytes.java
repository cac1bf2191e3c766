package sentry.core.delivery;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The byte bound of a {@link Dispatcher}: what its queued and in-flight envelopes may take in
 * memory before they are serialized and let go, by their {@link OutboundEnvelope#sizeEstimate()}.
 * An envelope that does not fit is dropped as {@code queue_overflow}; one larger than the whole
 * bound is taken only while nothing else is held, so that a large event is not lost on an idle SDK
 * and memory stays within the bound or one event. Thread-safe, lock-free.
 */
final class QueueBytes {
  private final long max;
  private final AtomicLong held = new AtomicLong();

  QueueBytes(long max) {
    this.max = Math.max(1, max);
  }

  /**
   * Takes room for an envelope, by its {@link OutboundEnvelope#sizeEstimate()}.
   *
   * @param envelope an envelope being offered
   * @return the envelope, charged with the room it took; null, and nothing taken, when it does
   *     not fit
   */
  Charged charge(OutboundEnvelope envelope) {
    long size;
    try {
      size = envelope.sizeEstimate();
    } catch (RuntimeException e) {
      size = 0;
    }
    return take(size) ? new Charged(envelope, size, this) : null;
  }

  /**
   * Takes room for an envelope.
   *
   * @param bytes its estimated size
   * @return false, and nothing taken, when it does not fit
   */
  boolean take(long bytes) {
    long size = Math.max(0, bytes);
    while (true) {
      long now = held.get();
      if (now > 0 && now + size > max) {
        return false;
      }
      if (held.compareAndSet(now, now + size)) {
        return true;
      }
    }
  }

  /** Gives back the room an envelope took. */
  void give(long bytes) {
    held.addAndGet(-Math.max(0, bytes));
  }

  /** How many bytes are held now. */
  long held() {
    return held.get();
  }

  /** The bound. */
  long max() {
    return max;
  }
}
