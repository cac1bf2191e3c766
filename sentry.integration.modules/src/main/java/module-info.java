/**
 * The {@code modules} integration: every event's {@code modules} lists the application's named
 * modules and class-path jars with their versions, and the JDK's version, found once per process
 * on a background thread.
 *
 * <p>Put this module on the module path (or its jar on the class path) and {@code Sentry.init}
 * installs it; pass a {@link sentry.integration.modules.ModulesIntegration} to {@code
 * SentryOptions.addIntegration} to choose how long the first event may wait for the list.
 *
 * @provides sentry.api.Integration
 */
module sentry.integration.modules {
  // Transitive because sentry.api's Integration shows in this module's API: code that constructs
  // a ModulesIntegration passes it to SentryOptions.addIntegration.
  requires transitive sentry.api;

  exports sentry.integration.modules;

  provides sentry.api.Integration with
      sentry.integration.modules.ModulesIntegration;
}
