package sentry.integration.log4j;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.Core;
import org.apache.logging.log4j.core.Filter;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.apache.logging.log4j.core.config.plugins.Plugin;
import org.apache.logging.log4j.core.config.plugins.PluginBuilderAttribute;
import org.apache.logging.log4j.core.config.plugins.PluginBuilderFactory;
import org.apache.logging.log4j.core.config.plugins.PluginElement;
import org.apache.logging.log4j.message.MapMessage;
import org.apache.logging.log4j.message.Message;
import sentry.api.Breadcrumb;
import sentry.api.Hint;
import sentry.api.Hub;
import sentry.api.Level;
import sentry.api.LogLevel;
import sentry.api.SentryEvent;
import sentry.api.SentryLog;
import sentry.integration.logging.LoggingIntegration;
import sentry.integration.logging.internal.LogCapture;

/**
 * The Log4j 2 appender of the {@code log4j} integration: Log4j Core events become breadcrumbs and
 * events by the rules and options of the installed {@link LoggingIntegration}.
 *
 * <p>The integration attaches one to the root logger configuration of every logger context by
 * itself. Declare it in a configuration file to choose where it goes instead; its name defaults
 * to {@code Sentry}, and a configuration that declares it gets no automatic one. This module ships
 * no Log4j plugin index ({@code Log4j2Plugins.dat}, which would clobber log4j-core's in a fat
 * jar), so the configuration names the package where Log4j finds the element:
 *
 * <pre>{@code
 * <Configuration packages="sentry.integration.log4j">
 *   <Appenders>
 *     <Console name="Console"/>
 *     <Sentry/>
 *   </Appenders>
 *   <Loggers>
 *     <Root level="info">
 *       <AppenderRef ref="Console"/>
 *       <AppenderRef ref="Sentry"/>
 *     </Root>
 *   </Loggers>
 * </Configuration>
 * }</pre>
 *
 * <p>An event made from a Log4j event carries the thread context map ({@code ThreadContext}) of
 * the thread that logged, as the context {@code "Context Data"} (where Sentry's official Java SDK
 * puts it), and the Log4j event, made immutable, in its hint under {@link #LOG_RECORD}. A
 * breadcrumb made from a Log4j event carries the thread context map and the fields of a {@code
 * MapMessage} in its {@code data} (as Python puts a record's extras on its crumb). With
 * asynchronous loggers or appenders the appender runs on Log4j's thread, so the event gets that
 * thread's Sentry scope, not the logging thread's; the thread context still is the logging
 * thread's. The appender does nothing while the current client does not have the {@code log4j} and
 * {@code logging} integrations or does not send. Thread-safe; it never throws into Log4j.
 */
@Plugin(name = SentryAppender.PLUGIN_NAME, category = Core.CATEGORY_NAME, elementType = Appender.ELEMENT_TYPE)
public final class SentryAppender extends AbstractAppender {
  /** The element name in a Log4j configuration, {@code Sentry}; also the default appender name. */
  public static final String PLUGIN_NAME = "Sentry";

  /**
   * The hint key of the Log4j event a breadcrumb or an event was made from (Python's {@code
   * log_record}); the value is an immutable copy.
   */
  public static final Hint.Key<LogEvent> LOG_RECORD = new Hint.Key<>("log_record", LogEvent.class);

  /** The name of the context that holds the thread context map. */
  public static final String CONTEXT_DATA = "Context Data";

  private static final LogCapture<LoggingIntegration> CAPTURE = new LogCapture<>(LoggingIntegration.class, Log4jIntegration.class);

  private SentryAppender(String name, Filter filter) {
    super(name, filter, null, true, Property.EMPTY_ARRAY);
  }

  /**
   * Makes a builder; Log4j Core calls it for a {@code <Sentry/>} element.
   *
   * @return a new builder
   */
  @PluginBuilderFactory
  public static Builder newBuilder() {
    return new Builder();
  }

  @Override
  public void append(LogEvent logEvent) {
    if (logEvent == null || logEvent.getLevel() == null) {
      return;
    }
    CAPTURE.pass(logEvent, SentryAppender::report);
  }

  private static void report(Hub hub, LoggingIntegration integration, LogEvent logEvent) {
    Level level = level(logEvent.getLevel());
    boolean event = integration.makesEvent(level);
    boolean breadcrumb = integration.makesBreadcrumb(level);
    LogLevel logLevel = logLevel(logEvent.getLevel());
    boolean log = integration.makesLog(logLevel) && hub.client().isLogEnabled();
    if (!event && !breadcrumb && !log || integration.isIgnored(logEvent.getLoggerName())) {
      return;
    }
    if (log) {
      captureLog(hub, logEvent, logLevel);
      if (!event && !breadcrumb) {
        return;
      }
    }
    // Log4j may reuse the event object once append returns (mutable and ring-buffer events).
    LogEvent record = logEvent.toImmutable();
    Message message = record.getMessage();
    String formatted = message == null ? null : message.getFormattedMessage();
    Instant timestamp = Instant.ofEpochSecond(record.getInstant().getEpochSecond(),
        record.getInstant().getNanoOfSecond());
    if (event) {
      hub.captureEvent(event(record, level, formatted, timestamp),
          Hint.of(LOG_RECORD, record).set(Hint.THROWABLE, record.getThrown()));
    }
    if (breadcrumb) {
      // After the event, so that the event does not carry its own record twice.
      hub.addBreadcrumb(crumbData(record, new Breadcrumb(formatted).setType("log")
          .setCategory(record.getLoggerName()).setLevel(level).setTimestamp(timestamp)), Hint.of(LOG_RECORD, record));
    }
  }

