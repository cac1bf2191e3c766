/**
 * The {@code logging} integration: records of {@code java.util.logging}, of Log4j 2 (with Log4j
 * Core as its backend) and of SLF4J 2 (with Logback Classic as its provider) become breadcrumbs
 * and events, and the SDK's own diagnostics never loop back.
 *
 * <p>Put this module on the module path (or its jar on the class path) and {@code Sentry.init}
 * installs it: a handler on the root logger of {@code java.util.logging} and, when Log4j Core is
 * the active Log4j backend, an appender on its root logger. Construct {@link
 * sentry.integration.logging.LoggingIntegration} yourself to change the levels or ignore loggers;
 * declare {@code <Sentry/>} ({@link sentry.integration.logging.log4j.SentryAppender}) in a Log4j
 * configuration file to place the appender yourself. When Logback Classic is SLF4J's provider, an
 * appender goes on Logback's root logger; declare {@link
 * sentry.integration.logging.logback.SentryAppender} in {@code logback.xml} to place it yourself.
 * Log4j, SLF4J and Logback are optional: none of them is needed by an application that does not
 * use them.
 *
 * @provides sentry.api.Integration the {@code logging} integration
 */
module sentry.integration.logging {
  // Optional: only the sentry.integration.logging.log4j package uses them, and it is reached by
  // name only when Log4j Core is present. Transitive for that package's API (SentryAppender is a
  // Log4j Core appender), so a module that configures Log4j in code can use it.
  requires static transitive org.apache.logging.log4j;
  requires static transitive org.apache.logging.log4j.core;
  // Log4j Core's LoggerContext takes java.beans listeners; log4j-core requires java.desktop itself,
  // so it is there whenever Log4j Core is.
  requires static java.desktop;
  // Optional, as Log4j: only sentry.integration.logging.logback uses them, reached by name only
  // when Logback Classic and SLF4J are present; transitive for that package's API (SentryAppender
  // is a Logback appender of Logback events).
  requires static transitive ch.qos.logback.classic;
  requires static transitive ch.qos.logback.core;
  requires static transitive org.slf4j;

  // Transitive: LoggingIntegration implements sentry.api.Integration and takes sentry.api.Level;
  // its LOG_RECORD hint key holds java.util.logging records.
  requires transitive java.logging;
  requires transitive sentry.api;

  exports sentry.integration.logging;
  exports sentry.integration.logging.log4j;
  exports sentry.integration.logging.logback;

  // Log4j Core builds a <Sentry/> appender by reflection: it sets the builder's private fields.
  opens sentry.integration.logging.log4j to
      org.apache.logging.log4j.core;

  provides sentry.api.Integration with
      sentry.integration.logging.LoggingIntegration;
}
