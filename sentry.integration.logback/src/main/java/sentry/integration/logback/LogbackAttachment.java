package sentry.integration.logback;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggerContextListener;
import org.slf4j.LoggerFactory;
import sentry.integration.logging.internal.JulBridge;

/**
 * Keeps a {@link SentryAppender} on the root logger of Logback's logger contexts: attached when
 * Logback configures a context ({@link SentryConfigurator}), or at {@code Sentry.init} when
 * Logback Classic is SLF4J's provider and started without it; and again after each {@link
 * LoggerContext#reset()} (which every reconfiguration, a {@code logback.xml} scan among them,
 * starts with, and which detaches every appender): a reset-resistant {@link LoggerContextListener}
 * puts it back. A configuration that declares a {@link SentryAppender} itself gets none. Tells the
 * JUL handler that SLF4J's provider reports ({@link JulBridge}), so that records bridged by {@code
 * jul-to-slf4j} are reported once. Thread-safe.
 */
final class LogbackAttachment implements LoggerContextListener {
  /** The name of the appender attached in code. */
  static final String AUTOMATIC_NAME = "sentry.integration.logback";

  /** The one attachment of this class loader. */
  static final LogbackAttachment INSTANCE = new LogbackAttachment();

  /** Whether Logback has configured a context through {@link SentryConfigurator}: it has started. */
  private volatile boolean configured;

  private LogbackAttachment() {}

  /**
   * What {@code Sentry.init} does. Until Logback starts, nothing: {@link SentryConfigurator} will
   * attach when it does, so {@code init} does not start it. Once started (or when Logback will not
   * call the configurator), attaches to SLF4J's logger context now.
   */
  void register() {
    if (!configured && SentryConfigurator.visibleToLogback()) {
      // jul-to-slf4j would start SLF4J with a JUL record: the JUL handler asks then.
      JulBridge.slf4jProviderPending(this::attachToSlf4j);
      return;
    }
    attachToSlf4j();
  }

  /** Attaches to SLF4J's logger context if Logback Classic is SLF4J's provider, and watches it. */
  void attachToSlf4j() {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      // Another SLF4J provider (slf4j-jdk14, say), or none.
      return;
    }
    watch(context);
    attach(context);
    JulBridge.slf4jProviderReports();
  }

  /** Called by {@link SentryConfigurator} while Logback configures a context. */
  void configuring(LoggerContext context) {
    configured = true;
    watch(context);
    attach(context);
  }

  private void watch(LoggerContext context) {
    synchronized (this) {
      if (!context.getCopyOfListenerList().contains(this)) {
        context.addListener(this);
      }
    }
  }

  static synchronized void attach(LoggerContext context) {
    if (SentryAppender.isDeclaredIn(context)) {
      return;
    }
    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    if (root.getAppender(AUTOMATIC_NAME) != null) {
      return;
    }
    SentryAppender appender = new SentryAppender(true);
    appender.setName(AUTOMATIC_NAME);
    appender.setContext(context);
    appender.start();
    root.addAppender(appender);
  }

  /**
   * Keeps this listener through resets.
   *
   * @return true
   */
  @Override
  public boolean isResetResistant() {
    return true;
  }

  @Override
  public void onStart(LoggerContext context) {
    attachInside(context);
  }

  /** The reset detached every appender: put ours back before the new configuration is read. */
  @Override
  public void onReset(LoggerContext context) {
    attachInside(context);
  }

  /**
   * Attaches from inside Logback's own start or reset, which must go on whatever attaching throws:
   * Logback's status log says why Sentry gets no events.
   */
  private static void attachInside(LoggerContext context) {
    try {
      attach(context);
    } catch (RuntimeException | LinkageError e) {
      context.getStatusManager().add(new ch.qos.logback.core.status.WarnStatus(
          "Sentry could not attach its appender; Logback events are not reported", context, e));
    }
  }

  @Override
  public void onStop(LoggerContext context) {
    // A stopped context logs nothing; a restart calls onStart.
  }

  @Override
  public void onLevelChange(Logger logger, ch.qos.logback.classic.Level level) {
    // Levels do not move appenders.
  }
}
