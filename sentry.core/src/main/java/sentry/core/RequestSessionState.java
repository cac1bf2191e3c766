package sentry.core;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import sentry.api.Hub;
import sentry.api.Mechanism;
import sentry.api.SentryEvent;
import sentry.api.SentryException;

/**
 * One request's release-health session: its started minute and the worst thing that happened to
 * it (0 exited, 1 errored, 2 crashed). The hub's scope holds it while the request runs, so every
 * event captured through the scope or a copy of it updates it. Thread-safe: an async request may
 * capture and end on other threads.
 */
final class RequestSessionState implements Hub.RequestSession {
  private final SessionAggregator aggregator;
  private final Instant startedMinute;
  private final AtomicInteger status = new AtomicInteger();
  private final AtomicBoolean ended = new AtomicBoolean();

  RequestSessionState(SessionAggregator aggregator, Instant startedMinute) {
    this.aggregator = aggregator;
    this.startedMinute = startedMinute;
  }

  /** Marks the session errored or crashed when a captured event says so. */
  void observe(SentryEvent event) {
    int seen = severity(event);
    status.accumulateAndGet(seen, Math::max);
  }

  private static int severity(SentryEvent event) {
    if (event.hasDescribedExceptions() && !event.getExceptions().isEmpty()) {
      int worst = 0;
      for (SentryException exception : event.getExceptions()) {
        Mechanism mechanism = exception == null ? null : exception.mechanism();
        worst = Math.max(worst, mechanism != null && !mechanism.handled() ? 2 : 1);
      }
      return worst;
    }
    if (event.getThrowable() == null) {
      return 0;
    }
    Mechanism mechanism = event.getMechanism();
    return mechanism != null && !mechanism.handled() ? 2 : 1;
  }

  @Override
  public void close() {
    if (ended.compareAndSet(false, true)) {
      aggregator.add(startedMinute, status.get());
    }
  }
}
