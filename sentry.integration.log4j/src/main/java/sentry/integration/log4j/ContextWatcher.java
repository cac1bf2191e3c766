package sentry.integration.log4j;

import java.net.URI;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.ConfigurationFactory;
import org.apache.logging.log4j.core.config.ConfigurationSource;

/**
 * Log4j's configuration factory with a look at each logger context it builds a configuration for:
 * every context, whichever selector made it, asks the factory for its configuration when it
 * starts and when it is reconfigured, so the watcher sees contexts created after {@code
 * Sentry.init} and has {@link Log4jAttachment} watch them; the configuration itself comes from the
 * factory that was in place, unchanged. Thread-safe.
 */
final class ContextWatcher extends ConfigurationFactory {
  private static final Object LOCK = new Object();

  private final ConfigurationFactory delegate;

  private ContextWatcher(ConfigurationFactory delegate) {
    this.delegate = delegate;
  }

  /** Puts a watcher in front of the current factory unless one is there. */
  static void install() {
    synchronized (LOCK) {
      ConfigurationFactory current = ConfigurationFactory.getInstance();
      if (!(current instanceof ContextWatcher)) {
        ConfigurationFactory.setConfigurationFactory(new ContextWatcher(current));
      }
    }
  }

  @Override
  protected String[] getSupportedTypes() {
    return new String[] {"*"};
  }

  @Override
  public Configuration getConfiguration(LoggerContext context, ConfigurationSource source) {
    Log4jAttachment.watch(context, false);
    return delegate.getConfiguration(context, source);
  }

  @Override
  public Configuration getConfiguration(LoggerContext context, String name, URI configLocation) {
    Log4jAttachment.watch(context, false);
    return delegate.getConfiguration(context, name, configLocation);
  }

  @Override
  public Configuration getConfiguration(LoggerContext context, String name, URI configLocation, ClassLoader loader) {
    Log4jAttachment.watch(context, false);
    return delegate.getConfiguration(context, name, configLocation, loader);
  }
}
