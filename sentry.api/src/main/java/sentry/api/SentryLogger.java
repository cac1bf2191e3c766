package sentry.api;

/**
 * Sends structured logs to Sentry without a logging framework: {@code
 * Sentry.logger().info("order %s paid", id)}. The template is formatted as {@link
 * String#format(String, Object...)} does (in {@link java.util.Locale#ROOT}); the template and the
 * arguments are sent as attributes too. Logs are sent only when {@link
 * SentryOptions#setEnableLogs(boolean) enableLogs} is on; otherwise, and without {@code
 * sentry.core}, every call does nothing. Calls never throw and never block on the network.
 * Thread-safe.
 */
public interface SentryLogger {
  /**
   * Logs at a level.
   *
   * @param level the level
   * @param template the message, with {@code %s}-style placeholders for the arguments
   * @param arguments the arguments, or none
   */
  void log(LogLevel level, String template, Object... arguments);

  /**
   * Logs at {@link LogLevel#TRACE}.
   *
   * @param template the message, with {@code %s}-style placeholders
   * @param arguments the arguments
   */
  default void trace(String template, Object... arguments) {
    log(LogLevel.TRACE, template, arguments);
  }

  /**
   * Logs at {@link LogLevel#DEBUG}.
   *
   * @param template the message, with {@code %s}-style placeholders
   * @param arguments the arguments
   */
  default void debug(String template, Object... arguments) {
    log(LogLevel.DEBUG, template, arguments);
  }

  /**
   * Logs at {@link LogLevel#INFO}.
   *
   * @param template the message, with {@code %s}-style placeholders
   * @param arguments the arguments
   */
  default void info(String template, Object... arguments) {
    log(LogLevel.INFO, template, arguments);
  }

  /**
   * Logs at {@link LogLevel#WARN}.
   *
   * @param template the message, with {@code %s}-style placeholders
   * @param arguments the arguments
   */
  default void warn(String template, Object... arguments) {
    log(LogLevel.WARN, template, arguments);
  }

  /**
   * Logs at {@link LogLevel#ERROR}.
   *
   * @param template the message, with {@code %s}-style placeholders
   * @param arguments the arguments
   */
  default void error(String template, Object... arguments) {
    log(LogLevel.ERROR, template, arguments);
  }

  /**
   * Logs at {@link LogLevel#FATAL}.
   *
   * @param template the message, with {@code %s}-style placeholders
   * @param arguments the arguments
   */
  default void fatal(String template, Object... arguments) {
    log(LogLevel.FATAL, template, arguments);
  }
}
