package sentry.integration.logging;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.LogRecord;
import java.util.regex.Pattern;
import sentry.api.Hint;
import sentry.api.Integration;
import sentry.api.IntegrationContext;
import sentry.api.Level;
import sentry.api.LogLevel;

/**
 * Turns log records into breadcrumbs and events (Python's {@code LoggingIntegration}): the records
 * of {@code java.util.logging} here, and, with their modules added, those of Log4j 2 ({@code
 * sentry-integration-log4j}) and of SLF4J 2 with Logback ({@code sentry-integration-logback}). The
 * options of this integration apply to every backend: one place to set the levels and the ignored
 * loggers.
 *
 * <p>A record at or above {@link #level() level} (default {@link Level#INFO info}) becomes a
 * breadcrumb of type {@code log}, category the logger's name, message the formatted text. A record
 * at or above {@link #eventLevel() eventLevel} (default {@link Level#ERROR error}) becomes an
 * event with {@code logger}, {@code logentry} (template, parameters, formatted text) and, when the
 * record carries a throwable, an exception with mechanism {@code logging}, {@code handled: true};
 * its breadcrumb is added after the event is captured, so an event never contains its own record.
 * Both thresholds are Sentry levels; a backend's levels are mapped first:
 *
 * <table>
 *   <caption>How log levels map to Sentry levels</caption>
 *   <tr><th>Sentry</th><th>{@code java.util.logging}</th><th>Log4j</th><th>Logback</th></tr>
 *   <tr><td>fatal</td><td>none</td><td>{@code FATAL}</td><td>none</td></tr>
 *   <tr><td>error</td><td>{@code SEVERE} (and above)</td><td>{@code ERROR}</td><td>{@code ERROR}</td></tr>
 *   <tr><td>warning</td><td>{@code WARNING}</td><td>{@code WARN}</td><td>{@code WARN}</td></tr>
 *   <tr><td>info</td><td>{@code INFO}</td><td>{@code INFO}</td><td>{@code INFO}</td></tr>
 *   <tr><td>debug</td><td>{@code CONFIG}, {@code FINE} and below</td><td>{@code DEBUG},
 *     {@code TRACE}</td><td>{@code DEBUG}, {@code TRACE}</td></tr>
 * </table>
 *
 * <p>Custom levels map by their numeric value to the nearest standard level below them. The
 * backend's own logger levels filter first: a record its logger does not log never arrives here.
 *
 * <p><b>What happens by itself.</b> The first {@code Sentry.init} that installs this integration
 * attaches a handler to the root logger of {@code java.util.logging}. It stays for the life of the
 * process and passes records straight through while the current client does not have this
 * integration or does not send. Reconfiguration does not switch it off: {@code LogManager.reset()}
 * and {@code readConfiguration()} (which remove and close every handler) put it back; each {@code
 * Sentry.init} checks again (a handler taken off in code with {@code removeHandler} stays off
 * until then). The Log4j and Logback integrations attach their appenders the same way, and report
 * only while the current client has both their integration and this one.
 *
 * <p><b>Limits.</b> Records of loggers that do not pass records to their parents' handlers (JUL's
 * {@code useParentHandlers=false}) do not reach the root, so they are not seen. An application
 * that bridges {@code java.util.logging} into Log4j Core with a handler on the JUL root logger has
 * its JUL records seen by both sides, so reported twice. The SLF4J bridge is handled: with {@code
 * jul-to-slf4j}'s handler on the JUL root and the Logback integration's appender on SLF4J's
 * provider, the JUL handler leaves records to the Logback appender.
 *
 * <p><b>Never captured.</b> Records of the loggers named {@code sentry} or {@code sentry.*} (the
 * SDK's own diagnostics); records logged while the thread is inside the SDK ({@link
 * sentry.api.Sentry#isInsideSdk()}), such as what a library logs while the SDK sends; records of
 * loggers that match an {@link #ignoreLogger(String) ignored pattern}. The hint of every
 * breadcrumb and event made from a {@code java.util.logging} record carries it under {@link
 * #LOG_RECORD}.
 *
 * <p>Instances are immutable and thread-safe; the {@code with…} methods and {@link
 * #ignoreLogger(String)} return new instances. Pass the one you configured to {@code
 * SentryOptions.addIntegration}; it replaces the discovered default.
 */
