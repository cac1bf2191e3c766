package sentry.tests.app;

import java.time.Duration;
import sentry.api.Sentry;

/**
 * Initialises the SDK (the DSN from {@code -Dsentry.dsn} or {@code SENTRY_DSN}), captures an
 * exception and a message, flushes and closes, printing nothing: the test proves that the SDK
 * prints nothing either. Exits with 3 when flushing timed out.
 */
public final class Quiet {
  private Quiet() {}

  /**
   * Runs the scenario.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    Sentry.init();
    Sentry.captureException(new IllegalStateException("quiet scenario"));
    Sentry.captureMessage("quiet message");
    boolean flushed = Sentry.flush(Duration.ofSeconds(20));
    Sentry.close();
    if (!flushed) {
      System.exit(3);
    }
  }
}
