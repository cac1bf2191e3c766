package sentry.core;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import sentry.core.delivery.Dispatcher;

/**
 * Without the atexit integration, nobody flushes the queue when the JVM exits: this shutdown hook
 * makes sure that what is still queued then is not lost silently. With an outbox
 * ({@code cacheDirPath}) it closes the dispatcher at once, which writes what is queued to the
 * outbox for the next process (and if the worker still held one, not yet written, says so on
 * stderr); without one it prints one line on stderr with the count and the remedy. It watches
 * the latest client's dispatcher only: an earlier one was closed by the next
 * {@code init}, and a closed dispatcher has nothing pending. Stderr, because at exit the logging
 * back end may already be shut down, and the line is for whoever reads the console.
 */
final class ExitGuard {
  private static final AtomicReference<Watched> WATCHED = new AtomicReference<>();
  private static final AtomicBoolean HOOKED = new AtomicBoolean();

  private ExitGuard() {}

  /** What the hook looks at: a client's dispatcher, and whether it has an outbox. */
  private record Watched(Dispatcher dispatcher, boolean outbox) {}

  /**
   * Watches this dispatcher at exit, or nothing when the atexit integration will flush.
   *
   * @param dispatcher the new client's dispatcher
   * @param atexit whether the client has the atexit integration
   * @param outbox whether the client has an outbox
   */
  static void watch(Dispatcher dispatcher, boolean atexit, boolean outbox) {
    WATCHED.set(atexit ? null : new Watched(dispatcher, outbox));
    if (!atexit && HOOKED.compareAndSet(false, true)) {
      try {
        Runtime.getRuntime().addShutdownHook(new Thread(ExitGuard::atExit, "sentry-exit-guard"));
      } catch (IllegalStateException | SecurityException e) {
        // Already shutting down, or not allowed: nothing to guard.
        HOOKED.set(false);
      }
    }
  }

  private static void atExit() {
    Watched watched = WATCHED.get();
    if (watched == null) {
      return;
    }
    int pending = watched.dispatcher().pending();
    if (pending == 0) {
      return;
    }
    if (watched.outbox()) {
      // Writes what is queued to the outbox; what is in flight gets no more time. What is still
      // pending then (an envelope the worker held, not yet written) is told, as without one.
      watched.dispatcher().close(Duration.ZERO);
      pending = watched.dispatcher().pending();
      if (pending == 0) {
        return;
      }
    }
    String what = watched.outbox() ? " still being prepared at exit may be lost"
        : " still queued at exit were not sent";
    System.err.println("Sentry: " + pending + " event(s)" + what + ": add sentry-integration-atexit (or"
        + " sentry-defaults) to send them at exit, or call Sentry.close() before the JVM exits.");
  }
}
