package sentry.integration.atexit;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;

/** The default message of the shutdown hook: what is pending and how long the JVM will wait. */
final class ShutdownMessage {
  private ShutdownMessage() {}

  /**
   * Writes the message to stderr. One of the few places in the SDK that print: the message is
   * meant for whoever watches the process exit, as Python's SDK prints it.
   */
  static void print(int pendingEvents, Duration timeout) {
    PrintStream err = System.err;
    for (String line : lines(pendingEvents, timeout)) {
      err.println(line);
    }
    err.flush();
  }

  /** The lines of the message, without line separators. */
  static String[] lines(int pendingEvents, Duration timeout) {
    return new String[] {
      "Sentry is attempting to send " + pendingEvents + " pending events",
      "Waiting up to " + seconds(timeout) + " seconds",
    };
  }

  /**
   * Formats a duration in seconds, rounded up to a tenth so that "up to" stays true: 2 s is
   * {@code "2"}, 1.9 s is {@code "1.9"}, 1.901 s is {@code "2"}.
   */
  static String seconds(Duration timeout) {
    BigDecimal seconds = BigDecimal.valueOf(Math.max(0, timeout.toMillis()), 3)
        .setScale(1, RoundingMode.CEILING)
        .stripTrailingZeros();
    return seconds.scale() < 0 ? seconds.setScale(0).toPlainString() : seconds.toPlainString();
  }
}
