package sentry.core.accounting;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import sentry.api.DropReason;

/**
 * Counts every item the SDK drops, by reason and data category, for client reports and for tests.
 * Thread-safe and cheap on the calling thread.
 *
 * <p>Keys are {@code "reason/category"}, such as {@code "queue_overflow/error"}. Each count is kept
 * three ways: {@link #totals()} only grows; {@link #unreported()} holds what waits for a client
 * report; {@link #reported()} holds what Sentry acknowledged (a 2xx) in a client report and
 * {@link #refusedReports()} what it refused for good (a 4xx other than 429). Counts move from
 * unreported to one of the last two, or back to unreported when the envelope that carried them
 * was not delivered, never anywhere else. So once nothing is in flight, for every key, totals =
 * unreported + reported + refused: no count is lost or doubled in memory.
 */
public final class DropRecorder {
  private final ConcurrentHashMap<String, LongAdder> totals = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, AtomicLong> unreported = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, LongAdder> reported = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, LongAdder> refused = new ConcurrentHashMap<>();

  /** Makes an empty recorder. */
  public DropRecorder() {}

  /**
   * Counts one dropped item.
   *
   * @param reason why it was dropped
   * @param category its data category ({@code error}, {@code attachment}, {@code session},
   *     {@code internal})
   */
  public void record(DropReason reason, String category) {
    record(reason, category, 1);
  }

  /**
   * Counts dropped items.
   *
   * @param reason why they were dropped
   * @param category their data category
   * @param quantity how many
   */
  public void record(DropReason reason, String category, long quantity) {
    String key = reason.protocolName() + "/" + category;
    totals.computeIfAbsent(key, k -> new LongAdder()).add(quantity);
    unreported.computeIfAbsent(key, k -> new AtomicLong()).addAndGet(quantity);
  }

  /**
   * Returns the counts so far, keyed {@code reason/category}, without resetting them.
   *
   * @return a sorted copy
   */
  public Map<String, Long> totals() {
    return copy(totals);
  }

  /**
   * Returns the total count for one reason, all categories.
   *
   * @param reason the reason
   * @return how many items were dropped for it
   */
  public long total(DropReason reason) {
    String prefix = reason.protocolName() + "/";
    long sum = 0;
    for (Map.Entry<String, LongAdder> entry : totals.entrySet()) {
      if (entry.getKey().startsWith(prefix)) {
        sum += entry.getValue().sum();
      }
    }
    return sum;
  }

  /**
   * Returns the counts that wait for a client report: neither taken nor acknowledged yet.
   *
   * @return a sorted copy, positive counts only
   */
  public Map<String, Long> unreported() {
    Map<String, Long> copy = new TreeMap<>();
    unreported.forEach((key, count) -> {
      long value = count.get();
      if (value > 0) {
        copy.put(key, value);
      }
    });
    return copy;
  }

  /**
   * Returns the counts that Sentry acknowledged in client reports.
   *
   * @return a sorted copy
   */
  public Map<String, Long> reported() {
    return copy(reported);
  }

  /**
   * Returns the counts of client reports that Sentry refused for good (a 4xx other than 429).
   * They are not sent again: a report that Sentry refuses would be refused each time.
   *
   * @return a sorted copy
   */
  public Map<String, Long> refusedReports() {
    return copy(refused);
  }

  /**
   * Tells whether any count waits for a client report.
   *
   * @return true if one does
   */
  public boolean hasUnreported() {
    for (AtomicLong count : unreported.values()) {
      if (count.get() > 0) {
        return true;
      }
    }
    return false;
  }

  /**
   * Takes every waiting count out, key by key atomically: a drop recorded meanwhile is either in
   * the result or still waiting, never both. The caller must {@link #putBack} or
   * {@link #markReported} or {@link #markRefused} what it took.
   *
   * @return the counts taken, positive only; empty when none waited
   */
  Map<String, Long> takeUnreported() {
    Map<String, Long> taken = new TreeMap<>();
    unreported.forEach((key, count) -> {
      long value = count.getAndSet(0);
      if (value > 0) {
        taken.put(key, value);
      }
    });
    return taken;
  }

  /** Puts counts taken by {@link #takeUnreported} back: their envelope was not delivered. */
  void putBack(Map<String, Long> taken) {
    taken.forEach((key, value) -> unreported.computeIfAbsent(key, k -> new AtomicLong()).addAndGet(value));
  }

  /** Files counts taken by {@link #takeUnreported} as acknowledged by Sentry. */
  void markReported(Map<String, Long> taken) {
    taken.forEach((key, value) -> reported.computeIfAbsent(key, k -> new LongAdder()).add(value));
  }

  /** Files counts taken by {@link #takeUnreported} as refused by Sentry for good. */
  void markRefused(Map<String, Long> taken) {
    taken.forEach((key, value) -> refused.computeIfAbsent(key, k -> new LongAdder()).add(value));
  }

  private static Map<String, Long> copy(ConcurrentHashMap<String, LongAdder> counts) {
    Map<String, Long> copy = new TreeMap<>();
    counts.forEach((key, adder) -> {
      long value = adder.sum();
      if (value > 0) {
        copy.put(key, value);
      }
    });
    return copy;
  }
}
