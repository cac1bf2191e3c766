package sentry.tests.app;

import java.time.Duration;
import sentry.api.Sentry;

/**
 * Initialises the SDK with a {@code beforeSend} that throws, then captures a message: the SDK
 * must drop that event and say why through the application's logging back end.
 */
public final class BrokenCallback {
  private BrokenCallback() {}

  /**
   * Runs the scenario.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    Sentry.init(options -> options.setBeforeSend((event, hint) -> {
      throw new IllegalStateException("broken on purpose");
    }));
    Sentry.captureMessage("never sent");
    Sentry.flush(Duration.ofSeconds(5));
    Sentry.close();
  }
}
