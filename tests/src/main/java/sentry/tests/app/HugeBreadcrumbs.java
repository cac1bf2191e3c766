package sentry.tests.app;

import java.time.Duration;
import sentry.api.Sentry;

/**
 * Adds 150 breadcrumbs of 5 MB each, setting a 5 MB extra each time, then captures one message,
 * flushes and closes: under a small heap this runs out of memory unless the scope keeps only cut
 * copies.
 * Exits with 4 on {@link OutOfMemoryError}, with 3 when flushing timed out.
 */
public final class HugeBreadcrumbs {
  private static final int MEGABYTES = 1024 * 1024;

  private HugeBreadcrumbs() {}

  /**
   * Runs the scenario.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    Sentry.init();
    try {
      for (int i = 0; i < 150; i++) {
        Sentry.addBreadcrumb(("crumb " + i + " ").concat("x".repeat(5 * MEGABYTES)));
        Sentry.setExtra("big", "y".repeat(5 * MEGABYTES));
      }
    } catch (OutOfMemoryError e) {
      System.exit(4);
    }
    Sentry.captureMessage("after 150 breadcrumbs of 5 MB");
    boolean flushed = Sentry.flush(Duration.ofSeconds(20));
    Sentry.close();
    if (!flushed) {
      System.exit(3);
    }
  }
}
