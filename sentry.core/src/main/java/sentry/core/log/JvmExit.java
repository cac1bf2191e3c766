package sentry.core.log;

/**
 * Tells whether the JVM is shutting down. Logging back ends close their outputs in shutdown hooks
 * of their own ({@code java.util.logging}'s log manager removes and closes every handler, Log4j
 * Core stops its appenders), and hooks run in no set order, so what the SDK logs while it flushes
 * at exit would be lost there. Asks the runtime itself, which refuses a new hook once shutdown has
 * begun: no hook of ours that might run too late. Thread-safe.
 */
final class JvmExit {
  /** Never started unless shutdown begins between adding and removing it; it does nothing. */
  private static final Thread PROBE = new Thread(() -> { }, "sentry-exit-probe");

  private static volatile boolean exiting;

  private JvmExit() {}

  /**
   * Tells whether shutdown has begun; once true, stays true.
   *
   * @return true when the JVM is shutting down
   */
  static boolean inProgress() {
    if (exiting) {
      return true;
    }
    synchronized (PROBE) {
      try {
        Runtime.getRuntime().addShutdownHook(PROBE);
        Runtime.getRuntime().removeShutdownHook(PROBE);
        return false;
      } catch (IllegalStateException shutdownInProgress) {
        exiting = true;
        return true;
      } catch (RuntimeException refused) {
        // A security manager that forbids hooks: assume the JVM runs on.
        return false;
      }
    }
  }
}
