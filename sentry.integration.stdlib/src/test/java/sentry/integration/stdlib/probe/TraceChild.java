package sentry.integration.stdlib.probe;

import java.time.Duration;
import sentry.api.Sentry;

/**
 * A child process with the SDK: initialises it (which reads the trace its parent passed in {@code
 * SUBPROCESS_SENTRY_TRACE} and {@code SUBPROCESS_BAGGAGE}), captures an error, prints its {@code
 * sentry-trace}, and flushes; exits with 3 when the flush timed out.
 */
public final class TraceChild {
  private TraceChild() {}

  /**
   * Runs the child.
   *
   * @param args the DSN
   */
  public static void main(String[] args) {
    Sentry.init(options -> options.setDsn(args[0]));
    Sentry.captureException(new IllegalStateException("failed in the child"));
    System.out.println("sentry-trace " + Sentry.getTraceparent());
    boolean flushed = Sentry.flush(Duration.ofSeconds(30));
    Sentry.close();
    System.exit(flushed ? 0 : 3);
  }
}
