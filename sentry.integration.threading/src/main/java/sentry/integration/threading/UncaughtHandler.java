package sentry.integration.threading;

import java.util.Optional;
import sentry.api.Hub;

/**
 * The default uncaught-exception handler: reports what {@link ThreadingIntegration} describes,
 * then hands the exception to the previous handler or prints it as the JVM does. At most one is
 * installed per class loader ({@link #install()}, {@link #uninstall()}).
 */
final class UncaughtHandler implements Thread.UncaughtExceptionHandler {
  private static final System.Logger LOG = System.getLogger("sentry.integration.threading");
  private static UncaughtHandler installed; // guarded by UncaughtHandler.class

  private final Thread.UncaughtExceptionHandler previous;
  private final Thread mainThread;
  private volatile boolean retired;

  /**
   * Makes a handler.
   *
   * @param previous the handler to pass exceptions on to, or null to print them as the JVM does
   * @param mainThread the thread that runs {@code main} (left to excepthook), or null when none
   */
  UncaughtHandler(Thread.UncaughtExceptionHandler previous, Thread mainThread) {
    this.previous = previous;
    this.mainThread = mainThread;
  }

  /** Sets a new handler as the default one, chained to the current default, unless one is set. */
  static synchronized void install() {
    if (installed != null) {
      return;
    }
    UncaughtHandler handler = new UncaughtHandler(Thread.getDefaultUncaughtExceptionHandler(), MainThread.find());
    Thread.setDefaultUncaughtExceptionHandler(handler);
    installed = handler;
  }

  /** Takes the installed handler out; true when it was on top and the previous one is back. */
  static synchronized boolean uninstall() {
    UncaughtHandler handler = installed;
    if (handler == null) {
      return false;
    }
    handler.retired = true;
    installed = null;
    if (Thread.getDefaultUncaughtExceptionHandler() != handler) {
      return false;
    }
    Thread.setDefaultUncaughtExceptionHandler(handler.previous);
    return true;
  }

  /** The installed handler, or empty; for tests. */
  static synchronized Optional<UncaughtHandler> installed() {
    return Optional.ofNullable(installed);
  }

  Thread mainThread() {
    return mainThread;
  }

  Thread.UncaughtExceptionHandler previous() {
    return previous;
  }

  /** Reports the exception if it is ours to report, then always passes it on. Never throws. */
  @Override
  public void uncaughtException(Thread thread, Throwable throwable) {
    try {
      // What a wrapped task left is this thread's; the JVM calls us on the dying thread.
      Escaped escaped = thread == Thread.currentThread() ? Escaped.take(throwable) : null;
      if (!retired && thread != mainThread && (escaped == null || !escaped.reported())) {
        Reporter.report(escaped != null ? escaped.hub() : Hub.current(), throwable);
      }
    } catch (Throwable failure) {
      // Whatever went wrong, the JVM's normal handling must still run.
      try {
        LOG.log(System.Logger.Level.WARNING, "Sentry could not report an uncaught exception in thread \""
            + thread.getName() + "\"", failure);
      } catch (Throwable ignored) {
        // Nothing more we can do; the exception is still passed on below.
      }
    }
    passOn(thread, throwable);
  }

  private void passOn(Thread thread, Throwable throwable) {
    if (previous != null) {
      previous.uncaughtException(thread, throwable);
    } else {
      printLikeTheJvm(thread, throwable);
    }
  }

  /**
   * Prints what {@link ThreadGroup#uncaughtException} prints when there is no default handler.
   * One of the few places in the SDK that print: once a default handler is set, the JVM leaves
   * the printing to it.
   */
  static void printLikeTheJvm(Thread thread, Throwable throwable) {
    if (throwable instanceof ThreadDeath) {
      return;
    }
    System.err.print("Exception in thread \"" + thread.getName() + "\" ");
    throwable.printStackTrace(System.err);
  }
}
