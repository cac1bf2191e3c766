package sentry.api.internal;

/**
 * A default uncaught-exception handler that reports what is its to report, then always hands the
 * exception to the handler that was the default before it, or, when there was none, prints it as
 * the JVM does ({@link UncaughtExceptionPrinter}). Whatever goes wrong while reporting is logged
 * and never keeps the JVM's usual handling from running. Once retired ({@link
 * UncaughtHandlerSlot#uninstall()}) a handler that another one has chained to stays in that chain,
 * and a subclass then reports nothing. Not API.
 */
public abstract class ChainedUncaughtHandler implements Thread.UncaughtExceptionHandler {
  private final Thread.UncaughtExceptionHandler previous;
  /** Its logger is looked up on a failure only: at init, the look-up starts java.util.logging. */
  private final String loggerName;
  private volatile boolean retired;

  /**
   * Makes a handler.
   *
   * @param previous the handler to pass exceptions on to, or null to print them as the JVM does
   * @param loggerName the logger that reports a failure to report, such as the integration's
   *     module name
   */
  protected ChainedUncaughtHandler(Thread.UncaughtExceptionHandler previous, String loggerName) {
    this.previous = previous;
    this.loggerName = loggerName;
  }

  /**
   * Returns the handler exceptions are passed on to.
   *
   * @return the previous default handler, or null when exceptions are printed as the JVM does
   */
  public final Thread.UncaughtExceptionHandler previous() {
    return previous;
  }

  /**
   * Tells whether the handler was taken out and only passes exceptions on now.
   *
   * @return true once retired
   */
  protected final boolean isRetired() {
    return retired;
  }

  /** Marks the handler as taken out; it goes on passing exceptions on. */
  final void retire() {
    retired = true;
  }

  /**
   * Reports the exception if it is ours to report, then always passes it on. Never throws.
   *
   * @param thread the thread the exception escaped
   * @param throwable the exception
   */
  @Override
  public final void uncaughtException(Thread thread, Throwable throwable) {
    try {
      report(thread, throwable);
    } catch (Throwable failure) {
      // Whatever went wrong, the JVM's normal handling must still run.
      try {
        System.getLogger(loggerName).log(System.Logger.Level.WARNING,
            "Sentry could not report an uncaught exception in thread \""
            + thread.getName() + "\"", failure);
      } catch (Throwable ignored) {
        // Nothing more we can do; the exception is still passed on below.
      }
    }
    if (previous != null) {
      previous.uncaughtException(thread, throwable);
    } else {
      UncaughtExceptionPrinter.print(thread, throwable);
    }
  }

  /**
   * Reports the exception if it is this handler's to report (and the handler is not {@link
   * #isRetired() retired}); may throw, which is logged.
   *
   * @param thread the thread the exception escaped
   * @param throwable the exception
   */
  protected abstract void report(Thread thread, Throwable throwable);
}
