package sentry.tests.app;

import java.time.Duration;
import java.util.logging.Logger;
import sentry.api.Sentry;

/**
 * Captures a message, logs a record without a throwable through {@code java.util.logging} and
 * captures an exception, each from a method of its own, then flushes and closes; run with {@code
 * sentry.attach-stacktrace=true} the first two carry the stack that ends in that method. Exits with
 * 3 when flushing timed out.
 */
public final class StackTrace {
  private StackTrace() {}

  /**
   * Runs the scenario.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    Sentry.init();
    reportFromHere();
    logFromHere();
    throwFromHere();
    boolean flushed = Sentry.flush(Duration.ofSeconds(20));
    Sentry.close();
    if (!flushed) {
      System.exit(3);
    }
  }

  private static void reportFromHere() {
    Sentry.captureMessage("a message with a stack");
  }

  private static void logFromHere() {
    Logger.getLogger("app.stack").severe("a log record with a stack");
  }

  private static void throwFromHere() {
    Sentry.captureException(new IllegalStateException("an exception, its own stack only"));
  }
}
