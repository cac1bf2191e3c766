package sentry.core.transport;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import sentry.core.log.SdkGuard;

/**
 * Ends what outlives its deadline: one daemon thread ({@code sentry-http-deadline}) per
 * {@link HttpTransport}, started at the first deadline and stopped by {@link #close}. The tasks it
 * runs only close a connection or complete a future. Thread-safe.
 */
final class Deadlines {
  private final ScheduledThreadPoolExecutor executor;

  Deadlines() {
    executor = new ScheduledThreadPoolExecutor(1, task -> {
      Thread thread = new Thread(() -> {
        SdkGuard.markSdkThread();
        task.run();
      }, "sentry-http-deadline");
      thread.setDaemon(true);
      return thread;
    });
    executor.setRemoveOnCancelPolicy(true);
    executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
  }

  /**
   * Runs {@code task} once {@code after} has passed, unless the returned future is cancelled first.
   *
   * @return the scheduled task, or null once closed
   */
  ScheduledFuture<?> schedule(Runnable task, Duration after) {
    try {
      return executor.schedule(task, Math.max(1, after.toMillis()), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      return null;
    }
  }

  /** Stops the thread; deadlines not yet passed are dropped. */
  void close() {
    executor.shutdownNow();
  }
}
