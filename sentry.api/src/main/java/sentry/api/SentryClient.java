package sentry.api;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A configured client: the options, the installed integrations and the delivery queue. Hubs send
 * through their client; integrations use it to find their own active instance and to flush.
 * Thread-safe.
 */
public interface SentryClient {
  /**
   * Tells whether the client sends events (it has a DSN and has not been closed).
   *
   * @return true when events are sent
   */
  boolean isEnabled();

  /**
   * Returns the options the client was made with; do not change them.
   *
   * @return the options
   */
  SentryOptions options();

  /**
   * Returns the installed integration of a type, so that a process-wide hook can tell whether
   * the current client has it and read its options.
   *
   * @param type the integration's class
   * @param <T> the integration's type
   * @return the installed instance, or empty when this client does not have it
   * @throws NullPointerException when {@code type} is null
   */
  <T extends Integration> Optional<T> integration(Class<T> type);

  /**
   * Returns the host of the DSN, so that HTTP integrations can leave the SDK's own requests out.
   *
   * @return the host, or empty when there is no DSN
   */
  Optional<String> dsnHost();

  /**
   * Returns how many events are queued or being sent.
   *
   * @return the number of pending events
   */
  int pendingEvents();

  /**
   * Waits until every pending event has been sent, or until the timeout passes.
   *
   * @param timeout how long to wait at most
   * @return true when nothing is pending any more
   * @throws NullPointerException when {@code timeout} is null
   */
  boolean flush(Duration timeout);

  /**
   * Returns the deadline by which the process may finish sending at shutdown: fixed at the first
   * call to now plus the shutdown timeout, and the same for every later call, so that several
   * shutdown paths (an uncaught exception, then the shutdown hook) share one wait.
   *
   * @return the shutdown deadline
   */
  Instant shutdownDeadline();

  /**
   * Tells whether this client sends structured logs ({@link SentryOptions#isEnableLogs()} on a
   * client that sends), so that integrations skip making logs that would be thrown away.
   *
   * @return true when {@link #captureLog(SentryLog)} sends; false by default
   */
  default boolean isLogEnabled() {
    return false;
  }

  /**
   * Queues a structured log to be sent in a batch; never blocks, never throws. A log that does not
   * fit the buffer, or that {@code beforeSendLog} drops, is counted in client reports (category
   * {@code log_item}). Does nothing by default, or when {@link #isLogEnabled()} is false.
   *
   * @param log the log
   */
  default void captureLog(@Nullable SentryLog log) {}
}
