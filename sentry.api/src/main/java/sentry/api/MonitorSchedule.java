package sentry.api;

import java.util.Locale;
import java.util.Objects;

/**
 * When a cron monitor's job runs: a crontab expression or a fixed interval.
 *
 * <pre>{@code
 * MonitorSchedule.crontab("0 3 * * *");
 * MonitorSchedule.interval(10, MonitorSchedule.Unit.MINUTE);
 * }</pre>
 */
public sealed interface MonitorSchedule {
  /**
   * Makes a crontab schedule.
   *
   * @param expression the expression, such as {@code "0 * * * *"}; never null or blank
   * @return the schedule
   */
  static MonitorSchedule crontab(String expression) {
    return new Crontab(expression);
  }

  /**
   * Makes an interval schedule.
   *
   * @param value how many units between runs, at least one
   * @param unit the unit; never null
   * @return the schedule
   */
  static MonitorSchedule interval(int value, Unit unit) {
    return new Interval(value, unit);
  }

  /**
   * A crontab schedule ({@code "type": "crontab"}).
   *
   * @param expression the crontab expression; never null or blank
   */
  record Crontab(String expression) implements MonitorSchedule {
    /**
     * Checks the expression.
     *
     * @param expression the crontab expression; never null or blank
     * @throws IllegalArgumentException if it is blank
     */
    public Crontab {
      Objects.requireNonNull(expression, "expression");
      if (expression.isBlank()) {
        throw new IllegalArgumentException("crontab schedule is blank: expected an expression such as \"0 * * * *\"");
      }
    }
  }

  /**
   * An interval schedule ({@code "type": "interval"}).
   *
   * @param value how many units between runs, at least one
   * @param unit the unit; never null
   */
  record Interval(int value, Unit unit) implements MonitorSchedule {
    /**
     * Checks the interval.
     *
     * @param value how many units between runs, at least one
     * @param unit the unit; never null
     * @throws IllegalArgumentException if {@code value} is below one
     */
    public Interval {
      Objects.requireNonNull(unit, "unit");
      if (value < 1) {
        throw new IllegalArgumentException("interval schedule value " + value + " is below 1");
      }
    }
  }

  /** The units of an interval schedule; Sentry's smallest is the minute. */
  enum Unit {
    /** Minutes. */
    MINUTE,
    /** Hours. */
    HOUR,
    /** Days. */
    DAY,
    /** Weeks. */
    WEEK,
    /** Months. */
    MONTH,
    /** Years. */
    YEAR;

    /**
     * Returns the unit as the protocol spells it.
     *
     * @return such as {@code "minute"}
     */
    public String protocolName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
