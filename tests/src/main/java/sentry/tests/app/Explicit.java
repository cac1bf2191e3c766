package sentry.tests.app;

import java.time.Duration;
import sentry.api.Integration;
import sentry.api.SentryOptions;
import sentry.integration.atexit.AtexitIntegration;
import sentry.integration.dedupe.DedupeIntegration;
import sentry.integration.excepthook.ExcepthookIntegration;
import sentry.integration.modules.ModulesIntegration;

/**
 * Integrations the scenarios construct themselves and pass to {@link
 * SentryOptions#addIntegration}, by name. Only the named integration's class is loaded, so its
 * module (or jar) needs to be present only when a scenario names it.
 */
final class Explicit {
  /** What the atexit callback prints on stdout instead of the default message on stderr. */
  static final String ATEXIT_CALLBACK_MARKER = "explicit atexit callback:";

  private Explicit() {}

  /**
   * Adds the named integrations.
   *
   * @param options the options being initialised
   * @param names {@code excepthook}, {@code excepthook-always-run}, {@code dedupe}, {@code
   *     atexit-callback} or {@code modules-wait}
   * @throws IllegalArgumentException for another name
   */
  static void add(SentryOptions options, String... names) {
    for (String name : names) {
      options.addIntegration(make(name));
    }
  }

  private static Integration make(String name) {
    return switch (name) {
      case "excepthook" -> new ExcepthookIntegration();
      case "excepthook-always-run" -> new ExcepthookIntegration().withAlwaysRun(true);
      case "dedupe" -> new DedupeIntegration();
      case "atexit-callback" -> new AtexitIntegration().withCallback((pending, timeout) ->
          System.out.println(ATEXIT_CALLBACK_MARKER + " " + pending + " pending, up to " + timeout));
      // The first event waits up to 10 s for the list instead of 100 ms, so that a test on a busy
      // machine sees it.
      case "modules-wait" -> new ModulesIntegration(Duration.ofSeconds(10));
      default -> throw new IllegalArgumentException("no explicit integration " + name);
    };
  }
}
