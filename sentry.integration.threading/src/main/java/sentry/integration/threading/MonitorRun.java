package sentry.integration.threading;

import java.time.Duration;
import sentry.api.CheckIn;
import sentry.api.Hint;
import sentry.api.Hub;
import sentry.api.Level;
import sentry.api.Mechanism;
import sentry.api.MonitorConfig;
import sentry.api.SentryEvent;

/**
 * One run of a monitored task: check-ins around it, its own copy of the hub and its own trace, and
 * the exception it throws reported and linked to the {@code error} check-in by that trace.
 *
 * @param slug the monitor's slug
 * @param config the configuration sent with each run's {@code in_progress} check-in, or null
 * @param template the hub each run copies, taken when the task was wrapped
 */
record MonitorRun(String slug, MonitorConfig config, Hub template) {
  /** The mechanism of the events it sends: {@code monitor}, unhandled. */
  static final Mechanism MECHANISM = new Mechanism("monitor", false);

  private static final System.Logger LOG = System.getLogger("sentry.integration.threading");

  /** The task itself. */
  @FunctionalInterface
  interface Body<T, E extends Throwable> {
    T run() throws E;
  }

  <T, E extends Throwable> T run(Body<T, E> body) throws E {
    if (!template.client().isEnabled()) {
      return body.run();
    }
    Hub hub = template.copy();
    // Each run is a trace of its own: its check-ins take the trace id of the run's scope, and so do
    // its events (contexts.trace), which links them in Sentry.
    hub.configureScope(scope -> scope.continueTrace(null, null));
    CheckIn started = CheckIn.inProgress(slug).withMonitorConfig(config);
    Hub.Binding bound = hub.bind();
    long startNanos = System.nanoTime();
    try {
      send(hub, started);
      T result = body.run();
      send(hub, started.finish(CheckIn.Status.OK, Duration.ofNanos(System.nanoTime() - startNanos)));
      return result;
    } catch (Throwable failure) {
      Duration took = Duration.ofNanos(System.nanoTime() - startNanos);
      report(hub, failure);
      send(hub, started.finish(CheckIn.Status.ERROR, took));
      throw failure;
    } finally {
      bound.close();
    }
  }

  private static void send(Hub hub, CheckIn checkIn) {
    try {
      hub.captureCheckIn(checkIn);
    } catch (Throwable failure) {
      log("Sentry could not send a check-in of monitor \"" + checkIn.monitorSlug() + "\"", failure);
    }
  }

  private static void report(Hub hub, Throwable failure) {
    try {
      SentryEvent event = SentryEvent.fromThrowable(failure, MECHANISM);
      event.setLevel(Level.ERROR);
      hub.captureEvent(event, Hint.of(Hint.THROWABLE, failure));
      // A wrapped executor or the uncaught-exception handler must not report it again.
      Escaped.remember(failure, hub, true);
    } catch (Throwable sdkFailure) {
      log("Sentry could not report an exception of a monitored task", sdkFailure);
    }
  }

  private static void log(String message, Throwable failure) {
    try {
      LOG.log(System.Logger.Level.WARNING, message, failure);
    } catch (Throwable ignored) {
      // The task's own outcome still goes to the caller.
    }
  }
}
