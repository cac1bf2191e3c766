package sentry.integration.logging;

import java.util.ArrayList;
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
import sentry.api.Mechanism;
import sentry.api.Message;
import sentry.api.Sentry;
import sentry.api.SentryClient;
import sentry.api.SentryEvent;

/**
 * The {@code java.util.logging} handler on the root logger. One instance per class loader, kept
 * attached: {@link LogManager#reset()} removes and closes every handler, so {@link #close()} puts
 * it back, and a configuration listener checks again after {@code readConfiguration()} and {@code
 * updateConfiguration()}. Thread-safe; {@link #publish(LogRecord)} never throws.
 */
final class JulHandler extends Handler {
  static final JulHandler INSTANCE = new JulHandler();
  static final Mechanism MECHANISM = new Mechanism("logging", true);

  /** Formats as {@link Formatter#formatMessage(LogRecord)} does: localised, then {@code {0}}. */
  private static final Formatter MESSAGES = new Formatter() {
    @Override
    public String format(LogRecord record) {
      return formatMessage(record);
    }
  };
  /** Set while this thread is in {@link #publish}: a parameter's toString that logs is not fed back. */
  private static final ThreadLocal<boolean[]> PUBLISHING = ThreadLocal.withInitial(() -> new boolean[1]);
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
    if (record == null || Sentry.isInsideSdk()) {
      return;
    }
    boolean[] publishing = PUBLISHING.get();
    if (publishing[0]) {
      return;
    }
    publishing[0] = true;
    try {
      Hub hub = Hub.current();
      SentryClient client = hub.client();
      if (!client.isEnabled()) {
        return;
      }
      LoggingIntegration integration = client.integration(LoggingIntegration.class).orElse(null);
      if (integration != null && record.getLevel() != null && isLoggable(record)) {
        report(hub, integration, record);
      }
    } catch (RuntimeException | LinkageError e) {
      // Logging must never fail because of Sentry; the SDK reports its own failures itself.
    } finally {
      publishing[0] = false;
    }
  }

  private static void report(Hub hub, LoggingIntegration integration, LogRecord record) {
    Level level = level(record.getLevel());
    boolean event = integration.makesEvent(level);
    boolean breadcrumb = integration.makesBreadcrumb(level);
    if (!event && !breadcrumb || integration.isIgnored(record.getLoggerName())) {
      return;
    }
    String formatted = MESSAGES.formatMessage(record);
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
      event.setMessage(new Message(record.getMessage(), params(record.getParameters()), formatted));
    }
    if (record.getThrown() != null) {
      event.setThrowable(record.getThrown(), MECHANISM);
    }
    return event;
  }

  private static Hint hint(LogRecord record) {
    return Hint.of(LoggingIntegration.LOG_RECORD, record).set(Hint.THROWABLE, record.getThrown());
  }

  /** The parameters as strings, as the protocol's {@code logentry.params} wants them. */
  static List<String> params(Object[] parameters) {
    if (parameters == null || parameters.length == 0) {
      return List.of();
    }
    List<String> strings = new ArrayList<>(parameters.length);
    for (Object parameter : parameters) {
      strings.add(string(parameter));
    }
    return strings;
  }

  static String string(Object value) {
    try {
      return String.valueOf(value);
    } catch (RuntimeException e) {
      return value.getClass().getName() + " (toString() threw " + e.getClass().getName() + ")";
    }
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
