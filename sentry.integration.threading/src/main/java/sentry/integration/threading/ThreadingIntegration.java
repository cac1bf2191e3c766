package sentry.integration.threading;

import sentry.api.Integration;
import sentry.api.IntegrationContext;

/**
 * Reports crashing threads and chooses how new threads get their hub (Python's {@code
 * ThreadingIntegration}).
 *
 * <p><b>Crashes.</b> The first {@code Sentry.init} that installs it sets the JVM's default
 * uncaught-exception handler ({@link Thread#setDefaultUncaughtExceptionHandler}) for the life of
 * the process, chained to the handler that was there before. When an exception escapes a thread
 * other than the main thread, and the crashing thread's hub has an enabled client with this
 * integration, the handler captures an event with mechanism {@code threading}, {@code handled:
 * false}, level {@code error} and the throwable in the hint, on the crashing thread and with its
 * hub. The level is {@code error}, not {@code fatal} as for the main thread: the thread is gone
 * but the process goes on (Python's SDK sends these as errors too). The handler does not wait for
 * delivery; the {@code atexit} integration flushes at exit. Then the JVM's normal handling goes
 * on, exactly as without the SDK: the previous default handler runs if there was one; else the
 * handler prints {@code Exception in thread "name" } and the stack trace to stderr, as the JVM's
 * thread group does once no default handler is set. If the capture fails, the failure is logged
 * and the normal handling still runs; the handler never throws. Threads with a handler of their own
 * ({@link Thread#setUncaughtExceptionHandler}) or in a thread group that overrides {@link
 * ThreadGroup#uncaughtException} never reach a default handler, so the JVM does not report them to
 * us; wrap their tasks with {@link SentryExecutors} to report them.
 *
 * <p><b>The main thread</b> belongs to the {@code excepthook} integration, which reports only that
 * thread and passes every other one on; this handler passes the main thread on and reports every
 * other one, so each uncaught exception is reported once whichever of the two is installed first.
 * Both recognise the main thread the same way: the thread the {@code java} launcher made to run
 * {@code main} (named {@code "main"}, in the thread group {@code "main"} directly under the JVM's
 * root group), looked for once when the handler is installed and then known by identity. If the
 * first {@code init} runs after that thread has ended, or after the application renamed it, no
 * thread counts as the main thread and this handler reports every thread.
 *
 * <p><b>{@code propagateHub}</b> (on by default, as Python's {@code propagate_scope} in SDK 2.x
 * and the official Java SDK). On: a thread created by a thread that has a hub starts with a copy of
 * that hub, so it sees its creator's tags, breadcrumbs and user, and what it changes never reaches
 * its creator. Off ({@code withPropagateHub(false)}, the behaviour before): a new thread starts
 * from its own copy of the main hub when it first uses the SDK. The copy is
 * made when the {@link Thread} object is constructed (the JDK's {@link InheritableThreadLocal}
 * hook), not when it is started as in Python. Virtual threads inherit it the same way unless their
 * builder turns inheritable thread locals off ({@code Thread.ofVirtual()
 * .inheritInheritableThreadLocals(false)}), in which case they start from a copy of the main hub.
 * A thread that a JDK pool ({@code ThreadPoolExecutor}, {@code ForkJoinPool}) makes for itself
 * takes no copy (it is made inside whichever task submits first and serves every later one) and
 * starts from the main hub: wrap the pool with {@link
 * SentryExecutors#wrap(java.util.concurrent.ExecutorService)} to give each task its submitter's hub.
 *
 * <p><b>{@code reportFutureExceptions}</b> (off by default) decides whether a task submitted through
 * a {@link SentryExecutors wrapped} executor for a {@link java.util.concurrent.Future} (and that
 * throws) is reported; see {@link SentryExecutors} for why it is off.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class ThreadingIntegration implements Integration {
  /** The identifier, {@code "threading"}. */
  public static final String IDENTIFIER = "threading";

  private final boolean propagateHub;
  private final boolean reportFutureExceptions;

  /**
   * Makes the integration with {@code propagateHub} on and {@code reportFutureExceptions} off; the
   * service loader calls this.
   */
  public ThreadingIntegration() {
    this(true, false);
  }

  private ThreadingIntegration(boolean propagateHub, boolean reportFutureExceptions) {
    this.propagateHub = propagateHub;
    this.reportFutureExceptions = reportFutureExceptions;
  }

  /**
   * Returns an integration that gives each new thread a copy of its creator's hub, or not (Python's
   * {@code propagate_scope}). Pass it to {@code SentryOptions.addIntegration} to replace the
   * discovered one.
   *
   * @param propagateHub true (the default) to copy the creating thread's hub into new threads;
   *     false to start each new thread from a copy of the main hub
   * @return a new integration with the other option unchanged; this one is unchanged
   */
  public ThreadingIntegration withPropagateHub(boolean propagateHub) {
    return new ThreadingIntegration(propagateHub, reportFutureExceptions);
  }

  /**
   * Tells whether new threads start with a copy of their creator's hub.
   *
   * @return the {@code propagateHub} option; true by default
   */
  public boolean isPropagateHub() {
    return propagateHub;
  }

  /**
   * Returns an integration that also reports what tasks submitted for a {@code Future} through a
   * wrapped executor throw.
   *
   * @param reportFutureExceptions true to report them
   * @return a new integration with the other option unchanged; this one is unchanged
   */
  public ThreadingIntegration withReportFutureExceptions(boolean reportFutureExceptions) {
    return new ThreadingIntegration(propagateHub, reportFutureExceptions);
  }

  /**
   * Tells whether what tasks submitted for a {@code Future} throw is reported.
   *
   * @return the {@code reportFutureExceptions} option; false by default
   */
  public boolean isReportFutureExceptions() {
    return reportFutureExceptions;
  }

  /**
   * Returns the identifier.
   *
   * @return {@value #IDENTIFIER}
   */
  @Override
  public String identifier() {
    return IDENTIFIER;
  }

  /** Sets the default uncaught-exception handler, chained to the previous one; once per process. */
  @Override
  public void setupOnce() {
    UncaughtHandler.install();
  }

  /**
   * Asks the client to copy the creating thread's hub into new threads when {@code propagateHub}
   * is on.
   *
   * @param context what the client offers its integrations
   */
  @Override
  public void register(IntegrationContext context) {
    if (propagateHub) {
      context.inheritParentHub(true);
    }
  }

  /**
   * Takes the handler out, for application servers that redeploy an application without
   * restarting the JVM. If it is still the default handler, the previous one is put back. If
   * another handler was set on top of it since, it stays in that chain, so the handlers after it
   * keep working, but from now on it only passes exceptions on. A later {@code Sentry.init} in the
   * same class loader does not install it again (the SDK runs {@link #setupOnce()} once per
   * process). Hub propagation and wrapped executors are not affected.
   *
   * @return true when the handler was the default one and the previous handler is back; false
   *     when it was not installed or another handler is on top of it
   */
  public static boolean uninstall() {
    return UncaughtHandler.uninstall();
  }

  @Override
  public String toString() {
    return "ThreadingIntegration[propagateHub=" + propagateHub
        + ", reportFutureExceptions=" + reportFutureExceptions + "]";
  }
}