  /** The record's data on its crumb, as Python puts a record's extras there: context map, then map message fields. */
  private static Breadcrumb crumbData(LogEvent record, Breadcrumb crumb) {
    record.getContextData().forEach((key, value) -> {
      if (value != null) {
        crumb.setData(key, LogCapture.jsonValue(value));
      }
    });
    if (record.getMessage() instanceof MapMessage<?, ?> fields) {
      fields.getData().forEach((key, value) -> {
        if (key != null && value != null) {
          crumb.setData(key, LogCapture.jsonValue(value));
        }
      });
    }
    return crumb;
  }

  // Message.getFormat() is deprecated in Log4j 2.25, but it is the only way to the template.
  @SuppressWarnings("deprecation")
  private static SentryEvent event(LogEvent record, Level level, String formatted, Instant timestamp) {
    SentryEvent event = new SentryEvent();
    event.setTimestamp(timestamp);
    event.setLevel(level);
    event.setLogger(record.getLoggerName());
    Message message = record.getMessage();
    if (message != null) {
      String template = message.getFormat();
      event.setMessage(new sentry.api.Message(template == null || template.isEmpty() ? formatted : template,
          LogCapture.params(message.getParameters(), record.getThrown()), formatted));
    }
    Throwable thrown = record.getThrown();
    if (thrown != null) {
      event.setThrowable(thrown, LogCapture.MECHANISM);
    }
    Map<String, String> contextData = record.getContextData().toMap();
    contextData.values().removeIf(value -> value == null);
    if (!contextData.isEmpty()) {
      event.getContexts().put(CONTEXT_DATA, new java.util.LinkedHashMap<>(contextData));
    }
    return event;
  }

  // Message.getFormat() is deprecated in Log4j 2.25, but it is the only way to the template.
  @SuppressWarnings("deprecation")
  private static void captureLog(Hub hub, LogEvent logEvent, LogLevel logLevel) {
    Message message = logEvent.getMessage();
    String formatted = message == null ? null : message.getFormattedMessage();
    List<Object> params = message == null ? List.of() : LogCapture.params(message.getParameters(), logEvent.getThrown());
    Map<String, Object> attributes = null;
    if (!logEvent.getContextData().isEmpty()) {
      Map<String, Object> context = new LinkedHashMap<>();
      logEvent.getContextData().forEach((key, value) -> {
        if (value != null) {
          context.put(key, LogCapture.jsonValue(value));
        }
      });
      attributes = context;
    }
    Instant timestamp = Instant.ofEpochSecond(logEvent.getInstant().getEpochSecond(),
        logEvent.getInstant().getNanoOfSecond());
    hub.captureLog(new SentryLog(timestamp, logLevel, formatted == null ? "" : formatted,
        params.isEmpty() ? null : message.getFormat(), params, logEvent.getLoggerName(), logEvent.getThreadName(),
        "auto.logging.log4j2", attributes));
  }

  /** Maps a Log4j level to a log level: FATAL, ERROR, WARN, INFO, DEBUG, else TRACE. */
  static LogLevel logLevel(org.apache.logging.log4j.Level level) {
    int value = level.intLevel();
    if (value <= org.apache.logging.log4j.Level.FATAL.intLevel()) {
      return LogLevel.FATAL;
    }
    if (value <= org.apache.logging.log4j.Level.ERROR.intLevel()) {
      return LogLevel.ERROR;
    }
    if (value <= org.apache.logging.log4j.Level.WARN.intLevel()) {
      return LogLevel.WARN;
    }
    if (value <= org.apache.logging.log4j.Level.INFO.intLevel()) {
      return LogLevel.INFO;
    }
    return value <= org.apache.logging.log4j.Level.DEBUG.intLevel() ? LogLevel.DEBUG : LogLevel.TRACE;
  }

  /** Maps a Log4j level by its value: FATAL fatal, ERROR error, WARN warning, INFO info, else debug. */
  static Level level(org.apache.logging.log4j.Level level) {
    int value = level.intLevel();
    if (value <= org.apache.logging.log4j.Level.FATAL.intLevel()) {
      return Level.FATAL;
    }
    if (value <= org.apache.logging.log4j.Level.ERROR.intLevel()) {
      return Level.ERROR;
    }
    if (value <= org.apache.logging.log4j.Level.WARN.intLevel()) {
      return Level.WARNING;
    }
    return value <= org.apache.logging.log4j.Level.INFO.intLevel() ? Level.INFO : Level.DEBUG;
  }

  @Override
  public String toString() {
    return "SentryAppender[" + getName() + "]";
  }

  /**
   * Builds a {@link SentryAppender}: what Log4j Core does for a {@code <Sentry/>} element, and what
   * programmatic configurations may do. Not thread-safe.
   */
  public static final class Builder implements org.apache.logging.log4j.core.util.Builder<SentryAppender> {
    @PluginBuilderAttribute
    private String name = PLUGIN_NAME;

    @PluginElement("Filter")
    private Filter filter;

    private Builder() {}

    /**
     * Sets the appender's name, by which loggers refer to it.
     *
     * @param name the name; {@value SentryAppender#PLUGIN_NAME} unless set
     * @return this builder
     */
    public Builder setName(String name) {
      this.name = name;
      return this;
    }

    /**
     * Sets a filter that decides which events reach the appender before the integration's rules.
     *
     * @param filter the filter, or null for none
     * @return this builder
     */
    public Builder setFilter(Filter filter) {
      this.filter = filter;
      return this;
    }

    /**
     * Builds the appender, not started.
     *
     * @return the appender
     * @throws IllegalArgumentException if the name is blank
     */
    @Override
    public SentryAppender build() {
      if (name == null || name.isBlank()) {
        throw new IllegalArgumentException("Sentry appender name \"" + name + "\" is blank: expected a name, such as \"Sentry\"");
      }
      return new SentryAppender(name, filter);
    }
  }
}
