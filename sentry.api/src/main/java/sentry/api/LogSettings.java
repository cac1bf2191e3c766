package sentry.api;

/** The options of structured logs: on or off, the callback, the buffer. */
final class LogSettings {
  boolean enableLogs;
  SentryOptions.BeforeSendLogCallback beforeSendLog;
  int maxLogQueueSize = 1000;

  /** A copy of these values. */
  LogSettings copy() {
    LogSettings copy = new LogSettings();
    copy.enableLogs = enableLogs;
    copy.beforeSendLog = beforeSendLog;
    copy.maxLogQueueSize = maxLogQueueSize;
    return copy;
  }
}
