package sentry.integration.log4j;

import sentry.api.Integration;
import sentry.api.IntegrationContext;

/**
 * Reports Log4j 2 events (Log4j Core as the backend) as breadcrumbs and events, by the options of
 * the {@code logging} integration ({@link sentry.integration.logging.LoggingIntegration}: levels,
 * ignored loggers), which must be installed too (it is a default; this module requires it).
 *
 * <p>The first {@code Sentry.init} that installs it attaches a {@link SentryAppender} to the root
 * logger configuration of every Log4j logger context there is, and of every one created later
 * (Log4j's {@code ClassLoaderContextSelector} makes one per class loader; {@code
 * LogManager.getLogger(SomeClass.class)} may log into one made after {@code init}), and again after
 * each reconfiguration, which drops appenders added in code. A configuration that declares {@code
 * <Sentry/>} itself is left as it is. The appenders stay for the life of the process and pass
 * events straight through while the current client lacks this integration or the {@code logging}
 * one, or does not send. An application that installs a {@code ConfigurationFactory} of its own
 * with {@code ConfigurationFactory.setConfigurationFactory} after {@code init} gets the appender
 * in the contexts that exist at each {@code Sentry.init} only.
 *
 * <p>Immutable and thread-safe; it has no options of its own.
 */
public final class Log4jIntegration implements Integration {
  /** The identifier, {@code "log4j"}. */
  public static final String IDENTIFIER = "log4j";

  /** Makes the integration; {@code ServiceLoader} calls this. */
  public Log4jIntegration() {}

  /**
   * Returns the identifier.
   *
   * @return {@value #IDENTIFIER}
   */
  @Override
  public String identifier() {
    return IDENTIFIER;
  }

  /**
   * Attaches the appender to every logger context and watches for new ones; once per process.
   * Does nothing when another Log4j API provider than Log4j Core is active.
   */
  @Override
  public void setupOnce() {
    attach(true);
  }

  /**
   * Checks that every logger context still has the appender and puts it back where not.
   *
   * @param context unused: the appender finds the integrations through the current hub's client
   */
  @Override
  public void register(IntegrationContext context) {
    attach(false);
  }

  private static void attach(boolean watchNew) {
    try {
      Log4jAttachment.attachEverywhere(watchNew);
    } catch (LinkageError absent) {
      // A class path with this jar but without Log4j Core (a build that left it out): nothing to attach to.
    }
  }

  @Override
  public String toString() {
    return "Log4jIntegration";
  }
}
