package sentry.api;

/**
 * The severity of a structured log ({@link SentryLog}), as Sentry's log protocol names it, with
 * its OpenTelemetry severity number.
 */
public enum LogLevel {
  /** Fine-grained debugging; severity number 1. */
  TRACE("trace", 1),
  /** Debugging; severity number 5. */
  DEBUG("debug", 5),
  /** Information; severity number 9. */
  INFO("info", 9),
  /** A warning; severity number 13. */
  WARN("warn", 13),
  /** An error; severity number 17. */
  ERROR("error", 17),
  /** A fatal error; severity number 21. */
  FATAL("fatal", 21);

  private final String protocolName;
  private final int severityNumber;

  LogLevel(String protocolName, int severityNumber) {
    this.protocolName = protocolName;
    this.severityNumber = severityNumber;
  }

  /**
   * Returns the name on the wire, the log's {@code level}.
   *
   * @return {@code trace}, {@code debug}, {@code info}, {@code warn}, {@code error} or {@code fatal}
   */
  public String protocolName() {
    return protocolName;
  }

  /**
   * Returns the log's {@code severity_number}: the lowest of the OpenTelemetry range of the level.
   *
   * @return 1, 5, 9, 13, 17 or 21
   */
  public int severityNumber() {
    return severityNumber;
  }

  /**
   * Tells whether this level is at or above another.
   *
   * @param threshold the other level
   * @return true when this level is as severe as {@code threshold} or more
   */
  public boolean isAtLeast(LogLevel threshold) {
    return compareTo(threshold) >= 0;
  }
}
