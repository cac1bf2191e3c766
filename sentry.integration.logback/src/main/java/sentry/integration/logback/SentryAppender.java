package sentry.integration.logback;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxy;
import ch.qos.logback.core.Context;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Marker;
import org.slf4j.event.KeyValuePair;
import sentry.api.Breadcrumb;
import sentry.api.Hint;
import sentry.api.Hub;
import sentry.api.Level;
import sentry.api.LogLevel;
import sentry.api.Message;
import sentry.api.SentryEvent;
import sentry.api.SentryLog;
import sentry.integration.logging.LoggingIntegration;
import sentry.integration.logging.internal.LogCapture;

/**
 * The Logback appender of the {@code logback} integration: Logback Classic events (what SLF4J 2
 * loggers log when Logback is SLF4J's provider) become breadcrumbs and events by the rules and
 * options of the installed {@link LoggingIntegration}.
 *
 * <p>The integration attaches one to Logback's root logger by itself. Declare it in {@code
 * logback.xml} to choose where it goes instead; a configuration that declares one gets no
 * automatic one:
 *
 * <pre>{@code
 * <configuration>
 *   <appender name="SENTRY" class="sentry.integration.logback.SentryAppender"/>
 *   <root level="info">
 *     <appender-ref ref="SENTRY"/>
 *   </root>
 * </configuration>
 * }</pre>
 *
 * <p>An event made from a Logback event carries the MDC of the thread that logged as the context
 * {@value #CONTEXT_DATA}, the SLF4J 2 key-value pairs ({@code logger.atInfo().addKeyValue(…)}) in
 * {@code extra}, the names of its markers, comma-separated, as the tag {@value #MARKER_TAG}, and
 * the Logback event in its hint under {@link #LOG_RECORD}. A breadcrumb made from one carries the
 * MDC and the key-value pairs in its {@code data}. The appender does nothing while the current
 * client does not have the {@code logback} and {@code logging} integrations or does not send. Thread-safe; it never
 * throws into Logback.
 */
public final class SentryAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {
  /** The hint key of the Logback event a breadcrumb or an event was made from. */
  public static final Hint.Key<ILoggingEvent> LOG_RECORD = new Hint.Key<>("log_record", ILoggingEvent.class);

  /** The name of the context that holds the MDC. */
  public static final String CONTEXT_DATA = "Context Data";

  /** The tag that holds the names of an event's markers. */
  public static final String MARKER_TAG = "logback.marker";

  /** The Logback context object under which a declared appender announces itself. */
  private static final String DECLARED = SentryAppender.class.getName() + ".declared";

  /** The {@code sentry.origin} of the logs this appender makes. */
  private static final String ORIGIN = "auto.logging.logback";

  private static final LogCapture<LoggingIntegration> CAPTURE = new LogCapture<>(LoggingIntegration.class, LogbackIntegration.class);

  private final boolean automatic;

  /** Makes an appender, as Logback does for an {@code <appender>} element naming this class. */
  public SentryAppender() {
    this(false);
  }

  SentryAppender(boolean automatic) {
    this.automatic = automatic;
  }

  static boolean isDeclaredIn(Context context) {
    return context.getObject(DECLARED) != null;
  }

