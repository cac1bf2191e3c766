package sentry.tests.app;

import java.time.Duration;
import sentry.api.Sentry;

/**
 * Initialises the SDK with the modules integration constructed to wait up to 10 s for its list
 * (see {@link Explicit}), captures one message, flushes and closes; the arguments are there to be
 * seen in the event's {@code extra["sys.argv"]}. Exits with 3 when flushing timed out.
 */
public final class Argv {
  private Argv() {}

  /**
   * Runs the scenario.
   *
   * @param args any; they show up in the event
   */
  public static void main(String[] args) {
    Sentry.init(options -> Explicit.add(options, "modules-wait"));
    Sentry.captureMessage("argv scenario");
    boolean flushed = Sentry.flush(Duration.ofSeconds(20));
    Sentry.close();
    if (!flushed) {
      System.exit(3);
    }
  }
}
