package sentry.integration.logging;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import sentry.api.Breadcrumb;
import sentry.api.Hint;
import sentry.api.Hub;
import sentry.api.Level;
import sentry.api.LogLevel;
import sentry.api.Message;
import sentry.api.SentryEvent;
import sentry.api.SentryLog;
import sentry.integration.logging.internal.JulBridge;
import sentry.integration.logging.internal.LogCapture;

/**
 * The {@code java.util.logging} handler on the root logger. One instance per class loader, kept
 * attached: {@link LogManager#reset()} removes and closes every handler, so {@link #close()} puts
 * it back, and a configuration listener checks again after {@code readConfiguration()} and {@code
 * updateConfiguration()}. Thread-safe; {@link #publish(LogRecord)} never throws.
 */
final class JulHandler extends Handler {
  static final JulHandler INSTANCE = new JulHandler();

  /** Formats as {@link Formatter#formatMessage(LogRecord)} does: localised, then {@code {0}}. */
  private static final Formatter MESSAGES = new Formatter() {
    @Override
    public String format(LogRecord record) {
      return formatMessage(record);
    }
  };
  private static final LogCapture<LoggingIntegration> CAPTURE = new LogCapture<>(LoggingIntegration.class);
  private static final String ORIGIN = "auto.logging.jul";
  private static final ReentrantLock ATTACHING = new ReentrantLock();
  private static final AtomicBoolean ATTACH_REQUESTED = new AtomicBoolean();
  private static final AtomicBoolean WATCHING = new AtomicBoolean();

  private JulHandler() {}

  /** Attaches the handler and re-attaches it after every reconfiguration; idempotent. */
  static void watchConfiguration() {
    if (WATCHING.compareAndSet(false, true)) {
      LogManager.getLogManager().addConfigurationListener(JulHandler::attach);
    }
    attach();
  }

  /**
   * Puts the handler on the root logger unless it is there. Never blocks on another attaching
   * thread: {@link LogManager#reset()} calls {@link #close()} while it holds the log manager's
   * lock, which an attaching thread may be waiting for; the thread that holds our lock repeats
   * the check for the requests that came in meanwhile.
   */
  static void attach() {
    ATTACH_REQUESTED.set(true);
    while (ATTACH_REQUESTED.get() && ATTACHING.tryLock()) {
      try {
        while (ATTACH_REQUESTED.getAndSet(false)) {
          Logger root = LogManager.getLogManager().getLogger("");
          if (root != null && !List.of(root.getHandlers()).contains(INSTANCE)) {
            root.addHandler(INSTANCE);
          }
        }
      } catch (RuntimeException e) {
        // A security manager that refuses, or a LogManager that does not keep handlers: stay off.
      } finally {
        ATTACHING.unlock();
      }
    }
  }

  @Override
  public void publish(LogRecord record) {
    if (record == null || record.getLevel() == null) {
      return;
    }
    CAPTURE.pass(record, JulHandler::report);
  }

  private static void report(Hub hub, LoggingIntegration integration, LogRecord record) {
    if (!INSTANCE.isLoggable(record)) {
      // Inside the guard: a filter set on the handler may throw.
      return;
    }
    Level level = level(record.getLevel());
    boolean event = integration.makesEvent(level);
    boolean breadcrumb = integration.makesBreadcrumb(level);
    LogLevel logLevel = logLevel(record.getLevel());
    boolean log = integration.makesLog(logLevel) && hub.client().isLogEnabled();
    if (!event && !breadcrumb && !log || integration.isIgnored(record.getLoggerName())
        || JulBridge.reportedThroughSlf4j()) {
      return;
    }
    String formatted = MESSAGES.formatMessage(record);
    if (log) {
      List<Object> params = LogCapture.params(record.getParameters(), null);
      hub.captureLog(new SentryLog(record.getInstant(), logLevel, formatted == null ? "" : formatted,
          params.isEmpty() ? null : record.getMessage(), params, record.getLoggerName(),
          Thread.currentThread().getName(), ORIGIN, null));
    }
    if (event) {
      hub.captureEvent(event(record, level, formatted), hint(record));
    }
    if (breadcrumb) {
      // After the event, so that the event does not carry its own record twice.
      hub.addBreadcrumb(new Breadcrumb(formatted).setType("log").setCategory(record.getLoggerName())
          .setLevel(level).setTimestamp(record.getInstant()), Hint.of(LoggingIntegration.LOG_RECORD, record));
    }
  }

  private static SentryEvent event(LogRecord record, Level level, String formatted) {
    SentryEvent event = new SentryEvent();
    event.setTimestamp(record.getInstant());
    event.setLevel(level);
    event.setLogger(record.getLoggerName());
    if (record.getMessage() != null) {
      // JUL does not take a throwable from the parameters.
      event.setMessage(new Message(record.getMessage(), LogCapture.params(record.getParameters(), null), formatted));
    }
    if (record.getThrown() != null) {
      event.setThrowable(record.getThrown(), LogCapture.MECHANISM);
    }
    return event;
  }

  private static Hint hint(LogRecord record) {
    return Hint.of(LoggingIntegration.LOG_RECORD, record).set(Hint.THROWABLE, record.getThrown());
  }

  /** Maps a JUL level to a log level: SEVERE error, WARNING warn, INFO info, CONFIG and FINE debug, else trace. */
  static LogLevel logLevel(java.util.logging.Level level) {
    int value = level.intValue();
    if (value >= java.util.logging.Level.SEVERE.intValue()) {
      return LogLevel.ERROR;
    }
    if (value >= java.util.logging.Level.WARNING.intValue()) {
      return LogLevel.WARN;
    }
    if (value >= java.util.logging.Level.INFO.intValue()) {
      return LogLevel.INFO;
    }
    return value >= java.util.logging.Level.FINE.intValue() ? LogLevel.DEBUG : LogLevel.TRACE;
  }

  /** Maps a JUL level by its value: SEVERE and above error, WARNING warning, INFO info, else debug. */
  static Level level(java.util.logging.Level level) {
    int value = level.intValue();
    if (value >= java.util.logging.Level.SEVERE.intValue()) {
      return Level.ERROR;
    }
    if (value >= java.util.logging.Level.WARNING.intValue()) {
      return Level.WARNING;
    }
    return value >= java.util.logging.Level.INFO.intValue() ? Level.INFO : Level.DEBUG;
  }

  @Override
  public void flush() {
    // Nothing is buffered here: events are queued by the SDK, which flushes them itself.
  }

  /**
   * Called by {@link LogManager#reset()}, which removes and closes every handler (also from
   * {@code readConfiguration()}): puts the handler back, since reconfiguring logging must not
   * switch Sentry off. To switch it off, leave the {@code logging} integration out of the SDK's
   * options; the handler then passes every record through.
   */
  @Override
  public void close() {
    attach();
  }

  @Override
  public String toString() {
    return "Sentry logging handler";
  }
}
