/**
 * The {@code dedupe} integration: when the same throwable object is captured more than once,
 * directly or wrapped as the cause or a suppressed exception of another captured throwable,
 * only the first capture becomes an event.
 *
 * <p>Put this module on the module path (or its jar on the class path) and {@code Sentry.init}
 * installs it; pass a {@link sentry.integration.dedupe.DedupeIntegration} to {@code
 * SentryOptions.addIntegration} to install it when default integrations are off.
 *
 * @provides sentry.api.Integration
 */
module sentry.integration.dedupe {
  // Transitive because sentry.api's Integration shows in this module's API: code that constructs
  // a DedupeIntegration passes it to SentryOptions.addIntegration.
  requires transitive sentry.api;

  exports sentry.integration.dedupe;

  provides sentry.api.Integration with
      sentry.integration.dedupe.DedupeIntegration;
}
