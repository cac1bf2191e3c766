package sentry.integration.threading;

import java.util.concurrent.Executor;

/** An executor whose tasks run with their submitter's hub; see {@link SentryExecutors}. */
final class HubExecutor implements Executor {
  private final Executor delegate;

  HubExecutor(Executor delegate) {
    this.delegate = delegate;
  }

  @Override
  public void execute(Runnable command) {
    delegate.execute(SentryExecutors.task(command, TaskMode.EXECUTE));
  }

  @Override
  public String toString() {
    return "SentryExecutors.wrap(" + delegate + ")";
  }
}
