package sentry.integration.threading;

import sentry.api.Hub;

/** Where a wrapped task's exception goes, and so what the wrapper does with it. */
enum TaskMode {
  /**
   * Given to {@link java.util.concurrent.Executor#execute}: on a pool thread the exception escapes
   * the thread (or is dropped by the pool), so it is reported at once, with the task's hub, and
   * the uncaught-exception handler is told not to report it again. Run on the submitting thread
   * (a direct executor), the exception goes back to the caller, who may handle it: it is only
   * remembered, as for {@link #PLAIN}.
   */
  EXECUTE,
  /** Submitted for a {@link java.util.concurrent.Future}: reported only with {@code reportFutureExceptions}. */
  FUTURE,
  /**
   * A periodic task of a scheduled executor: its exception ends the schedule and sits in a future
   * that nobody usually reads, so it is reported always.
   */
  PERIODIC,
  /**
   * Wrapped on its own: where the exception goes is unknown. It is remembered, so that if it
   * escapes the thread, the uncaught-exception handler reports it with the task's hub.
   */
  PLAIN;

  /**
   * Handles a task's exception before it is rethrown, inside the task's hub binding. Never throws.
   *
   * @param failure what the task threw
   * @param hub the task's hub
   * @param submitter the thread that wrapped or submitted the task
   */
  void failed(Throwable failure, Hub hub, Thread submitter) {
    if (Escaped.reportedAlready(failure)) {
      return;
    }
    switch (this) {
      case EXECUTE -> {
        boolean elsewhere = Thread.currentThread() != submitter;
        boolean reported = elsewhere && Reporter.report(hub, failure);
        Escaped.remember(failure, hub, reported);
      }
      case FUTURE -> {
        if (Reporter.reportsFutures(hub)) {
          Reporter.report(hub, failure);
        }
      }
      case PERIODIC -> Reporter.report(hub, failure);
      case PLAIN -> Escaped.remember(failure, hub, false);
    }
  }
}
