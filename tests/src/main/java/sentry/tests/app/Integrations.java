package sentry.tests.app;

import java.time.Duration;
import sentry.api.Sentry;

/**
 * Initialises the SDK (the DSN and the integration options from system properties), adding the
 * integrations named by the arguments as explicit instances (see {@link Explicit}), captures a
 * message, flushes and closes. The event's {@code sdk.integrations} tells which integrations were
 * installed. Exits with 3 when flushing timed out.
 */
public final class Integrations {
  private Integrations() {}

  /**
   * Runs the scenario.
   *
   * @param args names of integrations to construct and add explicitly; none for discovery alone
   */
  public static void main(String[] args) {
    Sentry.init(options -> Explicit.add(options, args));
    Sentry.captureMessage("integrations scenario");
    boolean flushed = Sentry.flush(Duration.ofSeconds(20));
    Sentry.close();
    if (!flushed) {
      System.exit(3);
    }
  }
}
