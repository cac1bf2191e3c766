package sentry.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A structured log on its way to Sentry (a {@code log} envelope item): what a logging integration
 * or {@link Sentry#logger()} hands to the client, and what {@link
 * SentryOptions#setBeforeSendLog(SentryOptions.BeforeSendLogCallback) beforeSendLog} sees. The
 * client adds the trace id, release, environment and SDK attributes when it sends it.
 *
 * @param timestamp when it was logged
 * @param level its severity
 * @param body the formatted message
 * @param template the message template (the log's {@code sentry.message.template}), or null when
 *     the message had no parameters
 * @param parameters the template's parameters as JSON values (strings, numbers, booleans), each
 *     sent as {@code sentry.message.parameter.N}; empty for none
 * @param loggerName the logger's name ({@code logger.name}), or null
 * @param threadName the name of the thread that logged ({@code thread.name}), or null
 * @param origin what made it ({@code sentry.origin}, such as {@code auto.logging.logback}), or
 *     null for {@code manual}
 * @param attributes more attributes: keys to strings, booleans, whole numbers ({@code Integer},
 *     {@code Long}) or floating-point numbers; other values are sent as their {@code toString()};
 *     empty for none
 */
public record SentryLog(Instant timestamp, LogLevel level, String body, String template, List<Object> parameters,
    String loggerName, String threadName, String origin, Map<String, Object> attributes) {
  /**
   * Checks and copies the components.
   *
   * @param timestamp when it was logged
   * @param level its severity
   * @param body the formatted message
   * @param template the message template, or null
   * @param parameters the template's parameters; null for none
   * @param loggerName the logger's name, or null
   * @param threadName the thread's name, or null
   * @param origin what made it, or null
   * @param attributes more attributes; null for none
   * @throws NullPointerException if {@code timestamp}, {@code level} or {@code body} is null
   */
  public SentryLog {
    java.util.Objects.requireNonNull(timestamp, "timestamp");
    java.util.Objects.requireNonNull(level, "level");
    java.util.Objects.requireNonNull(body, "body");
    parameters = parameters == null || parameters.isEmpty() ? List.of()
        : hasNull(parameters) ? java.util.Collections.unmodifiableList(new java.util.ArrayList<>(parameters))
        : List.copyOf(parameters);
    attributes = attributes == null || attributes.isEmpty() ? Map.of()
        : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(attributes));
  }

  // List.contains(null) throws on the JDK's immutable lists.
  private static boolean hasNull(List<Object> values) {
    for (Object value : values) {
      if (value == null) {
        return true;
      }
    }
    return false;
  }

  /**
   * Returns this log with another body, for {@code beforeSendLog}.
   *
   * @param newBody the body
   * @return a new log
   */
  public SentryLog withBody(String newBody) {
    return new SentryLog(timestamp, level, newBody, template, parameters, loggerName, threadName, origin, attributes);
  }

  /**
   * Returns this log with other attributes, for {@code beforeSendLog}.
   *
   * @param newAttributes the attributes that replace {@link #attributes()}
   * @return a new log
   */
  public SentryLog withAttributes(Map<String, Object> newAttributes) {
    return new SentryLog(timestamp, level, body, template, parameters, loggerName, threadName, origin, newAttributes);
  }
}
