package sentry.integration.threading;

import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import sentry.api.Hub;
import sentry.api.MonitorConfig;

/**
 * Wraps executors and tasks so that each task runs with its submitter's hub: the threads of a
 * pool were created long before the task, by whoever first needed one, so what they inherited
 * (with {@code propagateHub}) or copied from the main hub says nothing about the task.
 *
 * <pre>{@code
 * ExecutorService pool = SentryExecutors.wrap(Executors.newFixedThreadPool(4));
 * Sentry.configureScope(scope -> scope.setTag("order", "42"));
 * pool.submit(() -> Sentry.captureMessage("hi")); // the event carries order=42
 * }</pre>
 *
 * <p><b>The hub.</b> When a task is submitted (or wrapped on its own), the submitting thread's
 * current hub is copied; the task runs with that copy bound, whatever hub the pool thread had, and
 * the pool thread's own hub is put back when the task ends, however it ends. What the task changes
 * reaches neither the submitter nor other tasks. This is the seed's manual propagation ({@code
 * Hub.current().copy()}, then {@code bind()} in the thread), done for every task.
 *
 * <p><b>Exceptions</b>, for tasks submitted through a wrapped executor:
 *
 * <ul>
 *   <li>{@code execute(Runnable)}: reported (mechanism {@code threading}, {@code handled: false},
 *       level error, with the task's hub) as the exception leaves the task on a pool thread, then
 *       rethrown unchanged. Nobody can catch it: it ends the pool thread (and the uncaught
 *       exception handler knows not to report it again) or is dropped by the pool, and a pool's
 *       thread factory often sets a handler of its own that bypasses the default one. When the
 *       executor runs the task on the submitting thread itself, the exception goes back to the
 *       caller, who may handle it, so it is not reported there.
 *   <li>{@code submit}, {@code invokeAll}, {@code invokeAny} and one-shot {@code schedule}: not
 *       reported by default, only with {@link ThreadingIntegration#withReportFutureExceptions
 *       reportFutureExceptions}. The exception is kept in the {@code Future}, and callers usually
 *       read it there ({@code get()} throws {@code ExecutionException}) and handle or capture it
 *       themselves: reporting every one would send handled failures as unhandled, and send
 *       failures their callers capture twice.
 *   <li>{@code scheduleAtFixedRate} and {@code scheduleWithFixedDelay}: reported always. A failure
 *       silently ends the schedule, and the future of a periodic task is rarely read.
 * </ul>
 *
 * <p>A task wrapped on its own ({@link #wrap(Runnable)}, {@link #wrap(Callable)}) carries the hub
 * but is not reported by the wrapper, since where its exception goes is unknown: if it escapes the
 * thread, the uncaught-exception handler reports it, with the task's hub.
 *
 * <p><b>Pass-through.</b> When the submitting thread's client is disabled or does not have the
 * {@code threading} integration, tasks are handed to the executor unwrapped and nothing is
 * reported; this is decided per task, so a wrapper made before {@code Sentry.init} works after it.
 *
 * <p><b>Cron monitors.</b> {@link #monitor(String, MonitorConfig, Runnable) monitor} marks a task
 * as the job of a Sentry cron monitor: each run sends a {@code check_in} with status {@code
 * in_progress} (and the monitor's configuration, when given, so that Sentry creates or updates the
 * monitor), then {@code ok}, or {@code error} when the task throws, with the run's {@code
 * duration}, under one check-in id. A monitored task is an ordinary task: hand it to any schedule
 * of any {@link ScheduledExecutorService} (or a timer, or a cron library):
 *
 * <pre>{@code
 * scheduler.scheduleAtFixedRate(
 *     SentryExecutors.monitor("cleanup", MonitorConfig.of(MonitorSchedule.interval(10, MINUTE)), this::cleanup),
 *     0, 10, TimeUnit.MINUTES);
 * }</pre>
 *
 * <p>Each run has a copy of the hub of the thread that called {@code monitor}, made anew for every
 * run, so runs share nothing; and a trace of its own, started on that copy, so that an event the
 * run captures and its check-ins carry the same {@code contexts.trace.trace_id}, and so do the
 * services it calls through the {@code stdlib} integration's wrappers. What the task throws is reported (mechanism {@code monitor}, {@code
 * handled: false}, level error), once even when the task also runs through a wrapped executor,
 * then rethrown unchanged. Check-ins are not sampled; one dropped (queue full, rate limit of the
 * category {@code monitor}) is counted in client reports. The schedule of an interval monitor is in
 * whole minutes or longer: Sentry has no smaller unit. When the SDK is disabled the task runs
 * as it is.
 *
 * <p>Wrapped executors delegate shutdown and termination; {@code shutdownNow} returns the tasks
 * that never started as the callers gave them (a pool may hold {@code submit}ted ones as its own
 * futures, which it returns as they are). Thread-safe as the delegate is. Null arguments throw
 * {@link NullPointerException}.
 */
public final class SentryExecutors {
  private SentryExecutors() {}