public final class LoggingIntegration implements Integration {
  /** The identifier, {@code "logging"}. */
  public static final String IDENTIFIER = "logging";

  /**
   * The hint key of the {@code java.util.logging} record a breadcrumb or an event was made from
   * (Python's {@code log_record}).
   */
  public static final Hint.Key<LogRecord> LOG_RECORD = new Hint.Key<>("log_record", LogRecord.class);

  private static final Pattern WILDCARD = Pattern.compile("\\*");

  private final Level level;
  private final Level eventLevel;
  private final LogLevel logLevel;
  private final List<String> ignored;
  private final Pattern ignoredNames;

  /** Makes the integration with the defaults: breadcrumbs from info, events from error. */
  public LoggingIntegration() {
    this(Level.INFO, Level.ERROR, LogLevel.INFO, List.of());
  }

  private LoggingIntegration(Level level, Level eventLevel, LogLevel logLevel, List<String> ignored) {
    this.level = level;
    this.eventLevel = eventLevel;
    this.logLevel = logLevel;
    this.ignored = List.copyOf(ignored);
    this.ignoredNames = ignored.isEmpty() ? null : compile(ignored);
  }

  /**
   * Returns an integration that makes breadcrumbs from records at or above a level.
   *
   * @param level the lowest level that makes a breadcrumb; null for no breadcrumbs
   * @return a new integration; this one is unchanged
   */
  public LoggingIntegration withLevel(Level level) {
    return new LoggingIntegration(level, eventLevel, logLevel, ignored);
  }

  /**
   * Returns an integration that makes events from records at or above a level.
   *
   * @param eventLevel the lowest level that makes an event; null for no events
   * @return a new integration; this one is unchanged
   */
  public LoggingIntegration withEventLevel(Level eventLevel) {
    return new LoggingIntegration(level, eventLevel, logLevel, ignored);
  }

  /**
   * Returns an integration that makes structured logs ({@code log} envelope items) from records
   * at or above a level, while the SDK's {@code enableLogs} option is on.
   *
   * @param logLevel the lowest level that makes a log (default {@link LogLevel#INFO}); null for
   *     no logs
   * @return a new integration; this one is unchanged
   */
  public LoggingIntegration withLogLevel(LogLevel logLevel) {
    return new LoggingIntegration(level, eventLevel, logLevel, ignored);
  }

  /**
   * Returns the lowest level that makes a structured log.
   *
   * @return the level, or empty when logs are off for this integration
   */
  public Optional<LogLevel> logLevel() {
    return Optional.ofNullable(logLevel);
  }

  /**
   * Tells whether a record of a level makes a structured log, {@code enableLogs} permitting.
   *
   * @param recordLevel the record's level, mapped to a log level
   * @return true when logs are on for this integration and the level is at or above {@link
   *     #logLevel()}
   */
  public boolean makesLog(LogLevel recordLevel) {
    return logLevel != null && recordLevel.isAtLeast(logLevel);
  }

  /**
   * Returns an integration that also leaves alone the loggers whose names match a pattern, in
   * which {@code *} stands for any run of characters ({@code "com.example.noisy.*"}, {@code
   * "*.Health"}); the rest must match exactly. A logger's name is matched with surrounding white
   * space removed, so {@code "  com.example.x "} matches {@code "com.example.x"}. The root
   * logger's name is the empty string.
   *
   * @param pattern the logger name pattern
   * @return a new integration; this one is unchanged
   * @throws IllegalArgumentException if {@code pattern} is null or blank
   */
  public LoggingIntegration ignoreLogger(String pattern) {
    if (pattern == null || pattern.isBlank()) {
      throw new IllegalArgumentException("ignoreLogger pattern \"" + pattern
          + "\" is blank: expected a logger name, with * for any characters");
    }
    List<String> patterns = new ArrayList<>(ignored);
    patterns.add(pattern);
    return new LoggingIntegration(level, eventLevel, logLevel, patterns);
  }

