package sentry.core.delivery;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The bounded queue between application threads and the worker, and the count of what is pending:
 * queued, being prepared, or in flight. An envelope counts as pending from {@link #add} until
 * {@link #settled()}, so {@link #awaitDrained} can tell when everything offered is settled.
 * {@link #wake} only makes a waiting {@link #poll(long)} return early. Thread-safe; {@link #add}
 * and {@link #wake} never block and take no lock: an application thread that offers never waits
 * for the worker, even one descheduled while it takes from the queue. The bound is kept by a
 * count reserved before the envelope goes in, and the worker is unparked only when it waits.
 *
 * <p>Taken is not yet owned: an envelope the worker {@link #poll polls} stays the queue's until the
 * worker {@link #claim claims} it, just before it does what cannot be undone (writing it to the
 * outbox, sending it, counting it). {@link #takeBack} hands the closing thread everything queued
 * and everything taken but not claimed, at once, so that {@code close} settles an envelope the
 * worker holds (still serializing it, say) instead of returning while nobody has written or
 * counted it; the worker's later claim fails and it lets go. Taking, claiming and taking back
 * hold the queue's lock, which offers never touch. One thread at a time (the worker) may wait in
 * {@link #poll(long)}.
 */
final class SendQueue {
  /** Guards {@link #taken} and every removal from {@link #queue}; never held by {@link #add}. */
  private final ReentrantLock lock = new ReentrantLock();
  private final ConcurrentLinkedQueue<QueueItem> queue = new ConcurrentLinkedQueue<>();
  /** Queued envelopes, counting the ones whose room is reserved and that are about to go in. */
  private final AtomicInteger size = new AtomicInteger();
  private final int capacity;
  /** Taken by the worker and not yet claimed, in the order taken; guarded by {@link #lock}. */
  private final List<QueueItem> taken = new ArrayList<>(2);
  /** Set by {@link #wake}, cleared by the poll it wakes. */
  private volatile boolean woken;
  /**
   * The thread waiting in {@link #poll(long)}, or null: only then does an offer unpark it, and only
   * the offer that clears it, so that offers from many threads do not each unpark it.
   */
  private final AtomicReference<Thread> waiter = new AtomicReference<>();
  private final AtomicInteger pending = new AtomicInteger();
  /** Notified whenever {@link #pending} drops to zero. */
  private final Object drained = new Object();

  SendQueue(int capacity) {
    this.capacity = Math.max(1, capacity);
  }

  /** Queues an envelope and counts it pending; false, and nothing counted, when the queue is full. */
  boolean add(QueueItem item) {
    pending.incrementAndGet();
    if (size.incrementAndGet() > capacity) {
      size.decrementAndGet();
      settled();
      return false;
    }
    try {
      queue.offer(item);
    } catch (Throwable e) {
      // OutOfMemoryError making the queue's node: give the counts back, or the bound would shrink
      // and every flush wait for an envelope that was never queued; the dispatcher counts the
      // drop as for a full queue.
      size.decrementAndGet();
      settled();
      return false;
    }
    // After the offer: a worker that published itself as waiting and then found the queue empty
    // is unparked here (both are volatile, so one of the two sees the other).
    unparkWaiter();
    return true;
  }

  /** Takes a queued envelope back out, uncounting it; false if the worker already took it. */
  boolean remove(QueueItem item) {
    boolean removed;
    lock.lock();
    try {
      removed = queue.remove(item);
    } finally {
      lock.unlock();
    }
    if (removed) {
      size.decrementAndGet();
      settled();
    }
    return removed;
  }

  /** Counts one more pending delivery that does not go through the queue. */
  void begin() {
    pending.incrementAndGet();
  }

  /** Makes a waiting {@link #poll(long)} return now, or the next one at once. */
  void wake() {
    woken = true;
    unparkWaiter();
  }

  private void unparkWaiter() {
    Thread worker = waiter.get();
    if (worker != null && waiter.compareAndSet(worker, null)) {
      LockSupport.unpark(worker);
    }
  }

  /**
   * Waits up to {@code nanos} for the next envelope and takes it, still unclaimed; null when none
   * came or {@link #wake} was called. Only one thread at a time may wait here.
   */
  QueueItem poll(long nanos) throws InterruptedException {
    if (Thread.interrupted()) {
      throw new InterruptedException();
    }
    long start = System.nanoTime();
    Thread me = Thread.currentThread();
    while (queue.isEmpty() && !woken) {
      long left = nanos - (System.nanoTime() - start);
      if (left <= 0) {
        return null;
      }
      waiter.set(me);
      // Looked at again once published: an offer or a wake that came in between saw us waiting.
      if (queue.isEmpty() && !woken) {
        LockSupport.parkNanos(this, left);
      }
      waiter.set(null);
      if (Thread.interrupted()) {
        throw new InterruptedException();
      }
    }
    woken = false;
    return poll();
  }

  /** Takes the next envelope, still unclaimed, without waiting; null when the queue is empty. */
  QueueItem poll() {
    lock.lock();
    try {
      return take();
    } finally {
      lock.unlock();
    }
  }

  private QueueItem take() {
    QueueItem item = queue.poll();
    if (item != null) {
      size.decrementAndGet();
      taken.add(item);
    }
    return item;
  }

  /**
   * Claims an envelope the worker took: from now on it is the worker's to settle.
   *
   * @return true if claimed; false when {@link #takeBack} gave it to the closing thread
   */
  boolean claim(QueueItem item) {
    lock.lock();
    try {
      for (int i = 0; i < taken.size(); i++) {
        if (taken.get(i) == item) {
          taken.remove(i);
          return true;
        }
      }
      return false;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Takes everything taken but unclaimed, then everything queued, in that order, out of the queue
   * for the caller to settle; later claims of them fail.
   *
   * @return the envelopes, oldest first
   */
  List<QueueItem> takeBack() {
    lock.lock();
    try {
      List<QueueItem> all = new ArrayList<>(taken);
      taken.clear();
      for (QueueItem item = queue.poll(); item != null; item = queue.poll()) {
        size.decrementAndGet();
        all.add(item);
      }
      return all;
    } finally {
      lock.unlock();
    }
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
