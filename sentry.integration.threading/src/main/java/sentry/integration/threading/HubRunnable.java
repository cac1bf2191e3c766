package sentry.integration.threading;

import sentry.api.Hub;

/** A task that runs with a copy of its submitter's hub bound, then restores the thread's hub. */
final class HubRunnable implements Runnable {
  private final Runnable task;
  private final Hub hub;
  private final TaskMode mode;
  private final Thread submitter;

  /** Wraps a task on the submitting thread, copying that thread's hub now. */
  HubRunnable(Runnable task, TaskMode mode) {
    this.task = task;
    this.hub = Hub.current().copy();
    this.mode = mode;
    this.submitter = Thread.currentThread();
  }

  /** Returns the task as the caller gave it. */
  Runnable task() {
    return task;
  }

  @Override
  public void run() {
    Escaped.clear();
    Hub.Binding bound = hub.bind();
    try {
      task.run();
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
