package sentry.core.delivery;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The bounded queue between application threads and the worker, and the count of what is pending:
 * queued, being prepared, or in flight. An envelope counts as pending from {@link #add} until
 * {@link #settled()}, so {@link #awaitDrained} can tell when everything offered is settled.
 * {@link #wake} only makes a waiting {@link #poll(long)} return early. Thread-safe; {@link #add}
 * and {@link #wake} never block.
 *
 * <p>Taken is not yet owned: an envelope the worker {@link #poll polls} stays the queue's until the
 * worker {@link #claim claims} it, just before it does what cannot be undone (writing it to the
 * outbox, sending it, counting it). {@link #takeBack} hands the closing thread everything queued
 * and everything taken but not claimed, at once, so that {@code close} settles an envelope the
 * worker holds (still serializing it, say) instead of returning while nobody has written or
 * counted it; the worker's later claim fails and it lets go.
 */
final class SendQueue {
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition notEmpty = lock.newCondition();
  private final ArrayDeque<QueueItem> queue;
  private final int capacity;
  /** Taken by the worker and not yet claimed, in the order taken; guarded by {@link #lock}. */
  private final List<QueueItem> taken = new ArrayList<>(2);
  /** Set by {@link #wake}, cleared by the poll it wakes; guarded by {@link #lock}. */
  private boolean woken;
  private final AtomicInteger pending = new AtomicInteger();
  /** Notified whenever {@link #pending} drops to zero. */
  private final Object drained = new Object();

  SendQueue(int capacity) {
    this.capacity = Math.max(1, capacity);
    this.queue = new ArrayDeque<>(Math.min(this.capacity, 1024));
  }

  /** Queues an envelope and counts it pending; false, and nothing counted, when the queue is full. */
  boolean add(QueueItem item) {
    pending.incrementAndGet();
    lock.lock();
    try {
      if (queue.size() >= capacity) {
        settled();
        return false;
      }
      queue.addLast(item);
      notEmpty.signal();
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** Takes a queued envelope back out, uncounting it; false if the worker already took it. */
  boolean remove(QueueItem item) {
    boolean removed;
    lock.lock();
    try {
      removed = queue.removeFirstOccurrence(item);
    } finally {
      lock.unlock();
    }
    if (removed) {
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
    lock.lock();
    try {
      woken = true;
      notEmpty.signal();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Waits up to {@code nanos} for the next envelope and takes it, still unclaimed; null when none
   * came or {@link #wake} was called.
   */
  QueueItem poll(long nanos) throws InterruptedException {
    lock.lockInterruptibly();
    try {
      long left = nanos;
      while (queue.isEmpty() && !woken) {
        if (left <= 0) {
          return null;
        }
        left = notEmpty.awaitNanos(left);
      }
      woken = false;
      return take();
    } finally {
      lock.unlock();
    }
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
    QueueItem item = queue.pollFirst();
    if (item != null) {
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
      List<QueueItem> all = new ArrayList<>(taken.size() + queue.size());
      all.addAll(taken);
      all.addAll(queue);
      taken.clear();
      queue.clear();
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
