package sentry.tests.app;

import java.time.Duration;
import sentry.api.Sentry;

/**
 * Captures one throwable twice, then a wrapper whose cause is that throwable, then flushes and
 * closes. With the dedupe integration only the first capture is sent. Prints {@code captured
 * <kind> <event id>} for each capture; exits with 3 when flushing timed out.
 */
public final class Dedupe {
  private Dedupe() {}

  /**
   * Runs the scenario.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    Sentry.init();
    IllegalStateException error = new IllegalStateException("captured three times");
    System.out.println("captured first " + Sentry.captureException(error));
    System.out.println("captured again " + Sentry.captureException(error));
    System.out.println("captured wrapper "
        + Sentry.captureException(new RuntimeException("wrapped", error)));
    boolean flushed = Sentry.flush(Duration.ofSeconds(20));
    Sentry.close();
    if (!flushed) {
      System.exit(3);
    }
  }
}
