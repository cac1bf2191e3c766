package sentry.integration.atexit;

import java.time.Duration;
import java.util.Objects;
import sentry.api.Integration;
import sentry.api.IntegrationContext;
import sentry.api.internal.ExitWait;

/**
 * Flushes pending events when the JVM shuts down (Python's {@code AtexitIntegration}).
 *
 * <p>The first {@code Sentry.init} that installs it adds one JVM shutdown hook, a thread named
 * {@value ShutdownHook#THREAD_NAME}, for the life of the process. When the JVM shuts down, the hook
 * looks at the main hub's client; if that client is enabled, has this integration and has a
 * non-zero {@code shutdownTimeout}, the hook waits for its pending events until the client's
 * {@link sentry.api.SentryClient#shutdownDeadline() shutdown deadline}. The deadline is shared with
 * every other shutdown path (the {@code excepthook} integration flushes against the same one), so
 * the JVM never waits longer than {@code shutdownTimeout} because of the SDK, even when Sentry never
 * answers. A {@code shutdownTimeout} of 0 turns the wait off: no wait and no message.
 *
 * <p>If events are still pending after 0.1 s, the hook writes to stderr:
 *
 * <pre>
 * Sentry is attempting to send 3 pending events
 * Waiting up to 1.9 seconds
 * </pre>
 *
 * <p>where the time is what is left until the deadline. Python adds "Press Ctrl-C to quit"; that is
 * not true on the JVM, which ignores further signals while shutdown hooks run, so it is left out.
 * {@link #withCallback(PendingCallback)} replaces the message. The hook flushes and does not close
 * the client, so other shutdown hooks may still capture.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class AtexitIntegration implements Integration {
  /** The identifier, {@code "atexit"}. */
  public static final String IDENTIFIER = "atexit";

  private static final PendingCallback STDERR_MESSAGE = ShutdownMessage::print;

  private final PendingCallback callback;

  /** Makes the integration with the default stderr message; the service loader calls this. */
  public AtexitIntegration() {
    this(STDERR_MESSAGE);
  }

  private AtexitIntegration(PendingCallback callback) {
    this.callback = callback;
  }

  /**
   * Returns an integration that calls a callback instead of writing the message to stderr. Pass it
   * to {@code SentryOptions.addIntegration} to replace the discovered one.
   *
   * @param callback told how many events are pending and how long the hook will wait for them;
   *     {@code (pending, timeout) -> {}} keeps the wait and prints nothing
   * @return a new integration; this one is unchanged
   * @throws NullPointerException if {@code callback} is null
   */
  public AtexitIntegration withCallback(PendingCallback callback) {
    return new AtexitIntegration(Objects.requireNonNull(callback,
        "atexit callback is null: pass (pending, timeout) -> {} to print nothing"));
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

  /**
   * Adds the JVM shutdown hook; the SDK calls this once per process.
   *
   * @throws IllegalStateException if the JVM is already shutting down
   */
  @Override
  public void setupOnce() {
    ShutdownHook.install();
  }

  /**
   * Tells the excepthook integration that this client's events are waited for at exit, so that
   * when {@code main} throws it lets the JVM print the trace at once and leaves the wait (and its
   * message) to the hook. The hook itself finds this integration through the main hub's client.
   *
   * @param context the client's options
   */
  @Override
  public void register(IntegrationContext context) {
    ExitWait.hookWaitsFor(context.options());
  }

  /**
   * Removes the shutdown hook, for application servers that redeploy an application without
   * restarting the JVM. A later {@code Sentry.init} in the same class loader does not add it
   * again (the SDK runs {@link #setupOnce()} once per process).
   *
   * @return true when the hook was removed; false when it was not installed or the JVM is
   *     already shutting down
   */
  public static boolean uninstall() {
    return ShutdownHook.uninstall();
  }

  PendingCallback callback() {
    return callback;
  }

  @Override
  public String toString() {
    return "AtexitIntegration[" + (callback == STDERR_MESSAGE ? "stderr message" : "callback") + "]";
  }

  /** Told, on the shutdown hook's thread, that events are still pending after the first 0.1 s. */
  @FunctionalInterface
  public interface PendingCallback {
    /**
     * Reports the wait. Runs while the JVM shuts down: keep it short, and do not wait for anything.
     * What it throws is logged and ignored; the hook still waits.
     *
     * @param pendingEvents how many events are still queued or being sent
     * @param timeout how long the hook will wait for them at most: the time left until the
     *     shutdown deadline
     */
    void pending(int pendingEvents, Duration timeout);
  }
}
