package sentry.integration.threading;

import java.util.Optional;
import sentry.api.Hint;
import sentry.api.Hub;
import sentry.api.Level;
import sentry.api.Mechanism;
import sentry.api.SentryClient;
import sentry.api.SentryEvent;

/** Sends the integration's events and tells whether the current client has the integration. */
final class Reporter {
  /** The mechanism of the events it sends. */
  static final Mechanism MECHANISM = new Mechanism(ThreadingIntegration.IDENTIFIER, false);

  private static final System.Logger LOG = System.getLogger("sentry.integration.threading");

  private Reporter() {}

  /**
   * Returns the integration when the calling thread's client is enabled and has it.
   *
   * @return the installed integration, or empty when everything should pass straight through
   */
  static Optional<ThreadingIntegration> active() {
    return active(Hub.current().client());
  }

  private static Optional<ThreadingIntegration> active(SentryClient client) {
    return client.isEnabled() ? client.integration(ThreadingIntegration.class) : Optional.empty();
  }

  /** Tells whether tasks that fail into a {@code Future} are reported. */
  static boolean reportsFutures(Hub hub) {
    try {
      return active(hub.client()).map(ThreadingIntegration::isReportFutureExceptions).orElse(false);
    } catch (RuntimeException e) {
      return false;
    }
  }

  /**
   * Captures an unhandled exception with mechanism {@code threading}, level error, through a hub.
   * Never throws: a failure is logged, since the caller must go on with the original exception.
   *
   * @return true when an event was handed to the client; false when the client is disabled or
   *     does not have the integration, or the capture failed
   */
  static boolean report(Hub hub, Throwable throwable) {
    try {
      if (active(hub.client()).isEmpty()) {
        return false;
      }
      SentryEvent event = SentryEvent.fromThrowable(throwable, MECHANISM);
      event.setLevel(Level.ERROR);
      hub.captureEvent(event, Hint.of(Hint.THROWABLE, throwable));
      return true;
    } catch (Throwable failure) {
      try {
        LOG.log(System.Logger.Level.WARNING, "Sentry could not report an exception that escaped thread \""
            + Thread.currentThread().getName() + "\"", failure);
      } catch (Throwable ignored) {
        // Nothing more we can do; the caller passes the original exception on.
      }
      return false;
    }
  }
}
