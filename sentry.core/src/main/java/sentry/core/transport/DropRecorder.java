package sentry.core.transport;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import sentry.api.DropReason;

/**
 * Counts every item the SDK drops, by reason and data category, for client reports and for tests.
 * Thread-safe and cheap on the calling thread.
 */
public final class DropRecorder {
  private final ConcurrentHashMap<String, LongAdder> counts = new ConcurrentHashMap<>();

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
    counts.computeIfAbsent(reason.protocolName() + "/" + category, key -> new LongAdder()).add(quantity);
  }

  /**
   * Returns the counts so far, keyed {@code reason/category}, without resetting them.
   *
   * @return a sorted copy
   */
  public Map<String, Long> totals() {
    Map<String, Long> copy = new TreeMap<>();
    counts.forEach((key, adder) -> {
      long value = adder.sum();
      if (value > 0) {
        copy.put(key, value);
      }
    });
    return copy;
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
    for (Map.Entry<String, LongAdder> entry : counts.entrySet()) {
      if (entry.getKey().startsWith(prefix)) {
        sum += entry.getValue().sum();
      }
    }
    return sum;
  }
}
