package sentry.core;

import java.util.UUID;

/**
 * The trace id of a structured log handed to the client directly, with no scope to take one from:
 * one random id per process. A log captured through a hub (as the logging integration and {@code
 * Sentry.logger()} capture them) is in that hub's scope's trace instead.
 */
final class ProcessTrace {
  /** 32 lower-case hex digits, fixed for the life of the process. */
  static final String ID = UUID.randomUUID().toString().replace("-", "");

  private ProcessTrace() {}

  /**
   * Returns the trace id of a log captured now, on the logging thread.
   *
   * @return 32 hex digits
   */
  static String current() {
    return ID;
  }
}
