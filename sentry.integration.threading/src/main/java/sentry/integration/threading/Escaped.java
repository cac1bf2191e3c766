package sentry.integration.threading;

import sentry.api.Hub;

/**
 * The last exception that left a wrapped task on this thread, with the hub the task ran in, and
 * whether it was reported already. The uncaught-exception handler runs on the dying thread after
 * the task's hub binding is closed: this tells it not to report a failure twice, and otherwise to
 * report it with the task's hub rather than the thread's.
 *
 * <p>One per thread, in a plain (not inheritable) thread local. It is cleared when the handler
 * takes it and when the next wrapped task starts on the thread; until then it keeps that one
 * exception and hub reachable.
 */
record Escaped(Throwable throwable, Hub hub, boolean reported) {
  private static final ThreadLocal<Escaped> LAST = new ThreadLocal<>();
  /** How deep in a cause chain the handler still recognises the task's exception. */
  private static final int MAX_CAUSES = 64;

  /** Remembers an exception leaving a wrapped task on this thread. */
  static void remember(Throwable throwable, Hub hub, boolean reported) {
    LAST.set(new Escaped(throwable, hub, reported));
  }

  /** Tells whether this exact throwable was already reported on this thread (by a monitored task). */
  static boolean reportedAlready(Throwable throwable) {
    Escaped last = LAST.get();
    return last != null && last.reported && last.throwable == throwable;
  }

  /** Forgets what a previous task left, when a new wrapped task starts. */
  static void clear() {
    LAST.remove();
  }

  /**
   * Takes what the last wrapped task on this thread left, if the uncaught exception is that
   * exception or was caused by it (a framework between the task and the thread may wrap it).
   *
   * @return the record, or null when the exception did not come from a wrapped task
   */
  static Escaped take(Throwable uncaught) {
    Escaped last = LAST.get();
    if (last == null) {
      return null;
    }
    LAST.remove();
    Throwable cause = uncaught;
    for (int depth = 0; cause != null && depth < MAX_CAUSES; depth++) {
      if (cause == last.throwable) {
        return last;
      }
      cause = cause.getCause();
    }
    return null;
  }
}
