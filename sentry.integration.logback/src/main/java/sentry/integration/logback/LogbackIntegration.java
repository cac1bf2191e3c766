package sentry.integration.logback;

import sentry.api.Integration;
import sentry.api.IntegrationContext;

/**
 * Reports SLF4J 2 events, with Logback Classic as SLF4J's provider, as breadcrumbs and events by
 * the options of the {@code logging} integration ({@link
 * sentry.integration.logging.LoggingIntegration}: levels, ignored loggers), which must be
 * installed too (it is a default; this module requires it).
 *
 * <p>A {@link SentryAppender} goes on Logback's root logger when Logback configures itself ({@link
 * SentryConfigurator}, Logback's configurator service), whether before or after {@code
 * Sentry.init}, so {@code init} does not start Logback; when Logback started without it, {@code
 * init} attaches it. It comes back after every {@code LoggerContext.reset()} (each reconfiguration
 * starts with one), unless the configuration declares a {@link SentryAppender} itself. With {@code
 * jul-to-slf4j}'s handler on the JUL root logger, JUL records are left to this appender, so they
 * are reported once. The appender stays for the life of the process and passes events straight
 * through while the current client lacks this integration or the {@code logging} one, or does not
 * send. Does nothing when another SLF4J provider is active.
 *
 * <p>Immutable and thread-safe; it has no options of its own.
 */
public final class LogbackIntegration implements Integration {
  /** The identifier, {@code "logback"}. */
  public static final String IDENTIFIER = "logback";

  /** Makes the integration; {@code ServiceLoader} calls this. */
  public LogbackIntegration() {}

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
   * Checks that the appender is still attached and puts it back if not, once Logback has started;
   * before that, leaves it to {@link SentryConfigurator}.
   *
   * @param context unused: the appender finds the integrations through the current hub's client
   */
  @Override
  public void register(IntegrationContext context) {
    try {
      LogbackAttachment.INSTANCE.register();
    } catch (LinkageError absent) {
      // A class path with this jar but without Logback (a build that left it out): nothing to attach to.
    }
  }

  @Override
  public String toString() {
    return "LogbackIntegration";
  }
}
