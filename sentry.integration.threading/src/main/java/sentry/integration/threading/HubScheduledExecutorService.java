package sentry.integration.threading;

import java.util.concurrent.Callable;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** A scheduled executor service whose tasks run with their submitter's hub; see {@link SentryExecutors}. */
final class HubScheduledExecutorService extends HubExecutorService implements ScheduledExecutorService {
  private final ScheduledExecutorService delegate;

  HubScheduledExecutorService(ScheduledExecutorService delegate) {
    super(delegate);
    this.delegate = delegate;
  }

  @Override
  public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
    return delegate.schedule(SentryExecutors.task(command, TaskMode.FUTURE), delay, unit);
  }

  @Override
  public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
    return delegate.schedule(SentryExecutors.task(callable, TaskMode.FUTURE), delay, unit);
  }

  @Override
  public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
    return delegate.scheduleAtFixedRate(SentryExecutors.task(command, TaskMode.PERIODIC), initialDelay, period, unit);
  }

  @Override
  public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
    return delegate.scheduleWithFixedDelay(SentryExecutors.task(command, TaskMode.PERIODIC), initialDelay, delay, unit);
  }
}
