package sentry.integration.logback;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.Iterator;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Logback's {@link Configurator} service of the {@code logback} integration: when Logback
 * configures a logger context by itself (SLF4J's first logger, before or after {@code
 * Sentry.init}), this attaches the {@link SentryAppender} to its root logger and keeps it there
 * through resets, then lets Logback's usual configuration ({@code logback.xml}, or its console
 * default) run. So {@code Sentry.init} need not start Logback itself, which costs an application
 * that has not logged yet a few hundred classes on the thread that calls {@code init}.
 *
 * <p>Logback finds it with {@link ServiceLoader} ({@code provides} on the module path, {@code
 * META-INF/services} on the class path) and runs it first ({@link
 * ConfiguratorRank#CUSTOM_TOP_PRIORITY}). A configurator of a higher rank that stops the chain
 * keeps it from running; the integration then attaches at {@code Sentry.init} if Logback has
 * started by then, else declare the appender in that configuration. Logback makes an instance per
 * configuration and calls it on the configuring thread; it never throws.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_TOP_PRIORITY)
public final class SentryConfigurator extends ContextAwareBase implements Configurator {
  /** Makes the configurator; Logback's {@code ServiceLoader} calls this. */
  public SentryConfigurator() {}

  /**
   * Attaches the appender to the context's root logger and watches the context's resets.
   *
   * @param context the context Logback is configuring
   * @return {@link ExecutionStatus#INVOKE_NEXT_IF_ANY}: the context is not configured yet
   */
  @Override
  public ExecutionStatus configure(LoggerContext context) {
    try {
      LogbackAttachment.INSTANCE.configuring(context);
    } catch (RuntimeException | LinkageError e) {
      addWarn("Sentry could not attach its appender; Logback events are not reported", e);
    }
    return ExecutionStatus.INVOKE_NEXT_IF_ANY;
  }

  /**
   * Tells whether Logback will find this configurator when it configures itself: whether the
   * service loader Logback uses lists this class.
   */
  static boolean visibleToLogback() {
    ClassLoader loader = Configurator.class.getClassLoader();
    try {
      Iterator<ServiceLoader.Provider<Configurator>> providers =
          ServiceLoader.load(Configurator.class, loader == null ? ClassLoader.getSystemClassLoader() : loader)
              .stream().iterator();
      while (providers.hasNext()) {
        if (providers.next().type() == SentryConfigurator.class) {
          return true;
        }
      }
      return false;
    } catch (ServiceConfigurationError e) {
      // Some configurator cannot be loaded: Logback's own look-up may stop at it too.
      return false;
    }
  }
}
