package sentry.core.delivery;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * When to send the outbox's backlog again: exponential backoff after each failed round of attempts
 * (network error, 5xx, 429), from {@code base} doubling up to {@code cap}, without jitter; any
 * answer that is not a failure (a 2xx, or a refusal for good) means Sentry is reachable and makes
 * the backlog due at once. A round is what fails before the backoff it started is over: the other
 * requests in flight and the new envelopes sent meanwhile fail for the same reason, so they do not
 * lengthen the backoff (a burst of 100 failures during an outage would otherwise put the next
 * attempt at the cap, a minute after Sentry is back). On an injected clock, so tests move time
 * instead of sleeping. Thread-safe.
 */
final class RetrySchedule {
  private final Clock clock;
  private final long baseMillis;
  private final long capMillis;
  private int failures;
  private long notBeforeMillis;
  private boolean backlog;

  RetrySchedule(Clock clock, Duration base, Duration cap) {
    this.clock = clock;
    this.baseMillis = Math.max(1, base.toMillis());
    this.capMillis = Math.max(baseMillis, cap.toMillis());
    this.notBeforeMillis = clock.millis();
  }

  /** Tells whether the backlog should be looked at now. */
  synchronized boolean due() {
    return backlog && clock.millis() >= notBeforeMillis;
  }

  /** How long until the backlog is due, at most the cap; {@link Long#MAX_VALUE} with no backlog. */
  synchronized long nanosUntilDue() {
    if (!backlog) {
      return Long.MAX_VALUE;
    }
    long left = Math.min(capMillis, Math.max(0, notBeforeMillis - clock.millis()));
    return TimeUnit.MILLISECONDS.toNanos(left);
  }

  /** An attempt failed and its file was kept: back off, unless this round already did. */
  synchronized void failed() {
    long now = clock.millis();
    if (failures > 0 && now < notBeforeMillis) {
      backlog = true;
      return;
    }
    failures++;
    long delay = baseMillis;
    for (int i = 1; i < failures && delay < capMillis; i++) {
      delay *= 2;
    }
    delay = Math.min(delay, capMillis);
    notBeforeMillis = now + delay;
    backlog = true;
  }

  /** Sentry answered: the backlog is due now. */
  synchronized void reachable() {
    failures = 0;
    notBeforeMillis = clock.millis();
  }

  /** There are files to look at (found at start, or time for a periodic look). */
  synchronized void markBacklog() {
    backlog = true;
  }

  /** The backlog is empty. */
  synchronized void drained() {
    backlog = false;
  }

  /** Nothing in the backlog may be sent now (rate limits): look again after {@code pause}. */
  synchronized void pause(Duration pause) {
    notBeforeMillis = Math.max(notBeforeMillis, clock.millis() + pause.toMillis());
  }

  /** Returns the current delay before the next attempt, for tests and diagnostics. */
  synchronized Duration delay() {
    return Duration.ofMillis(Math.max(0, notBeforeMillis - clock.millis()));
  }

  synchronized int failures() {
    return failures;
  }
}
