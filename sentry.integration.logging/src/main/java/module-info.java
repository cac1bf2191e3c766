/**
 * The {@code logging} integration: records of {@code java.util.logging} become breadcrumbs and
 * events, and the SDK's own diagnostics never loop back. Needs nothing but the JDK: Log4j 2 and
 * Logback have modules of their own ({@code sentry.integration.log4j}, {@code
 * sentry.integration.logback}), which take their options from this module's {@link
 * sentry.integration.logging.LoggingIntegration} and share its record handling.
 *
 * <p>Put this module on the module path (or its jar on the class path) and {@code Sentry.init}
 * installs it: a handler on the root logger of {@code java.util.logging}. Construct {@link
 * sentry.integration.logging.LoggingIntegration} yourself to change the levels or ignore loggers.
 *
 * @provides sentry.api.Integration the {@code logging} integration
 */
module sentry.integration.logging {
  // Transitive: LoggingIntegration implements sentry.api.Integration and takes sentry.api.Level;
  // its LOG_RECORD hint key holds java.util.logging records.
  requires transitive java.logging;
  requires transitive sentry.api;

  exports sentry.integration.logging;

  // The guarded capture and the JUL bridge guard, shared with the backend modules only.
  exports sentry.integration.logging.internal to
      sentry.integration.log4j,
      sentry.integration.logback;

  provides sentry.api.Integration with
      sentry.integration.logging.LoggingIntegration;
}
