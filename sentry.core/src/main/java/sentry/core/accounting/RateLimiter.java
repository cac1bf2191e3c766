package sentry.core.accounting;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.LongSupplier;
import sentry.core.transport.Transport;

/**
 * Remembers which data categories Sentry asked us to hold back, and until when. It reads the
 * {@code X-Sentry-Rate-Limits} header ({@code retry_after:cat1;cat2:scope:reason, ...}; empty
 * categories mean all; unknown categories are ignored; the longer expiry wins) and, for a 429
 * without that header, or with one in which no quota parses, {@code Retry-After} in seconds or
 * else 60 seconds for every category. No limit lasts longer than a day.
 *
 * <p>Thread-safe. {@link #isLimited(String)} is cheap enough for application threads: a clock
 * read and two array reads, no locks, no allocation.
 */
public final class RateLimiter {
  /** The categories we send; a limit on any other category cannot affect us and is ignored. */
  private static final String[] CATEGORIES = {"error", "attachment", "session", "internal", "monitor", "log_item"};
  private static final int ALL = CATEGORIES.length;
  private static final long DEFAULT_RETRY_SECONDS = 60;
  /**
   * The longest a limit may last: a day. A longer one is more likely a broken or hostile answer
   * than a quota, and would silence the SDK for the life of the process; it also keeps nanosecond
   * arithmetic from overflowing.
   */
  static final long MAX_RETRY_SECONDS = TimeUnit.DAYS.toSeconds(1);

  private final LongSupplier nanoClock;
  private final long origin;
  /** Per category, then "all": nanos since {@link #origin} until which it is limited; 0 = never. */
  private final AtomicLongArray limitedUntil = new AtomicLongArray(ALL + 1);

  /** Makes a limiter on {@link System#nanoTime()}. */
  public RateLimiter() {
    this(System::nanoTime);
  }

  /**
   * Makes a limiter on the given clock, so that tests can move time without sleeping.
   *
   * @param nanoClock a monotonic clock in nanoseconds, like {@link System#nanoTime()}
   */
  public RateLimiter(LongSupplier nanoClock) {
    this.nanoClock = nanoClock;
    // Deadlines are kept relative to this origin so that 0 can mean "no limit" whatever the clock's
    // absolute values are.
    this.origin = nanoClock.getAsLong() - 1;
  }

  /**
   * Tells whether items of a data category must be held back now.
   *
   * @param category the data category ({@code error}, {@code attachment}, {@code session},
   *     {@code internal}, {@code monitor}, {@code log_item}); other categories are affected only by limits on all
   *     categories
   * @return true while the category, or every category, is limited
   */
  public boolean isLimited(String category) {
    long now = now();
    if (limitedUntil.get(ALL) > now) {
      return true;
    }
    int index = indexOf(category);
    return index >= 0 && limitedUntil.get(index) > now;
  }

  /**
   * Learns from one answer of Sentry's. {@code X-Sentry-Rate-Limits} is honoured whatever the
   * status; without it, or when not one of its quotas parses, a 429 limits every category for
   * {@code Retry-After} seconds, or 60. Malformed parts of either header are skipped, and no limit
   * lasts longer than a day. Never throws on bad header values.
   *
   * @param status the HTTP status code
   * @param retryAfter the {@code Retry-After} header value, or null when absent
   * @param rateLimits the {@code X-Sentry-Rate-Limits} header value, or null when absent
   */
  public void update(int status, String retryAfter, String rateLimits) {
    boolean applied = rateLimits != null && applyRateLimits(rateLimits);
    if (!applied && status == 429) {
      long seconds = parseSeconds(retryAfter);
      limit(ALL, seconds < 0 ? DEFAULT_RETRY_SECONDS : seconds);
    }
  }

  /**
   * Learns from a response of a {@link Transport}.
   *
   * @param response the response
   */
  public void update(Transport.Response response) {
    update(response.status(), response.retryAfter(), response.rateLimits());
  }

  /** Applies the quotas that parse; tells whether any did (even one naming no category of ours). */
  private boolean applyRateLimits(String header) {
    boolean parsed = false;
    for (String quota : header.split(",")) {
      String[] parts = quota.trim().split(":", -1);
      if (parts.length < 2) {
        continue;
      }
      long seconds = parseSeconds(parts[0]);
      if (seconds < 0) {
        continue;
      }
      parsed = true;
      String categories = parts[1].trim();
      if (categories.isEmpty()) {
        limit(ALL, seconds);
        continue;
      }
      for (String category : categories.split(";")) {
        int index = indexOf(category.trim());
        if (index >= 0) {
          limit(index, seconds);
        }
      }
    }
    return parsed;
  }

  private void limit(int index, long seconds) {
    long until = now() + TimeUnit.SECONDS.toNanos(Math.min(seconds, MAX_RETRY_SECONDS));
    limitedUntil.accumulateAndGet(index, until, Math::max);
  }

  /** Returns whole seconds, rounding fractions up, or -1 when the value is not a duration. */
  private static long parseSeconds(String value) {
    if (value == null) {
      return -1;
    }
    String text = value.trim();
    // Double.parseDouble alone would also take "NaN", "1e3", "0x10" or "60d".
    if (text.isEmpty() || !text.chars().allMatch(c -> (c >= '0' && c <= '9') || c == '.')) {
      return -1;
    }
    try {
      double seconds = Double.parseDouble(text);
      return (long) Math.ceil(Math.min(seconds, MAX_RETRY_SECONDS));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static int indexOf(String category) {
    switch (category) {
      case "error":
        return 0;
      case "attachment":
        return 1;
      case "session":
        return 2;
      case "internal":
        return 3;
      case "monitor":
        return 4;
      case "log_item":
        return 5;
      default:
        return -1;
    }
  }

  private long now() {
    return nanoClock.getAsLong() - origin;
  }

  @Override
  public String toString() {
    long now = now();
    StringBuilder text = new StringBuilder("RateLimiter[");
    for (int i = 0; i <= ALL; i++) {
      long left = limitedUntil.get(i) - now;
      if (left > 0) {
        text.append(i == ALL ? "all" : CATEGORIES[i]).append(' ')
            .append(TimeUnit.NANOSECONDS.toSeconds(left)).append("s ");
      }
    }
    return text.append(']').toString();
  }
}
