/**
 * The {@code excepthook} integration: the JVM's default uncaught-exception handler, chained to the
 * one installed before it. An exception that escapes {@code main} becomes a fatal event that is
 * sent before the JVM exits; the stack trace is still printed and the exit code is still non-zero.
 *
 * <p>Put this module on the module path (or its jar on the class path) and {@code Sentry.init}
 * installs it; construct {@link sentry.integration.excepthook.ExcepthookIntegration} yourself to
 * report in a JShell session too.
 *
 * @provides sentry.api.Integration the {@code excepthook} integration
 */
module sentry.integration.excepthook {
  // Transitive: the exported integration implements sentry.api.Integration.
  requires transitive sentry.api;

  exports sentry.integration.excepthook;

  provides sentry.api.Integration with
      sentry.integration.excepthook.ExcepthookIntegration;
}
