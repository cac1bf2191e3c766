package sentry.integration.log4j;

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
import org.apache.logging.log4j.core.impl.Log4jContextFactory;

/**
 * Keeps a {@link SentryAppender} on the root logger configuration of every Log4j logger context
 * while Log4j Core is the active backend: those the context selector holds now, and each created
 * later, which a {@link ContextWatcher} in front of Log4j's configuration factory reports as it
 * builds the context's first configuration; again on each new configuration (the context's {@code
 * "config"} property change), since a reconfiguration drops what was added in code. A
 * configuration that declares a {@code <Sentry/>} appender is left as it is. One appender per
 * context, and a Log4j event is logged into one context, so nothing is reported twice.
 * Thread-safe.
 */
final class Log4jAttachment implements PropertyChangeListener {
  /** The name of the appender attached in code; a declared one is named {@code Sentry}. */
  static final String AUTOMATIC_NAME = "sentry.integration.log4j";

  private static final Log4jAttachment LISTENER = new Log4jAttachment();
  private static final Set<LoggerContext> WATCHED = Collections.newSetFromMap(new WeakHashMap<>());

  private Log4jAttachment() {}

  /**
   * Attaches to every logger context the selector holds and to the caller's default one.
   *
   * @param watchNew whether to put the {@link ContextWatcher} in front of the configuration
   *     factory, so that contexts created later get the appender too
   */
  static void attachEverywhere(boolean watchNew) {
    if (!(LogManager.getFactory() instanceof Log4jContextFactory factory)) {
      // Another Log4j API provider (log4j-to-slf4j, say) is the active backend.
      return;
    }
    if (watchNew) {
      ContextWatcher.install();
    }
    for (LoggerContext context : factory.getSelector().getLoggerContexts()) {
      watch(context, true);
    }
    if (LogManager.getContext(false) instanceof LoggerContext context) {
      watch(context, true);
    }
  }

  /**
   * Watches a context's configuration changes and, when asked, attaches to its configuration now.
   *
   * @param context the context, or null (a configuration built without one)
   * @param attachNow whether to attach to the current configuration; false for a context whose
   *     first configuration is about to be set (the change event attaches then)
   */
  static void watch(LoggerContext context, boolean attachNow) {
    if (context == null) {
      return;
    }
    // Called from inside Log4j's own context start and configuration factory: whatever attaching
    // throws, Log4j's configuration must go on (its status logger says why Sentry gets nothing).
    try {
      boolean added;
      synchronized (WATCHED) {
        added = WATCHED.add(context);
      }
      if (added) {
        context.addPropertyChangeListener(LISTENER);
      }
      if (attachNow) {
        attach(context, context.getConfiguration());
      }
    } catch (RuntimeException | LinkageError e) {
      failed(e);
    }
  }

  @Override
  public void propertyChange(PropertyChangeEvent change) {
    try {
      if (LoggerContext.PROPERTY_CONFIG.equals(change.getPropertyName())
          && change.getSource() instanceof LoggerContext context
          && change.getNewValue() instanceof Configuration configuration) {
        attach(context, configuration);
      }
    } catch (RuntimeException | LinkageError e) {
      // Inside Log4j's setConfiguration: the new configuration must take effect regardless.
      failed(e);
    }
  }

  private static void failed(Throwable e) {
    org.apache.logging.log4j.status.StatusLogger.getLogger()
        .warn("Sentry could not attach its appender; Log4j events are not reported", e);
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
