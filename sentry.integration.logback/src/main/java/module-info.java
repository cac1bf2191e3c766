/**
 * The {@code logback} integration: SLF4J 2 events, with Logback Classic as SLF4J's provider,
 * become breadcrumbs and events by the options of the {@code logging} integration ({@link
 * sentry.integration.logging.LoggingIntegration}).
 *
 * <p>Put this module on the module path (or its jar on the class path) with Logback Classic and
 * {@code Sentry.init} installs it: a {@link sentry.integration.logback.SentryAppender} on
 * Logback's root logger, attached when Logback configures itself (so {@code init} does not start
 * Logback) and back after every reset. Declare the appender in {@code logback.xml} to
 * place it yourself.
 *
 * @uses ch.qos.logback.classic.spi.Configurator to tell whether Logback will find ours
 * @provides ch.qos.logback.classic.spi.Configurator attaches the appender as Logback starts
 * @provides sentry.api.Integration the {@code logback} integration
 */
module sentry.integration.logback {
  requires sentry.integration.logging;

  // Transitive: SentryAppender is a Logback appender of Logback events (SLF4J markers and
  // key-value pairs); its hint key is an API type.
  requires transitive ch.qos.logback.classic;
  requires transitive ch.qos.logback.core;
  requires transitive org.slf4j;
  requires transitive sentry.api;

  exports sentry.integration.logback;

  // Only to ask whether Logback will find SentryConfigurator (LogbackAttachment.register).
  uses ch.qos.logback.classic.spi.Configurator;

  provides ch.qos.logback.classic.spi.Configurator with
      sentry.integration.logback.SentryConfigurator;
  provides sentry.api.Integration with
      sentry.integration.logback.LogbackIntegration;
}
