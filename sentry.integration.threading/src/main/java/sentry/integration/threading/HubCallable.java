package sentry.integration.threading;

import java.util.concurrent.Callable;
import sentry.api.Hub;

/** A task with a result that runs with a copy of its submitter's hub bound, then restores the thread's hub. */
final class HubCallable<T> implements Callable<T> {
  private final Callable<T> task;
  private final Hub hub;
  private final TaskMode mode;
  private final Thread submitter;

  /** Wraps a task on the submitting thread, copying that thread's hub now. */
  HubCallable(Callable<T> task, TaskMode mode) {
    this.task = task;
    this.hub = Hub.current().copy();
    this.mode = mode;
    this.submitter = Thread.currentThread();
  }

  @Override
  public T call() throws Exception {
    Escaped.clear();
    Hub.Binding bound = hub.bind();
    try {
      return task.call();
    } catch (Throwable failure) {
      mode.failed(failure, hub, submitter);
      throw failure;
    } finally {
      bound.close();
    }
  }

  @Override
  public String toString() {
    return "SentryExecutors.wrap(" + task + ")";
  }
}
