package sentry.api;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * A check-in of a cron monitor: a scheduled job tells Sentry that a run started ({@link
 * Status#IN_PROGRESS}) and how it ended ({@link Status#OK} or {@link Status#ERROR}), under the same
 * {@link #checkInId()}, so that Sentry can tell a missed, failed or overrunning job. Sent with
 * {@link Sentry#captureCheckIn(CheckIn)} as a {@code check_in} envelope item; sampling never drops
 * one, and a dropped one is counted in client reports under the data category {@code monitor}.
 *
 * <pre>{@code
 * CheckIn started = CheckIn.inProgress("nightly-report");
 * Sentry.captureCheckIn(started);
 * long t0 = System.nanoTime();
 * runReport();
 * Sentry.captureCheckIn(started.finish(CheckIn.Status.OK, Duration.ofNanos(System.nanoTime() - t0)));
 * }</pre>
 *
 * <p>Release and environment come from the SDK's options when the check-in is sent. Immutable.
 *
 * @param checkInId the check-in's id, made by the client; the in-progress check-in and the one that
 *     finishes it share it. Never null
 * @param monitorSlug the monitor's slug, as in Sentry; never null or blank
 * @param status the status; never null
 * @param duration how long the run took, for {@code OK} and {@code ERROR}; null when unknown or
 *     for {@code IN_PROGRESS}; never negative
 * @param monitorConfig the monitor's schedule and thresholds, which create or update the monitor
 *     in Sentry (an upsert); null to leave the monitor as Sentry has it
 * @param traceId the trace that links the check-in to the errors of its run ({@code
 *     contexts.trace.trace_id}); null to take the trace id of the capturing scope's {@code trace}
 *     context, if it has one
 */
public record CheckIn(SentryId checkInId, String monitorSlug, Status status, Duration duration,
    MonitorConfig monitorConfig, SentryId traceId) {

  /**
   * Checks the values.
   *
   * @param checkInId the check-in's id; never null
   * @param monitorSlug the monitor's slug; never null or blank
   * @param status the status; never null
   * @param duration how long the run took, or null; never negative
   * @param monitorConfig the monitor's configuration to upsert, or null
   * @param traceId the trace id, or null
   * @throws NullPointerException if {@code checkInId}, {@code monitorSlug} or {@code status} is null
   * @throws IllegalArgumentException if the slug is blank or the duration negative
   */
  public CheckIn {
    Objects.requireNonNull(checkInId, "checkInId");
    Objects.requireNonNull(monitorSlug, "monitorSlug");
    Objects.requireNonNull(status, "status");
    if (monitorSlug.isBlank()) {
      throw new IllegalArgumentException("monitor slug \"" + monitorSlug + "\" is blank: expected the"
          + " monitor's slug, such as \"nightly-report\"");
    }
    if (duration != null && duration.isNegative()) {
      throw new IllegalArgumentException("check-in duration " + duration + " is negative");
    }
  }

  /**
   * Makes the check-in that starts a run: a new random id, {@link Status#IN_PROGRESS}.
   *
   * @param monitorSlug the monitor's slug; never null or blank
   * @return the check-in
   */
  public static CheckIn inProgress(String monitorSlug) {
    return new CheckIn(SentryId.random(), monitorSlug, Status.IN_PROGRESS, null, null, null);
  }

  /**
   * Makes the check-in that ends this run: the same id, slug and trace, the given status and
   * duration, and no monitor configuration (it went with the first check-in).
   *
   * @param status how the run ended, usually {@code OK} or {@code ERROR}; never null
   * @param duration how long it took, or null when unknown
   * @return the check-in
   */
  public CheckIn finish(Status status, Duration duration) {
    return new CheckIn(checkInId, monitorSlug, status, duration, null, traceId);
  }

  /**
   * Returns this check-in with a monitor configuration to upsert.
   *
   * @param config the configuration, or null for none
   * @return a new check-in; this one is unchanged
   */
  public CheckIn withMonitorConfig(MonitorConfig config) {
    return new CheckIn(checkInId, monitorSlug, status, duration, config, traceId);
  }

  /**
   * Returns this check-in linked to a trace.
   *
   * @param traceId the trace id, or null to take the capturing scope's
   * @return a new check-in; this one is unchanged
   */
  public CheckIn withTraceId(SentryId traceId) {
    return new CheckIn(checkInId, monitorSlug, status, duration, monitorConfig, traceId);
  }

  /** The status of a check-in. */
  public enum Status {
    /** The run has started. */
    IN_PROGRESS,
    /** The run ended successfully. */
    OK,
    /** The run failed. */
    ERROR;

    /**
     * Returns the status as the protocol spells it.
     *
     * @return {@code "in_progress"}, {@code "ok"} or {@code "error"}
     */
    public String protocolName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