  /**
   * Returns the lowest level that makes a breadcrumb.
   *
   * @return the level, or empty when breadcrumbs are off
   */
  public Optional<Level> level() {
    return Optional.ofNullable(level);
  }

  /**
   * Returns the lowest level that makes an event.
   *
   * @return the level, or empty when events are off
   */
  public Optional<Level> eventLevel() {
    return Optional.ofNullable(eventLevel);
  }

  /**
   * Returns the patterns of the loggers left alone, as given to {@link #ignoreLogger(String)}.
   *
   * @return the patterns, unmodifiable
   */
  public List<String> ignoredLoggers() {
    return ignored;
  }

  /**
   * Tells whether a record of a level makes a breadcrumb.
   *
   * @param recordLevel the record's level, mapped to a Sentry level
   * @return true when breadcrumbs are on and the level is at or above {@link #level()}
   */
  public boolean makesBreadcrumb(Level recordLevel) {
    return level != null && recordLevel.compareTo(level) <= 0;
  }

  /**
   * Tells whether a record of a level makes an event.
   *
   * @param recordLevel the record's level, mapped to a Sentry level
   * @return true when events are on and the level is at or above {@link #eventLevel()}
   */
  public boolean makesEvent(Level recordLevel) {
    return eventLevel != null && recordLevel.compareTo(eventLevel) <= 0;
  }

  /**
   * Tells whether records of a logger are left alone: the SDK's own loggers ({@code sentry} and
   * {@code sentry.*}) and those matching an {@link #ignoreLogger(String) ignored pattern}.
   *
   * @param loggerName the logger's name, compared with surrounding white space removed (as
   *     Python does); null is taken as the root logger's, the empty string
   * @return true when the logger's records are never captured
   */
  public boolean isIgnored(String loggerName) {
    String name = loggerName == null ? "" : loggerName.strip();
    if (name.startsWith("sentry") && (name.length() == 6 || name.charAt(6) == '.')) {
      return true;
    }
    return ignoredNames != null && ignoredNames.matcher(name).matches();
  }

  /**
   * Returns the identifier.
   *
   * @return {@value #IDENTIFIER}
   */
  @Override
  public String identifier() {
    return IDENTIFIER;
  }

  /** Attaches the {@code java.util.logging} handler; once per process. */
  @Override
  public void setupOnce() {
    JulHandler.watchConfiguration();
  }

  /**
   * Checks that the handler is still attached and puts it back if not.
   *
   * @param context unused: the handler finds this integration through the current hub's client
   */
  @Override
  public void register(IntegrationContext context) {
    JulHandler.attach();
  }

  @Override
  public String toString() {
    return "LoggingIntegration[level " + level + ", eventLevel " + eventLevel + ", logLevel " + logLevel
        + ", ignored " + ignored + "]";
  }

  private static Pattern compile(List<String> patterns) {
    StringBuilder regex = new StringBuilder();
    for (String pattern : patterns) {
      regex.append(regex.length() == 0 ? "(?:" : "|(?:");
      String[] literals = WILDCARD.split(pattern, -1);
      for (int i = 0; i < literals.length; i++) {
        if (i > 0) {
          regex.append(".*");
        }
        if (!literals[i].isEmpty()) {
          regex.append(Pattern.quote(literals[i]));
        }
      }
      regex.append(')');
    }
    return Pattern.compile(regex.toString(), Pattern.DOTALL);
  }
}
