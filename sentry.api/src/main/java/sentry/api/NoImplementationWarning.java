package sentry.api;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Says once, on stderr, that {@code Sentry.init} was given a DSN but no implementation was found,
 * so nothing will be sent: as SLF4J says that it found no provider. Stderr, because without
 * {@code sentry.core} there is no diagnostics logger; once per JVM, however often {@code init} runs.
 */
final class NoImplementationWarning {
  private static final AtomicBoolean SAID = new AtomicBoolean();

  private NoImplementationWarning() {}

  /**
   * Warns if the options the callback makes, a {@code SENTRY_DSN} variable or a {@code sentry.dsn}
   * property hold a DSN. Never throws: a callback that fails is ignored, as the no-op ignores it.
   *
   * @param configuration the callback given to {@code init}
   */
  static void checkInit(Consumer<SentryOptions> configuration) {
    if (SAID.get() || !dsnGiven(configuration)) {
      return;
    }
    if (SAID.compareAndSet(false, true)) {
      System.err.println("Sentry: Sentry.init was given a DSN, but no Sentry implementation was found"
          + " (module sentry.core): nothing will be sent. Add the artifact sentry-defaults (or sentry-core)"
          + " to the module path or class path.");
    }
  }

  private static boolean dsnGiven(Consumer<SentryOptions> configuration) {
    String fromEnvironment = System.getenv("SENTRY_DSN");
    String fromProperty = System.getProperty("sentry.dsn");
    String fromCode = null;
    try {
      SentryOptions options = new SentryOptions();
      configuration.accept(options);
      fromCode = options.getDsn();
    } catch (RuntimeException ignored) {
      // The no-op ignores the callback; a failing one says nothing about a DSN.
    }
    return present(fromCode) || present(fromEnvironment) || present(fromProperty);
  }

  private static boolean present(String dsn) {
    return dsn != null && !dsn.isBlank();
  }
}
