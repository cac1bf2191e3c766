package sentry.core.delivery;

import java.time.Duration;
import sentry.core.accounting.ClientReportWriter;
import sentry.core.outbox.OutboxSettings;

/**
 * What the dispatcher does besides sending: client reports, the offline outbox and its retries.
 *
 * @param clientReportWriter writes client reports; null sends none
 * @param outbox where and how much the offline outbox keeps; null keeps everything in memory and
 *     touches no disk
 * @param retryBase the first delay before the outbox's backlog is tried again after a failure
 * @param retryCap the longest delay between two tries
 */
public record DispatchSettings(ClientReportWriter clientReportWriter, OutboxSettings outbox, Duration retryBase,
    Duration retryCap) {
  /** The first delay before a retry: one second. */
  public static final Duration DEFAULT_RETRY_BASE = Duration.ofSeconds(1);
  /**
   * The longest delay between retries: one minute, so that events reach Sentry within a minute of
   * its coming back even when no new event comes to show that it has.
   */
  public static final Duration DEFAULT_RETRY_CAP = Duration.ofMinutes(1);

  /**
   * Checks the settings.
   *
   * @param clientReportWriter writes client reports; null sends none
   * @param outbox where and how much the offline outbox keeps; null for none
   * @param retryBase the first delay before a retry, from 1 ms to {@code retryCap}
   * @param retryCap the longest delay between two tries, at most a day
   * @throws IllegalArgumentException if a delay is out of range
   */
  public DispatchSettings {
    if (retryBase == null || retryCap == null || retryBase.toMillis() < 1 || retryCap.compareTo(retryBase) < 0
        || retryCap.compareTo(Duration.ofDays(1)) > 0) {
      throw new IllegalArgumentException("retry delays " + retryBase + " to " + retryCap
          + ": expected 1 ms <= base <= cap <= 1 day");
    }
  }

  /**
   * Returns settings with the default retry delays.
   *
   * @param clientReportWriter writes client reports; null sends none
   * @param outbox the outbox; null for none
   * @return the settings
   */
  public static DispatchSettings of(ClientReportWriter clientReportWriter, OutboxSettings outbox) {
    return new DispatchSettings(clientReportWriter, outbox, DEFAULT_RETRY_BASE, DEFAULT_RETRY_CAP);
  }

  /**
   * Returns settings for sending only: no client reports, no outbox.
   *
   * @return the settings
   */
  public static DispatchSettings sendOnly() {
    return of(null, null);
  }
}
