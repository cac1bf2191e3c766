package sentry.api.transport.internal;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Ends what outlives its deadline: one daemon thread per transport, started at the first deadline
 * and stopped by {@link #close}. The tasks it runs only close a connection or complete a future.
 * Thread-safe.
 */
public final class Deadlines {
  private final ScheduledThreadPoolExecutor executor;

  /**
   * Makes the timer; its thread starts with the first deadline.
   *
   * @param threadName the name of its thread, {@code sentry-http-...-deadline}
   */
  public Deadlines(String threadName) {
    executor = new ScheduledThreadPoolExecutor(1, task -> {
      Thread thread = new Thread(task, threadName);
      thread.setDaemon(true);
      return thread;
    });
    executor.setRemoveOnCancelPolicy(true);
    executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
  }

  /**
   * Runs {@code task} once {@code after} has passed, unless the returned future is cancelled first.
   *
   * @param task what to run
   * @param after how long from now; at least a millisecond
   * @return the scheduled task, or null once closed
   */
  public ScheduledFuture<?> schedule(Runnable task, Duration after) {
    try {
      return executor.schedule(task, Math.max(1, after.toMillis()), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      return null;
    }
  }

  /** Stops the thread; deadlines not yet passed are dropped. */
  public void close() {
    executor.shutdownNow();
  }
}
