package sentry.tests.app;

import java.time.Duration;
import sentry.api.Sentry;

/**
 * Initialises the SDK where no DSN is configured (or an empty one), then captures, flushes and
 * closes: nothing must be sent and nothing printed. Exits with 3 when the SDK says it is enabled
 * all the same, with 4 when a capture returned a real event id.
 */
public final class NoDsn {
  private NoDsn() {}

  /**
   * Runs the scenario.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    Sentry.init();
    boolean enabled = Sentry.isEnabled();
    boolean queued = !Sentry.captureException(new IllegalStateException("no dsn scenario")).isEmpty();
    queued |= !Sentry.captureMessage("no dsn message").isEmpty();
    Sentry.flush(Duration.ofSeconds(5));
    Sentry.close();
    if (enabled) {
      System.exit(3);
    }
    if (queued) {
      System.exit(4);
    }
  }
}
