package sentry.integration.atexit;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import sentry.api.Hub;
import sentry.api.SentryClient;
import sentry.api.internal.ExitWait;

/**
 * The JVM shutdown hook: at most one per class loader, added by {@link #install()} and removed by
 * {@link #uninstall()}. Everything it does at shutdown is in {@link #flush(SentryClient)}, which
 * never throws.
 */
final class ShutdownHook {
  /** The name of the hook's thread. */
  static final String THREAD_NAME = "sentry-atexit";
  /** How long to wait quietly before saying that events are pending (Python's 0.1 s). */
  static final Duration QUIET_WAIT = Duration.ofMillis(100);

  /** Looked up on a failure only: at install, in {@code init}, it would start java.util.logging. */
  private static final String LOGGER = "sentry.integration.atexit";
  private static Thread installed; // guarded by ShutdownHook.class

  private ShutdownHook() {}

  /** Adds the hook unless it is there already. */
  static synchronized void install() {
    if (installed != null) {
      return;
    }
    Thread hook = new Thread(ShutdownHook::run, THREAD_NAME);
    Runtime.getRuntime().addShutdownHook(hook);
    installed = hook;
    ExitWait.hookInstalled(true);
  }

  /** Removes the hook; false when it was not installed or the JVM is shutting down. */
  static synchronized boolean uninstall() {
    if (installed == null) {
      return false;
    }
    try {
      boolean removed = Runtime.getRuntime().removeShutdownHook(installed);
      installed = null;
      ExitWait.hookInstalled(false);
      return removed;
    } catch (IllegalStateException shuttingDown) {
      return false;
    }
  }

  /** The installed hook's thread, or empty; for tests, which run it with {@link Thread#run()}. */
  static synchronized Optional<Thread> installed() {
    return Optional.ofNullable(installed);
  }

  /** What the hook's thread runs: {@link #flush(SentryClient)} for the main hub's client. */
  static void run() {
    SentryClient client;
    try {
      client = Hub.main().client();
    } catch (RuntimeException | LinkageError e) {
      System.getLogger(LOGGER).log(Level.WARNING,
          "Sentry's shutdown hook could not find the client; pending events may be lost", e);
      return;
    }
    flush(client);
  }

  /**
   * Waits for the client's pending events until its shutdown deadline, telling the integration's
   * callback if they take longer than {@link #QUIET_WAIT}. Does nothing when the client is
   * disabled, does not have the integration, or has a shutdown timeout of 0. Never throws.
   *
   * @param client the main hub's client
   */
  static void flush(SentryClient client) {
    try {
      Optional<AtexitIntegration> integration = client.integration(AtexitIntegration.class);
      if (integration.isEmpty() || !client.isEnabled()
          || client.options().getShutdownTimeoutMillis() == 0) {
        return;
      }
      Instant deadline = client.shutdownDeadline();
      if (client.flush(min(QUIET_WAIT, left(deadline)))) {
        return;
      }
      int pending = client.pendingEvents();
      Duration left = left(deadline);
      // No time left (an earlier path used the deadline up): there is no wait to announce.
      if (pending == 0 || left.isZero()) {
        return;
      }
      tell(integration.get().callback(), pending, left);
      client.flush(left(deadline));
    } catch (RuntimeException | LinkageError e) {
      System.getLogger(LOGGER).log(Level.WARNING,
          "Sentry's shutdown hook failed; pending events may be lost", e);
    }
  }

  private static void tell(AtexitIntegration.PendingCallback callback, int pending, Duration left) {
    try {
      callback.pending(pending, left);
    } catch (RuntimeException | LinkageError e) {
      System.getLogger(LOGGER).log(Level.WARNING, "The atexit callback " + callback + " threw; waiting anyway", e);
    }
  }

  private static Duration left(Instant deadline) {
    Duration left = Duration.between(Instant.now(), deadline);
    return left.isNegative() ? Duration.ZERO : left;
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
