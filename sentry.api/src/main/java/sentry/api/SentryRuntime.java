package sentry.api;

import java.util.Iterator;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import sentry.api.spi.SentryBinding;

/** Finds the binding once; with none, the API is a no-op. */
final class SentryRuntime {
  private SentryRuntime() {}

  static SentryBinding binding() {
    return Holder.BINDING;
  }

  private static final class Holder {
    static final SentryBinding BINDING = load();

    private static SentryBinding load() {
      Iterator<SentryBinding> providers =
          ServiceLoader.load(SentryBinding.class, SentryRuntime.class.getClassLoader()).iterator();
      // Like SLF4J: one broken provider must not take the API down; try the next, else no-op.
      while (true) {
        try {
          if (!providers.hasNext()) {
            return NoopBinding.INSTANCE;
          }
          return providers.next();
        } catch (ServiceConfigurationError | LinkageError broken) {
          System.getLogger("sentry.api")
              .log(System.Logger.Level.WARNING, "skipping a broken Sentry binding", broken);
        }
      }
    }
  }
}
