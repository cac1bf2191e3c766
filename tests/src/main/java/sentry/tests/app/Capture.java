package sentry.tests.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import sentry.api.Breadcrumb;
import sentry.api.Level;
import sentry.api.Sentry;
import sentry.api.SentryId;
import sentry.api.User;

/**
 * Initialises the SDK from system properties and the environment (the DSN comes from {@code
 * -Dsentry.dsn} or {@code SENTRY_DSN}), sets a tag, a user and a breadcrumb, captures an exception
 * with three causes and a message, then flushes and closes.
 *
 * <p>Prints one marker line per capture, {@code captured <kind> <event id>}, so that the test can
 * match the ids it was given with the events that went over the wire; exits with 3 when flushing
 * timed out.
 */
public final class Capture {
  /** Tag key set on the scope. */
  static final String TAG_KEY = "scenario";

  private Capture() {}

  /**
   * Runs the scenario.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    Sentry.init();
    Sentry.setTag(TAG_KEY, "capture");
    Sentry.setUser(new User("user-42", "scenario-user", "user-42@example.invalid", null, Map.of()));
    Sentry.addBreadcrumb(
        new Breadcrumb("about to fail on purpose").setCategory("scenario.step").setData("attempt", 1));

    SentryId exceptionId;
    try {
      outer(args.length);
      throw new AssertionError("outer() returned");
    } catch (IllegalStateException e) {
      exceptionId = Sentry.captureException(e);
    }
    SentryId messageId = Sentry.captureMessage("scenario message", Level.WARNING);

    System.out.println("captured exception " + exceptionId);
    System.out.println("captured message " + messageId);
    boolean flushed = Sentry.flush(Duration.ofSeconds(20));
    Sentry.close();
    if (!flushed) {
      System.exit(3);
    }
  }

  private static int outer(int divisor) {
    try {
      return middle(divisor);
    } catch (UncheckedIOException e) {
      throw new IllegalStateException("outer: request handling failed", e);
    }
  }

  private static int middle(int divisor) {
    try {
      return inner(divisor);
    } catch (IOException e) {
      throw new UncheckedIOException("middle: could not read config", e);
    }
  }

  private static int inner(int divisor) throws IOException {
    try {
      return 100 / divisor;
    } catch (ArithmeticException e) {
      throw new IOException("inner: computing buffer size", e);
    }
  }
}
