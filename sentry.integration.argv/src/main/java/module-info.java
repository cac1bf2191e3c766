/**
 * The {@code argv} integration: every event gets the program's command line, as a Java developer
 * reads it (the main class, {@code -jar} file or {@code -m} module, then the program's arguments,
 * without the JVM's own options), in {@code extra["sys.argv"]}, with the values of secret-looking
 * arguments replaced by {@code [Filtered]} unless {@code sendDefaultPii} is on.
 *
 * <p>Put this module on the module path (or its jar on the class path) and {@code Sentry.init}
 * installs it; pass an {@link sentry.integration.argv.ArgvIntegration} to {@code
 * SentryOptions.addIntegration} to choose more sensitive words.
 *
 * @provides sentry.api.Integration
 */
module sentry.integration.argv {
  // Transitive because sentry.api's Integration shows in this module's API: code that constructs
  // an ArgvIntegration passes it to SentryOptions.addIntegration.
  requires transitive sentry.api;

  exports sentry.integration.argv;

  provides sentry.api.Integration with
      sentry.integration.argv.ArgvIntegration;
}
