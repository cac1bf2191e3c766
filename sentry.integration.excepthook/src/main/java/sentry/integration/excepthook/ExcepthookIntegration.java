package sentry.integration.excepthook;

import sentry.api.Integration;
import sentry.api.IntegrationContext;

/**
 * Reports an exception that escapes {@code main} (Python's {@code ExcepthookIntegration}).
 *
 * <p>The first {@code Sentry.init} that installs it sets the JVM's default uncaught-exception
 * handler ({@link Thread#setDefaultUncaughtExceptionHandler}) for the life of the process, chained
 * to the handler that was there before. When an exception escapes the main thread and the calling
 * thread's hub has an enabled client with this integration, the handler captures an event with
 * mechanism {@code excepthook}, {@code handled: false}, level {@code fatal} and the throwable in the
 * hint. With the {@code atexit} integration's shutdown hook installed and the client having that
 * integration, it leaves the waiting to the hook, as Python does: the trace is printed at once, and
 * the hook then prints {@code Sentry is attempting to send N pending events} and waits up to {@code
 * shutdownTimeout}. Without it, the handler waits until the client's {@link
 * sentry.api.SentryClient#shutdownDeadline() shutdown deadline} for the event to be sent, before
 * the trace, so it reaches Sentry before the JVM exits; that deadline is fixed when {@code main}
 * throws.
 *
 * <p>Then the JVM's normal handling goes on, exactly as without the SDK: the previous default
 * handler runs if there was one; if there was none, the handler prints {@code Exception in thread
 * "main" } and the stack trace to stderr, which is what the JVM prints itself and stops printing
 * once a default handler is set. The handler never calls {@code System.exit}: when {@code main}
 * throws, the {@code java} launcher exits with status 1 as usual. If the capture fails, the
 * failure is logged and the normal handling still runs; the handler never throws.
 *
 * <p><b>The main thread</b> is the thread the {@code java} launcher creates to run {@code main}:
 * named {@code "main"}, in the thread group {@code "main"} directly under the JVM's root group.
 * The handler looks for it once, when it is installed, and then recognises it by identity (not by
 * name, which may change later, and not by thread id, whose value is the JVM's business). If the
 * first {@code init} runs after that thread has ended, or after the application renamed it, no
 * thread counts as the main thread.
 *
 * <p><b>Other threads</b> belong to the {@code threading} integration: this handler passes their
 * exceptions straight on and reports only the main thread, so one crash is never reported by both.
 *
 * <p><b>JShell.</b> In a JShell session the handler reports nothing unless {@link
 * #withAlwaysRun(boolean) alwaysRun} is set, as Python's SDK stays quiet in its interactive
 * interpreter. A JShell session is a JVM whose main class is JShell's remote execution agent
 * ({@code jdk.jshell.execution.RemoteExecutionControl}, how {@code jshell} and the {@code
 * jdk.jshell} API run snippets by default) or the {@code jshell} tool itself ({@code
 * jdk.internal.jshell.tool.JShellToolProvider}, with {@code --execution local}), as the {@code
 * sun.java.command} system property or else the process's command line names it. The presence of
 * the {@code jdk.jshell} module is no sign: every class-path application has it in its boot layer.
 * JShell catches the exceptions of its snippets itself, and its main thread is the agent's, not a
 * program's; what reaches the handler comes from threads that snippets start. So in a JShell
 * session with {@code alwaysRun}, the handler reports the uncaught exceptions of every thread
 * (they are the session's program), without waiting for delivery, since the JVM goes on.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class ExcepthookIntegration implements Integration {
  /** The identifier, {@code "excepthook"}. */
  public static final String IDENTIFIER = "excepthook";

  private final boolean alwaysRun;

  /** Makes the integration, quiet in JShell sessions; the service loader calls this. */
  public ExcepthookIntegration() {
    this(false);
  }

  private ExcepthookIntegration(boolean alwaysRun) {
    this.alwaysRun = alwaysRun;
  }

  /**
   * Returns an integration that also reports in a JShell session (Python's {@code always_run}).
   * Pass it to {@code SentryOptions.addIntegration} to replace the discovered one.
   *
   * @param alwaysRun true to report in a JShell session too
   * @return a new integration; this one is unchanged
   */
  public ExcepthookIntegration withAlwaysRun(boolean alwaysRun) {
    return new ExcepthookIntegration(alwaysRun);
  }

  /**
   * Tells whether the integration reports in a JShell session.
   *
   * @return the {@code alwaysRun} option; false by default
   */
  public boolean isAlwaysRun() {
    return alwaysRun;
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
   * Does nothing: the handler finds this integration through the current hub's client.
   *
   * @param context unused
   */
  @Override
  public void register(IntegrationContext context) {
    // The handler asks the client for its integration when an exception arrives.
  }

  /**
   * Takes the handler out, for application servers that redeploy an application without
   * restarting the JVM. If it is still the default handler, the previous one is put back. If
   * another handler was set on top of it since, it stays in that chain, so the handlers after it
   * keep working, but from now on it only passes exceptions on. A later {@code Sentry.init} in the
   * same class loader does not install it again (the SDK runs {@link #setupOnce()} once per
   * process).
   *
   * @return true when the handler was the default one and the previous handler is back; false
   *     when it was not installed or another handler is on top of it
   */
  public static boolean uninstall() {
    return UncaughtHandler.uninstall();
  }

  @Override
  public String toString() {
    return "ExcepthookIntegration[alwaysRun=" + alwaysRun + "]";
  }
}
