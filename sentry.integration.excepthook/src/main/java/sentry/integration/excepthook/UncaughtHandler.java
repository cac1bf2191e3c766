package sentry.integration.excepthook;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import sentry.api.Hint;
import sentry.api.Hub;
import sentry.api.Level;
import sentry.api.Mechanism;
import sentry.api.SentryClient;
import sentry.api.SentryEvent;

/**
 * The default uncaught-exception handler: reports what {@link ExcepthookIntegration} describes,
 * then hands the exception to the previous handler or prints it as the JVM does. At most one is
 * installed per class loader ({@link #install()}, {@link #uninstall()}).
 */
final class UncaughtHandler implements Thread.UncaughtExceptionHandler {
  /** The mechanism of the events it sends. */
  static final Mechanism MECHANISM = new Mechanism(ExcepthookIntegration.IDENTIFIER, false);

  private static final System.Logger LOG = System.getLogger("sentry.integration.excepthook");
  private static UncaughtHandler installed; // guarded by UncaughtHandler.class

  private final Thread.UncaughtExceptionHandler previous;
  private final Thread mainThread;
  private final boolean jshell;
  private volatile boolean retired;

  /**
   * Makes a handler.
   *
   * @param previous the handler to pass exceptions on to, or null to print them as the JVM does
   * @param mainThread the thread that runs {@code main}, or null when there is none
   * @param jshell true in a JShell session
   */
  UncaughtHandler(Thread.UncaughtExceptionHandler previous, Thread mainThread, boolean jshell) {
    this.previous = previous;
    this.mainThread = mainThread;
    this.jshell = jshell;
  }

  /** Sets a new handler as the default one, chained to the current default, unless one is set. */
  static synchronized void install() {
    if (installed != null) {
      return;
    }
    UncaughtHandler handler = new UncaughtHandler(Thread.getDefaultUncaughtExceptionHandler(),
        MainThread.find(), JShellSession.detect());
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

  /** Reports the exception if it is ours to report, then always passes it on. Never throws. */
  @Override
  public void uncaughtException(Thread thread, Throwable throwable) {
    try {
      if (!retired) {
        report(thread, throwable);
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

  private void report(Thread thread, Throwable throwable) {
    if (!jshell && thread != mainThread) {
      return;
    }
    Hub hub = Hub.current();
    SentryClient client = hub.client();
    Optional<ExcepthookIntegration> integration = client.integration(ExcepthookIntegration.class);
    if (integration.isEmpty() || !client.isEnabled() || (jshell && !integration.get().isAlwaysRun())) {
      return;
    }
    SentryEvent event = SentryEvent.fromThrowable(throwable, MECHANISM);
    event.setLevel(Level.FATAL);
    hub.captureEvent(event, Hint.of(Hint.THROWABLE, throwable));
    if (!jshell) {
      // The JVM exits once main has ended: give the event until the shared deadline to leave.
      Duration left = Duration.between(Instant.now(), client.shutdownDeadline());
      client.flush(left.isNegative() ? Duration.ZERO : left);
    }
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
