package sentry.core;

import java.util.UUID;

/**
 * The trace id of structured logs until scopes carry a trace (propagation, issue 15): one random
 * id per process, the one place to replace with the current scope's trace id.
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
