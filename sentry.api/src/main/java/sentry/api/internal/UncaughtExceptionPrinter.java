package sentry.api.internal;

/**
 * Prints an uncaught exception as the JVM does. Once a default uncaught-exception handler is set,
 * the JVM leaves the printing to it, so a handler that reports to Sentry and has no handler before
 * it to pass the exception on to prints it here: byte for byte what {@link
 * ThreadGroup#uncaughtException} prints when there is no default handler. One of the few places in
 * the SDK that print. Not API.
 */
public final class UncaughtExceptionPrinter {
  private UncaughtExceptionPrinter() {}

  /**
   * Prints {@code Exception in thread "name" } and the stack trace on {@link System#err}, unless
   * the throwable is a {@link ThreadDeath}, which the JVM does not print.
   *
   * @param thread the thread the exception escaped
   * @param throwable the exception
   */
  public static void print(Thread thread, Throwable throwable) {
    if (throwable instanceof ThreadDeath) {
      return;
    }
    System.err.print("Exception in thread \"" + thread.getName() + "\" ");
    throwable.printStackTrace(System.err);
  }
}
