package sentry.integration.threading;

import java.util.Optional;
import sentry.api.Hub;
import sentry.api.internal.ChainedUncaughtHandler;
import sentry.api.internal.MainThread;
import sentry.api.internal.UncaughtHandlerSlot;

/**
 * The default uncaught-exception handler: reports what {@link ThreadingIntegration} describes,
 * then hands the exception to the previous handler or prints it as the JVM does. At most one is
 * installed per class loader ({@link #install()}, {@link #uninstall()}).
 */
final class UncaughtHandler extends ChainedUncaughtHandler {
  private static final UncaughtHandlerSlot<UncaughtHandler> SLOT = new UncaughtHandlerSlot<>();

  private final Thread mainThread;

  /**
   * Makes a handler.
   *
   * @param previous the handler to pass exceptions on to, or null to print them as the JVM does
   * @param mainThread the thread that runs {@code main} (left to excepthook), or null when none
   */
  UncaughtHandler(Thread.UncaughtExceptionHandler previous, Thread mainThread) {
    super(previous, "sentry.integration.threading");
    this.mainThread = mainThread;
  }

  /** Sets a new handler as the default one, chained to the current default, unless one is set. */
  static void install() {
    SLOT.install(previous -> new UncaughtHandler(previous, MainThread.find()));
  }

  /** Takes the installed handler out; true when it was on top and the previous one is back. */
  static boolean uninstall() {
    return SLOT.uninstall();
  }

  /** The installed handler, or empty; for tests. */
  static Optional<UncaughtHandler> installed() {
    return SLOT.installed();
  }

  Thread mainThread() {
    return mainThread;
  }

  @Override
  protected void report(Thread thread, Throwable throwable) {
    // What a wrapped task left is this thread's; the JVM calls us on the dying thread.
    Escaped escaped = thread == Thread.currentThread() ? Escaped.take(throwable) : null;
    if (!isRetired() && thread != mainThread && (escaped == null || !escaped.reported())) {
      Reporter.report(escaped != null ? escaped.hub() : Hub.current(), throwable);
    }
  }
}
