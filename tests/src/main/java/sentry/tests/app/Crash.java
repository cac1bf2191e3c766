package sentry.tests.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import sentry.api.Sentry;

/**
 * Initialises the SDK, then lets an exception with a cause escape {@code main}: the JVM prints it
 * and exits with 1, and the excepthook integration, when present, reports it first.
 */
public final class Crash {
  private Crash() {}

  /**
   * Runs the scenario.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    Sentry.init();
    Sentry.addBreadcrumb("about to crash");
    load();
  }

  private static void load() {
    try {
      read();
    } catch (IOException e) {
      throw new UncheckedIOException("crash in main: cannot load", e);
    }
  }

  private static void read() throws IOException {
    throw new IOException("disk on fire");
  }
}
