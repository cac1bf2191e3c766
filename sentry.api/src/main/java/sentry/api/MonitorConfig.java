package sentry.api;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;

/**
 * How a cron monitor is scheduled, sent with a check-in so that Sentry creates the monitor or
 * updates it (an upsert). Immutable.
 *
 * @param schedule when the job runs; never null
 * @param checkinMargin how late a check-in may come before the run counts as missed; null for
 *     Sentry's default; else whole minutes, at least one
 * @param maxRuntime how long a run may stay in progress before it counts as failed; null for
 *     Sentry's default; else whole minutes, at least one
 * @param timezone the time zone of a crontab schedule; null for Sentry's default (UTC)
 */
public record MonitorConfig(MonitorSchedule schedule, Duration checkinMargin, Duration maxRuntime,
    ZoneId timezone) {

  /**
   * Checks the values.
   *
   * @param schedule when the job runs; never null
   * @param checkinMargin the margin, or null; whole minutes, at least one
   * @param maxRuntime the longest run, or null; whole minutes, at least one
   * @param timezone the time zone, or null
   * @throws NullPointerException if {@code schedule} is null
   * @throws IllegalArgumentException if a duration is not a positive number of whole minutes
   */
  public MonitorConfig {
    Objects.requireNonNull(schedule, "schedule");
    checkMinutes("checkinMargin", checkinMargin);
    checkMinutes("maxRuntime", maxRuntime);
  }

  /**
   * Makes a configuration with a schedule and Sentry's defaults for the rest.
   *
   * @param schedule when the job runs; never null
   * @return the configuration
   */
  public static MonitorConfig of(MonitorSchedule schedule) {
    return new MonitorConfig(schedule, null, null, null);
  }

  /**
   * Returns this configuration with a check-in margin.
   *
   * @param margin whole minutes, at least one; null for Sentry's default
   * @return a new configuration; this one is unchanged
   * @throws IllegalArgumentException if the margin is not a positive number of whole minutes
   */
  public MonitorConfig withCheckinMargin(Duration margin) {
    return new MonitorConfig(schedule, margin, maxRuntime, timezone);
  }

  /**
   * Returns this configuration with a longest run.
   *
   * @param runtime whole minutes, at least one; null for Sentry's default
   * @return a new configuration; this one is unchanged
   * @throws IllegalArgumentException if the runtime is not a positive number of whole minutes
   */
  public MonitorConfig withMaxRuntime(Duration runtime) {
    return new MonitorConfig(schedule, checkinMargin, runtime, timezone);
  }

  /**
   * Returns this configuration with the time zone of its crontab schedule.
   *
   * @param zone the zone, such as {@code ZoneId.of("Europe/Vienna")}; null for UTC
   * @return a new configuration; this one is unchanged
   */
  public MonitorConfig withTimezone(ZoneId zone) {
    return new MonitorConfig(schedule, checkinMargin, maxRuntime, zone);
  }

  private static void checkMinutes(String name, Duration value) {
    if (value != null && (value.toMinutes() < 1 || !value.equals(Duration.ofMinutes(value.toMinutes())))) {
      throw new IllegalArgumentException("monitor config " + name + " " + value
          + " is not a positive number of whole minutes: Sentry counts it in minutes");
    }
  }
}
