package sentry.integration.logging.log4j;

import java.beans.PropertyChangeEvent;
import java.beans.PropertyChangeListener;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configuration;

/**
 * Keeps a {@link SentryAppender} on the root logger configuration of the default Log4j logger
 * context while Log4j Core is the active backend: attached now, and again on each new
 * configuration (the context's {@code "config"} property change), since a reconfiguration drops
 * what was added in code. A configuration that declares a {@code <Sentry/>} appender is left as it
 * is. Reached by name from {@code sentry.integration.logging} only when Log4j Core is present.
 * Thread-safe.
 */
final class Log4jAttachment implements Runnable, PropertyChangeListener {
  /** The name of the appender attached in code; a declared one is named {@code Sentry}. */
  static final String AUTOMATIC_NAME = "sentry.integration.logging";

  private static final Set<LoggerContext> WATCHED = Collections.newSetFromMap(new WeakHashMap<>());

  Log4jAttachment() {}

  /** Attaches to the default context if Log4j Core is its backend, and watches it. */
  @Override
  public void run() {
    if (!(LogManager.getContext(false) instanceof LoggerContext context)) {
      // Another Log4j API provider (log4j-to-slf4j, say) is the active backend.
      return;
    }
    boolean watch;
    synchronized (WATCHED) {
      watch = WATCHED.add(context);
    }
    if (watch) {
      context.addPropertyChangeListener(this);
    }
    attach(context, context.getConfiguration());
  }

  @Override
  public void propertyChange(PropertyChangeEvent change) {
    if (LoggerContext.PROPERTY_CONFIG.equals(change.getPropertyName())
        && change.getSource() instanceof LoggerContext context
        && change.getNewValue() instanceof Configuration configuration) {
      attach(context, configuration);
    }
  }

  private static synchronized void attach(LoggerContext context, Configuration configuration) {
    if (configuration == null || hasSentryAppender(configuration.getAppenders())) {
      return;
    }
    SentryAppender appender = SentryAppender.newBuilder().setName(AUTOMATIC_NAME).build();
    appender.start();
    configuration.addAppender(appender);
    configuration.getRootLogger().addAppender(appender, null, null);
    if (context.getConfiguration() == configuration) {
      context.updateLoggers();
    }
  }

  private static boolean hasSentryAppender(Map<String, Appender> appenders) {
    for (Appender appender : appenders.values()) {
      if (appender instanceof SentryAppender) {
        return true;
      }
    }
    return false;
  }
}