  /**
   * Starts the appender. A declared one (not attached by the integration) takes the place of the
   * automatic one: it is taken off the root logger.
   */
  @Override
  public void start() {
    Context context = getContext();
    if (!automatic && context instanceof LoggerContext loggers) {
      context.putObject(DECLARED, Boolean.TRUE);
      loggers.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).detachAppender(LogbackAttachment.AUTOMATIC_NAME);
    }
    super.start();
  }

  @Override
  protected void append(ILoggingEvent logEvent) {
    if (logEvent == null || logEvent.getLevel() == null) {
      return;
    }
    CAPTURE.pass(logEvent, SentryAppender::report);
  }

  private static void report(Hub hub, LoggingIntegration integration, ILoggingEvent record) {
    Level level = level(record.getLevel());
    boolean event = integration.makesEvent(level);
    boolean breadcrumb = integration.makesBreadcrumb(level);
    LogLevel logLevel = logLevel(record.getLevel());
    boolean log = integration.makesLog(logLevel) && hub.client().isLogEnabled();
    if (!event && !breadcrumb && !log || integration.isIgnored(record.getLoggerName())) {
      return;
    }
    String formatted = record.getFormattedMessage();
    Instant timestamp = record.getInstant();
    Throwable thrown = thrown(record.getThrowableProxy());
    if (log) {
      List<Object> params = LogCapture.params(record.getArgumentArray(), thrown);
      Map<String, String> mdc = record.getMDCPropertyMap();
      List<KeyValuePair> pairs = record.getKeyValuePairs();
      Map<String, Object> attributes = null;
      if (mdc != null && !mdc.isEmpty() || pairs != null && !pairs.isEmpty()) {
        // The MDC and the key-value pairs become attributes of the log; none, no map.
        Map<String, Object> all = new LinkedHashMap<>();
        if (mdc != null) {
          mdc.forEach((key, value) -> {
            if (key != null && value != null) {
              all.put(key, value);
            }
          });
        }
        keyValues(record, () -> all);
        attributes = all;
      }
      hub.captureLog(new SentryLog(timestamp, logLevel, formatted == null ? "" : formatted,
          params.isEmpty() ? null : record.getMessage(), params, record.getLoggerName(), record.getThreadName(),
          ORIGIN, attributes));
    }
    if (event) {
      hub.captureEvent(event(record, level, formatted, timestamp, thrown),
          Hint.of(LOG_RECORD, record).set(Hint.THROWABLE, thrown));
    }
    if (breadcrumb) {
      // After the event, so that the event does not carry its own record twice.
      Breadcrumb crumb = new Breadcrumb(formatted).setType("log").setCategory(record.getLoggerName())
          .setLevel(level).setTimestamp(timestamp);
      record.getMDCPropertyMap().forEach((key, value) -> {
        if (key != null && value != null) {
          crumb.setData(key, value);
        }
      });
      keyValues(record, crumb::getData);
      hub.addBreadcrumb(crumb, Hint.of(LOG_RECORD, record));
    }
  }

  private static SentryEvent event(ILoggingEvent record, Level level, String formatted, Instant timestamp,
      Throwable thrown) {
    SentryEvent event = new SentryEvent();
    event.setTimestamp(timestamp);
    event.setLevel(level);
    event.setLogger(record.getLoggerName());
    String template = record.getMessage();
    event.setMessage(new Message(template == null ? formatted : template,
        LogCapture.params(record.getArgumentArray(), thrown), formatted));
    if (thrown != null) {
      event.setThrowable(thrown, LogCapture.MECHANISM);
    }
    Map<String, String> mdc = record.getMDCPropertyMap();
    if (mdc != null && !mdc.isEmpty()) {
      Map<String, Object> data = new LinkedHashMap<>();
      mdc.forEach((key, value) -> {
        if (key != null && value != null) {
          data.put(key, value);
        }
      });
      event.getContexts().put(CONTEXT_DATA, data);
    }
    keyValues(record, event::getExtra);
    List<Marker> markers = record.getMarkerList();
    if (markers != null && !markers.isEmpty()) {
      StringBuilder names = new StringBuilder();
      for (Marker marker : markers) {
        names.append(names.length() == 0 ? "" : ",").append(marker.getName());
      }
      event.getTags().put(MARKER_TAG, names.toString());
    }
    return event;
  }

  /** Puts the SLF4J 2 key-value pairs into a map, values as {@code logentry.params} keeps them. */
  private static void keyValues(ILoggingEvent record, Supplier<Map<String, Object>> into) {
    List<KeyValuePair> pairs = record.getKeyValuePairs();
    if (pairs == null || pairs.isEmpty()) {
      return;
    }
    for (KeyValuePair pair : pairs) {
      if (pair != null && pair.key != null && pair.value != null) {
        into.get().put(pair.key, LogCapture.jsonValue(pair.value));
      }
    }
  }

  private static Throwable thrown(IThrowableProxy proxy) {
    return proxy instanceof ThrowableProxy real ? real.getThrowable() : null;
  }

  /** Maps a Logback level to a log level: ERROR, WARN, INFO, DEBUG, else TRACE. */
  static LogLevel logLevel(ch.qos.logback.classic.Level level) {
    int value = level.toInt();
    if (value >= ch.qos.logback.classic.Level.ERROR_INT) {
      return LogLevel.ERROR;
    }
    if (value >= ch.qos.logback.classic.Level.WARN_INT) {
      return LogLevel.WARN;
    }
    if (value >= ch.qos.logback.classic.Level.INFO_INT) {
      return LogLevel.INFO;
    }
    return value >= ch.qos.logback.classic.Level.DEBUG_INT ? LogLevel.DEBUG : LogLevel.TRACE;
  }

  /** Maps a Logback level by its value: ERROR error, WARN warning, INFO info, else debug. */
  static Level level(ch.qos.logback.classic.Level level) {
    int value = level.toInt();
    if (value >= ch.qos.logback.classic.Level.ERROR_INT) {
      return Level.ERROR;
    }
    if (value >= ch.qos.logback.classic.Level.WARN_INT) {
      return Level.WARNING;
    }
    return value >= ch.qos.logback.classic.Level.INFO_INT ? Level.INFO : Level.DEBUG;
  }

  @Override
  public String toString() {
    return "SentryAppender[" + getName() + "]";
  }
}
