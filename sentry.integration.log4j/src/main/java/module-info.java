/**
 * The {@code log4j} integration: Log4j 2 events, with Log4j Core as the backend, become
 * breadcrumbs and events by the options of the {@code logging} integration ({@link
 * sentry.integration.logging.LoggingIntegration}), in every logger context, those created later
 * too.
 *
 * <p>Put this module on the module path (or its jar on the class path) with Log4j Core and {@code
 * Sentry.init} installs it: a {@link sentry.integration.log4j.SentryAppender} on the root logger
 * of every Log4j logger context. Declare {@code <Sentry/>} in a configuration file (with {@code
 * packages="sentry.integration.log4j"} on {@code <Configuration>}) to place it yourself.
 *
 * @provides sentry.api.Integration the {@code log4j} integration
 */
module sentry.integration.log4j {
  // Log4j Core's LoggerContext takes java.beans listeners; log4j-core requires java.desktop too.
  requires java.desktop;
  requires sentry.integration.logging;

  // Transitive: SentryAppender is a Log4j Core appender of Log4j events, its hint key is an API type.
  requires transitive org.apache.logging.log4j;
  requires transitive org.apache.logging.log4j.core;
  requires transitive sentry.api;

  exports sentry.integration.log4j;

  // Log4j Core builds a <Sentry/> appender by reflection: it sets the builder's private fields.
  opens sentry.integration.log4j to
      org.apache.logging.log4j.core;

  provides sentry.api.Integration with
      sentry.integration.log4j.Log4jIntegration;
}