  /**
   * Wraps an executor: each task runs with a copy of its submitter's hub; what escapes a task on a
   * pool thread is reported.
   *
   * @param executor the executor that runs the tasks
   * @return an executor that wraps each task, or {@code executor} itself when it is one already
   */
  public static Executor wrap(Executor executor) {
    Objects.requireNonNull(executor, "executor");
    return isWrapped(executor) ? executor : new HubExecutor(executor);
  }

  /**
   * Wraps an executor service: each task runs with a copy of its submitter's hub; what escapes an
   * {@code execute}d task on a pool thread is reported, and what {@code submit}ted tasks throw
   * with {@code reportFutureExceptions}.
   *
   * @param executor the executor service that runs the tasks
   * @return an executor service that wraps each task and delegates everything else, or {@code
   *     executor} itself when it is one already
   */
  public static ExecutorService wrap(ExecutorService executor) {
    Objects.requireNonNull(executor, "executor");
    return executor instanceof HubExecutorService ? executor : new HubExecutorService(executor);
  }

  /**
   * Wraps a scheduled executor service, as {@link #wrap(ExecutorService)} does; what periodic tasks
   * throw is reported always.
   *
   * @param executor the scheduled executor service that runs the tasks
   * @return a scheduled executor service that wraps each task and delegates everything else, or
   *     {@code executor} itself when it is one already
   */
  public static ScheduledExecutorService wrap(ScheduledExecutorService executor) {
    Objects.requireNonNull(executor, "executor");
    return executor instanceof HubScheduledExecutorService
        ? executor
        : new HubScheduledExecutorService(executor);
  }

  /**
   * Wraps a task: it runs with a copy of the calling thread's hub, made now.
   *
   * @param task the task
   * @return the wrapped task, or {@code task} itself when the current client is disabled or does
   *     not have the integration
   */
  public static Runnable wrap(Runnable task) {
    return task(task, TaskMode.PLAIN);
  }

  /**
   * Wraps a task with a result: it runs with a copy of the calling thread's hub, made now.
   *
   * @param task the task
   * @param <T> the task's result type
   * @return the wrapped task, or {@code task} itself when the current client is disabled or does
   *     not have the integration
   */
  public static <T> Callable<T> wrap(Callable<T> task) {
    return task(task, TaskMode.PLAIN);
  }

  /**
   * Marks a task as the job of a cron monitor that Sentry already knows: each run sends check-ins
   * (see the class description).
   *
   * @param monitorSlug the monitor's slug; never blank
   * @param task the task
   * @return the monitored task
   * @throws IllegalArgumentException if the slug is blank
   */
  public static Runnable monitor(String monitorSlug, Runnable task) {
    return monitor(monitorSlug, null, task);
  }

  /**
   * Marks a task as the job of a cron monitor, created or updated with each run's first check-in.
   *
   * @param monitorSlug the monitor's slug; never blank
   * @param config the monitor's schedule and thresholds, or null to leave the monitor as it is
   * @param task the task
   * @return the monitored task
   * @throws IllegalArgumentException if the slug is blank
   */
  public static Runnable monitor(String monitorSlug, MonitorConfig config, Runnable task) {
    Objects.requireNonNull(task, "task");
    MonitorRun run = monitorRun(monitorSlug, config);
    return () -> run.run(() -> {
      task.run();
      return null;
    });
  }

  /**
   * Marks a task with a result as the job of a cron monitor that Sentry already knows.
   *
   * @param monitorSlug the monitor's slug; never blank
   * @param task the task
   * @param <T> the task's result type
   * @return the monitored task
   * @throws IllegalArgumentException if the slug is blank
   */
  public static <T> Callable<T> monitor(String monitorSlug, Callable<T> task) {
    return monitor(monitorSlug, null, task);
  }

  /**
   * Marks a task with a result as the job of a cron monitor, created or updated with each run's
   * first check-in.
   *
   * @param monitorSlug the monitor's slug; never blank
   * @param config the monitor's schedule and thresholds, or null to leave the monitor as it is
   * @param task the task
   * @param <T> the task's result type
   * @return the monitored task
   * @throws IllegalArgumentException if the slug is blank
   */
  public static <T> Callable<T> monitor(String monitorSlug, MonitorConfig config, Callable<T> task) {
    Objects.requireNonNull(task, "task");
    MonitorRun run = monitorRun(monitorSlug, config);
    return () -> run.run(task::call);
  }

  private static MonitorRun monitorRun(String monitorSlug, MonitorConfig config) {
    Objects.requireNonNull(monitorSlug, "monitorSlug");
    if (monitorSlug.isBlank()) {
      throw new IllegalArgumentException("monitor slug \"" + monitorSlug + "\" is blank: expected the"
          + " monitor's slug, such as \"nightly-report\"");
    }
    return new MonitorRun(monitorSlug, config, Hub.current().copy());
  }

  static Runnable task(Runnable task, TaskMode mode) {
    Objects.requireNonNull(task, "task");
    return Reporter.active().isPresent() ? new HubRunnable(task, mode) : task;
  }

  static <T> Callable<T> task(Callable<T> task, TaskMode mode) {
    Objects.requireNonNull(task, "task");
    return Reporter.active().isPresent() ? new HubCallable<>(task, mode) : task;
  }

  private static boolean isWrapped(Executor executor) {
    return executor instanceof HubExecutor || executor instanceof HubExecutorService;
  }
}
