package sentry.integration.threading;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An executor service whose tasks run with their submitter's hub; see {@link SentryExecutors}.
 * Everything else (shutdown, termination) is the delegate's.
 */
class HubExecutorService implements ExecutorService {
  private final ExecutorService delegate;

  HubExecutorService(ExecutorService delegate) {
    this.delegate = delegate;
  }

  @Override
  public void execute(Runnable command) {
    delegate.execute(SentryExecutors.task(command, TaskMode.EXECUTE));
  }

  @Override
  public <T> Future<T> submit(Callable<T> task) {
    return delegate.submit(SentryExecutors.task(task, TaskMode.FUTURE));
  }

  @Override
  public Future<?> submit(Runnable task) {
    return delegate.submit(SentryExecutors.task(task, TaskMode.FUTURE));
  }

  @Override
  public <T> Future<T> submit(Runnable task, T result) {
    return delegate.submit(SentryExecutors.task(task, TaskMode.FUTURE), result);
  }

  @Override
  public <T> List<Future<T>> invokeAll(Collection<? extends Callable<T>> tasks) throws InterruptedException {
    return delegate.invokeAll(futureTasks(tasks));
  }

  @Override
  public <T> List<Future<T>> invokeAll(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit)
      throws InterruptedException {
    return delegate.invokeAll(futureTasks(tasks), timeout, unit);
  }

  @Override
  public <T> T invokeAny(Collection<? extends Callable<T>> tasks) throws InterruptedException, ExecutionException {
    return delegate.invokeAny(futureTasks(tasks));
  }

  @Override
  public <T> T invokeAny(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit)
      throws InterruptedException, ExecutionException, TimeoutException {
    return delegate.invokeAny(futureTasks(tasks), timeout, unit);
  }

  @Override
  public void shutdown() {
    delegate.shutdown();
  }

  /** Shuts the delegate down; the tasks that never started are returned as the callers gave them. */
  @Override
  public List<Runnable> shutdownNow() {
    List<Runnable> pending = delegate.shutdownNow();
    List<Runnable> unwrapped = new ArrayList<>(pending.size());
    for (Runnable task : pending) {
      unwrapped.add(task instanceof HubRunnable wrapped ? wrapped.task() : task);
    }
    return unwrapped;
  }

  @Override
  public boolean isShutdown() {
    return delegate.isShutdown();
  }

  @Override
  public boolean isTerminated() {
    return delegate.isTerminated();
  }

  @Override
  public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
    return delegate.awaitTermination(timeout, unit);
  }

  @Override
  public String toString() {
    return "SentryExecutors.wrap(" + delegate + ")";
  }

  private static <T> List<Callable<T>> futureTasks(Collection<? extends Callable<T>> tasks) {
    List<Callable<T>> wrapped = new ArrayList<>(tasks.size());
    for (Callable<T> task : tasks) {
      wrapped.add(SentryExecutors.task(task, TaskMode.FUTURE));
    }
    return wrapped;
  }
}
