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
import sentry.api.internal.ChainedUncaughtHandler;
import sentry.api.internal.ExitWait;
import sentry.api.internal.MainThread;
import sentry.api.internal.UncaughtHandlerSlot;

/**
 * The default uncaught-exception handler: reports what {@link ExcepthookIntegration} describes,
 * then hands the exception to the previous handler or prints it as the JVM does. At most one is
 * installed per class loader ({@link #install()}, {@link #uninstall()}).
 */
final class UncaughtHandler extends ChainedUncaughtHandler {
  /** The mechanism of the events it sends. */
  static final Mechanism MECHANISM = new Mechanism(ExcepthookIntegration.IDENTIFIER, false);

  private static final UncaughtHandlerSlot<UncaughtHandler> SLOT = new UncaughtHandlerSlot<>();

  private final Thread mainThread;
  private final boolean jshell;

  /**
   * Makes a handler.
   *
   * @param previous the handler to pass exceptions on to, or null to print them as the JVM does
   * @param mainThread the thread that runs {@code main}, or null when there is none
   * @param jshell true in a JShell session
   */
  UncaughtHandler(Thread.UncaughtExceptionHandler previous, Thread mainThread, boolean jshell) {
    super(previous, "sentry.integration.excepthook");
    this.mainThread = mainThread;
    this.jshell = jshell;
  }

  /** Sets a new handler as the default one, chained to the current default, unless one is set. */
  static void install() {
    SLOT.install(previous -> new UncaughtHandler(previous, MainThread.find(), JShellSession.detect()));
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
    if (isRetired() || (!jshell && thread != mainThread)) {
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
    if (!jshell && !ExitWait.hookWillWait(client.options())) {
      // The JVM exits once main has ended: give the event until the shared deadline to leave. With
      // atexit's hook waiting, the trace goes out first and the hook waits, saying so (Python's order).
      Duration left = Duration.between(Instant.now(), client.shutdownDeadline());
      client.flush(left.isNegative() ? Duration.ZERO : left);
    }
  }
}
