package sentry.core.delivery;

import java.io.OutputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import sentry.core.accounting.ClientReports;

/**
 * The bounded queue between application threads and the worker, and the count of what is pending:
 * queued, being prepared, or in flight. An envelope counts as pending from {@link #add} until
 * {@link #settled()}, so {@link #awaitDrained} can tell when everything offered is settled.
 * {@link #wake} only makes a waiting {@link #poll(long)} return early. Thread-safe; {@link #add}
 * and {@link #wake} never block.
 */
final class SendQueue {
  /** Put in the queue to wake the worker; never counted, never returned. */
  private static final OutboundEnvelope WAKE = new OutboundEnvelope() {
    @Override
    public String eventId() {
      return null;
    }

    @Override
    public String category() {
      return ClientReports.CATEGORY;
    }

    @Override
    public void writeTo(OutputStream out) {
      throw new UnsupportedOperationException("the wake-up marker is never sent");
    }
  };

  private final ArrayBlockingQueue<OutboundEnvelope> queue;
  private final AtomicInteger pending = new AtomicInteger();
  /** Notified whenever {@link #pending} drops to zero. */
  private final Object drained = new Object();

  SendQueue(int capacity) {
    this.queue = new ArrayBlockingQueue<>(Math.max(1, capacity));
  }

  /** Queues an envelope and counts it pending; false, and nothing counted, when the queue is full. */
  boolean add(OutboundEnvelope envelope) {
    pending.incrementAndGet();
    if (!queue.offer(envelope)) {
      settled();
      return false;
    }
    return true;
  }

  /** Takes a queued envelope back out, uncounting it; false if the worker already took it. */
  boolean remove(OutboundEnvelope envelope) {
    if (queue.remove(envelope)) {
      settled();
      return true;
    }
    return false;
  }

  /** Counts one more pending delivery that does not go through the queue. */
  void begin() {
    pending.incrementAndGet();
  }

  /** Makes a waiting {@link #poll(long)} return now; does nothing when the queue is full (it returns anyway). */
  void wake() {
    queue.offer(WAKE);
  }

  /** Waits up to {@code nanos} for the next envelope; null when none came or {@link #wake} was called. */
  OutboundEnvelope poll(long nanos) throws InterruptedException {
    OutboundEnvelope envelope = queue.poll(nanos, TimeUnit.NANOSECONDS);
    return envelope == WAKE ? null : envelope;
  }

  /** Takes the next envelope without waiting; null when the queue is empty. */
  OutboundEnvelope poll() {
    OutboundEnvelope envelope;
    do {
      envelope = queue.poll();
    } while (envelope == WAKE);
    return envelope;
  }

  /** One pending envelope is settled: sent, kept in the outbox, or dropped and counted. */
  void settled() {
    if (pending.decrementAndGet() == 0) {
      synchronized (drained) {
        drained.notifyAll();
      }
    }
  }

  int pending() {
    return pending.get();
  }

  /**
   * Waits until nothing is pending or the deadline passes. An interrupt does not cut the wait short
   * (a caller that flushes or closes on an interrupted thread still wants its events delivered); it
   * is given back to the thread on return.
   *
   * @param deadline a {@link System#nanoTime()} value
   * @return true if nothing is pending
   */
  boolean awaitDrained(long deadline) {
    boolean interrupted = false;
    try {
      synchronized (drained) {
        while (pending.get() > 0) {
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            return false;
          }
          try {
            TimeUnit.NANOSECONDS.timedWait(drained, left);
          } catch (InterruptedException e) {
            interrupted = true;
          }
        }
        return true;
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
