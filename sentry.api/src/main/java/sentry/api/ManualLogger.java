package sentry.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.IllegalFormatException;
import java.util.List;
import java.util.Locale;

/** The {@link SentryLogger} of {@link Sentry#logger()}: hands logs to the current hub. */
final class ManualLogger implements SentryLogger {
  static final ManualLogger INSTANCE = new ManualLogger();

  private ManualLogger() {}

  @Override
  public void log(LogLevel level, String template, Object... arguments) {
    if (level == null || template == null || Sentry.isInsideSdk()) {
      return;
    }
    try {
      Hub hub = Hub.current();
      if (!hub.client().isLogEnabled()) {
        return;
      }
      boolean parameters = arguments != null && arguments.length > 0;
      hub.captureLog(new SentryLog(Instant.now(), level, parameters ? format(template, arguments) : template,
          parameters ? template : null, parameters ? values(arguments) : List.of(), null,
          Thread.currentThread().getName(), "manual", null));
    } catch (RuntimeException e) {
      // Logging must never fail because of Sentry.
    }
  }

  private static String format(String template, Object[] arguments) {
    try {
      return String.format(Locale.ROOT, template, arguments);
    } catch (IllegalFormatException e) {
      return template;
    }
  }

  /** Strings, booleans and numbers as they are, anything else as its text now (it may change). */
  private static List<Object> values(Object[] arguments) {
    List<Object> values = new ArrayList<>(arguments.length);
    for (Object argument : arguments) {
      values.add(argument == null || argument instanceof String || argument instanceof Boolean
          || argument instanceof Integer || argument instanceof Long || argument instanceof Double
          || argument instanceof Float || argument instanceof Short || argument instanceof Byte
          ? argument : String.valueOf(argument));
    }
    return values;
  }
}
