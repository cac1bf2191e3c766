package sentry.core.delivery;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Decides when a {@link Delivery} warns that Sentry cannot be reached or refused an envelope, so
 * that a network or a server that comes and goes does not fill the application's log: a warning
 * is given on the first failure after Sentry last answered (or took an envelope), and each kind at
 * most once per {@link #WARNING_INTERVAL}; the others are logged at debug level by the delivery.
 * One per {@link Dispatcher}, shared by its deliveries. Thread-safe.
 */
final class DeliveryWarnings {
  /** How often each kind of delivery warning may be logged; see {@link #mayWarn}. */
  static final Duration WARNING_INTERVAL = Duration.ofMinutes(1);
  private static final long NEVER_WARNED = Long.MIN_VALUE;

  /** The warnings a flapping network or server could repeat. */
  private enum Warning { UNREACHABLE, REFUSED }

  private final AtomicBoolean networkDown = new AtomicBoolean();
  private final AtomicLong lastUnreachableWarning = new AtomicLong(NEVER_WARNED);
  private final AtomicLong lastRefusedWarning = new AtomicLong(NEVER_WARNED);
  private final AtomicBoolean refused = new AtomicBoolean();
  private final AtomicBoolean proxyRefused = new AtomicBoolean();

  /** Sentry answered: the next failure to reach it is news again. */
  void answered() {
    networkDown.set(false);
  }

  /** Sentry took an envelope: the next refusal is news again. */
  void accepted() {
    refused.set(false);
  }

  /**
   * Tells whether a refusal is to be warned of: the first since Sentry last took an envelope, and
   * {@link #mayWarn} allows it.
   */
  boolean warnRefused() {
    if (!refused.compareAndSet(false, true)) {
      return false;
    }
    if (mayWarn(Warning.REFUSED)) {
      return true;
    }
    refused.set(false);
    return false;
  }

  /** Tells whether a proxy's 407 is to be warned of: once, since it is a configuration error. */
  boolean warnProxyRefused() {
    return proxyRefused.compareAndSet(false, true);
  }

  /**
   * Tells whether a failure to reach Sentry is to be warned of: the first since it last answered,
   * and {@link #mayWarn} allows it.
   */
  boolean warnUnreachable() {
    if (!networkDown.compareAndSet(false, true)) {
      return false;
    }
    if (mayWarn(Warning.UNREACHABLE)) {
      return true;
    }
    // Too soon after the last warning: the next failure asks again, so that an outage that begins
    // within the interval is still warned of once the interval is over.
    networkDown.set(false);
    return false;
  }

  /**
   * Tells whether a warning may be logged now: each kind at most once per {@link #WARNING_INTERVAL},
   * so that a network that comes and goes does not fill the application's log (later ones are
   * logged at debug level).
   */
  private boolean mayWarn(Warning warning) {
    AtomicLong last = warning == Warning.UNREACHABLE ? lastUnreachableWarning : lastRefusedWarning;
    long now = System.nanoTime();
    long previous = last.get();
    return (previous == NEVER_WARNED || now - previous >= WARNING_INTERVAL.toNanos())
        && last.compareAndSet(previous, now);
  }
}
