package sentry.api.internal;

import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;
import sentry.api.SentryOptions;

/**
 * How the excepthook and atexit integrations share the wait at exit, as in Python: when {@code
 * main} throws and the atexit integration's shutdown hook will wait for the client's events, the
 * excepthook integration leaves the waiting to the hook, so the JVM prints the trace at once and the
 * hook then says what is pending while it waits. Without the hook, the excepthook integration waits
 * itself. The atexit integration tells this class whether its hook is installed and which clients
 * (known by their options object) have the integration. Not API. Thread-safe.
 */
public final class ExitWait {
  // Known by identity (SentryOptions keeps Object's equals); weak, so replaced clients go.
  private static final Set<SentryOptions> WAITED_FOR =
      Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));
  private static volatile boolean hookInstalled;

  private ExitWait() {}

  /**
   * Says whether the atexit integration's shutdown hook is installed.
   *
   * @param installed true once added, false once removed
   */
  public static void hookInstalled(boolean installed) {
    hookInstalled = installed;
  }

  /**
   * Says that the client with these options has the atexit integration.
   *
   * @param options the client's options
   */
  public static void hookWaitsFor(SentryOptions options) {
    WAITED_FOR.add(options);
  }

  /**
   * Tells whether the shutdown hook will wait for the events of the client with these options.
   *
   * @param options the client's options
   * @return true when the hook is installed, the client has the atexit integration and a shutdown
   *     timeout above 0
   */
  public static boolean hookWillWait(SentryOptions options) {
    return hookInstalled && options.getShutdownTimeoutMillis() > 0 && WAITED_FOR.contains(options);
  }
}
