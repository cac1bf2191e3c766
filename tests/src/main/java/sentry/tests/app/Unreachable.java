package sentry.tests.app;

import java.time.Duration;
import sentry.api.Sentry;

/**
 * Initialises the SDK (the DSN from {@code -Dsentry.dsn}, meant to point at a closed port) and
 * captures two messages, printing {@code captured <event id>} for each. With the argument {@code
 * flush} it flushes before {@code main} returns, so the SDK's worker fails to send while the JVM
 * runs; without it, {@code main} returns at once and the worker fails during the exit flush of the
 * atexit integration. Nothing here closes the SDK.
 */
public final class Unreachable {
  private Unreachable() {}

  /**
   * Runs the scenario.
   *
   * @param args {@code flush} to flush before returning
   */
  public static void main(String[] args) {
    Sentry.init();
    System.out.println("captured " + Sentry.captureMessage("first unreachable message"));
    System.out.println("captured " + Sentry.captureMessage("second unreachable message"));
    if (args.length > 0 && args[0].equals("flush")) {
      Sentry.flush(Duration.ofSeconds(10));
      System.out.println("flushed");
    }
  }
}
