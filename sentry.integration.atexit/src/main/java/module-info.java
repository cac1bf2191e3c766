/**
 * The {@code atexit} integration: a JVM shutdown hook that gives the events still pending when the
 * JVM exits until the shutdown timeout to reach Sentry, and says on stderr that it is waiting.
 *
 * <p>Put this module on the module path (or its jar on the class path) and {@code Sentry.init}
 * installs it; construct {@link sentry.integration.atexit.AtexitIntegration} yourself to replace
 * the message with a callback.
 *
 * @provides sentry.api.Integration the {@code atexit} integration
 */
module sentry.integration.atexit {
  // Transitive: the exported integration implements sentry.api.Integration.
  requires transitive sentry.api;

  exports sentry.integration.atexit;

  provides sentry.api.Integration with
      sentry.integration.atexit.AtexitIntegration;
}
