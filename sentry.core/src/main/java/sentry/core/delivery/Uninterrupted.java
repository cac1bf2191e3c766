package sentry.core.delivery;

/**
 * Runs what an interrupt must not cut short: {@link Dispatcher#close} called on an interrupted
 * thread must still wait for and write what is pending. The interrupt is cleared for the task and
 * set again on return, as is one that arrives meanwhile and that the task keeps.
 */
final class Uninterrupted {
  private Uninterrupted() {}

  /** Runs {@code task} with the calling thread's interrupt cleared, then sets it again if it was set. */
  static void run(Runnable task) {
    boolean interrupted = Thread.interrupted();
    try {
      task.run();
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
