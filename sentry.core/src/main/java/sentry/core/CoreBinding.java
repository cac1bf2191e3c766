package sentry.core;

import java.util.List;
import java.util.function.Consumer;
import sentry.api.Hub;
import sentry.api.Mechanism;
import sentry.api.SentryException;
import sentry.api.SentryOptions;
import sentry.api.spi.SentryBinding;

/** Work in progress: replaced by the real binding in the next commit. */
public final class CoreBinding implements SentryBinding {
  /** Made by the service loader. */
  public CoreBinding() {}

  @Override
  public Hub currentHub() {
    throw new UnsupportedOperationException("in progress");
  }

  @Override
  public Hub mainHub() {
    throw new UnsupportedOperationException("in progress");
  }

  @Override
  public void init(Consumer<SentryOptions> configuration) {
    throw new UnsupportedOperationException("in progress");
  }

  @Override
  public void close() {}

  @Override
  public boolean isInsideSdk() {
    return false;
  }

  @Override
  public List<SentryException> describe(Throwable throwable, Mechanism mechanism, long threadId) {
    return List.of();
  }
}
