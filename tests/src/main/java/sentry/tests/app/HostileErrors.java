package sentry.tests.app;

import java.time.Duration;
import sentry.api.Sentry;

/**
 * Captures an exception whose {@code getMessage()} throws {@link OutOfMemoryError}, with an extra
 * whose {@code toString()} throws {@link InternalError}, then a plain message, flushes and closes:
 * both events must be sent. Exits with 3 when flushing timed out.
 */
public final class HostileErrors {
  private HostileErrors() {}

  /** An exception whose message cannot be read. */
  static final class Hostile extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Hostile() {
      super("never read");
    }

    @Override
    public String getMessage() {
      throw new OutOfMemoryError("from getMessage");
    }
  }

  /**
   * Runs the scenario.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    Sentry.init();
    Sentry.setExtra("hostile", new Object() {
      @Override
      public String toString() {
        throw new InternalError("from toString");
      }
    });
    Sentry.captureException(new Hostile());
    Sentry.configureScope(scope -> scope.removeExtra("hostile"));
    Sentry.captureMessage("after the hostile one");
    boolean flushed = Sentry.flush(Duration.ofSeconds(20));
    Sentry.close();
    if (!flushed) {
      System.exit(3);
    }
  }
}
