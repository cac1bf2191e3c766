package sentry.tests.app;

import sentry.api.Sentry;

/**
 * Initialises the SDK (adding the integrations named by the arguments as explicit instances, see
 * {@link Explicit}), captures a message and returns from {@code main} without flushing or closing:
 * whatever is still pending is left to the shutdown hook of the atexit integration.
 */
public final class Pending {
  private Pending() {}

  /**
   * Runs the scenario.
   *
   * @param args names of integrations to construct and add explicitly; none for discovery alone
   */
  public static void main(String[] args) {
    Sentry.init(options -> Explicit.add(options, args));
    Sentry.captureMessage("pending at exit");
  }
}
