package sentry.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import sentry.testing.Receiver;

/**
 * An exception escaping {@code main} with excepthook and atexit present, against a server that
 * never answers: the JVM's trace comes first on stderr, then the atexit lines ("Sentry is attempting
 * to send 1 pending events", "Waiting up to T seconds") while the SDK waits, as in Python; and the
 * JVM still exits within the shutdown timeout, with a generous margin for a busy machine.
 */
class UncaughtAtExitIT {
  private static final long SHUTDOWN_TIMEOUT_MILLIS = 1500;
  private static final Duration MARGIN = Duration.ofSeconds(3);

  @Test
  void theTraceComesFirstThenThePendingLinesWhileTheSdkWaits() {
    try (Receiver receiver = Receiver.hanging()) {
      Jvm.Run run = Jvm.onModulePath().allIntegrations().property("sentry.dsn", receiver.dsn())
          .property("sentry.shutdown-timeout-millis", Long.toString(SHUTDOWN_TIMEOUT_MILLIS)).run("Crash");

      assertThat(run.exitCode()).as("exit code\n%s", run.describe()).isEqualTo(1);
      String stderr = run.stderr();
      String pending = "Sentry is attempting to send 1 pending events" + System.lineSeparator();
      assertThat(stderr).as("stderr\n%s", run.describe())
          .startsWith("Exception in thread \"main\" java.io.UncheckedIOException: crash in main: cannot load")
          .contains(pending)
          .containsPattern("Waiting up to [01](\\.\\d)? seconds");
      int traceEnd = stderr.indexOf("Caused by: java.io.IOException: disk on fire");
      assertThat(traceEnd).as("the cause in the trace\n%s", run.describe()).isPositive();
      assertThat(stderr.indexOf(pending)).as("the pending lines come after the trace\n%s", run.describe())
          .isGreaterThan(traceEnd);
      assertThat(stderr.indexOf("Waiting up to")).isGreaterThan(stderr.indexOf(pending));

      List<Receiver.Request> requests = receiver.requests();
      assertThat(Wire.eventCount(requests)).as("events sent").isEqualTo(1);
      Duration afterRequest = run.exitAfter(requests.get(0).arrivalNanos());
      System.out.printf("uncaught at exit, shutdownTimeout %d ms: the JVM exited %d ms after the event's request"
          + " arrived%n", SHUTDOWN_TIMEOUT_MILLIS, afterRequest.toMillis());
      assertThat(afterRequest).as("exit after the event's request arrived\n%s", run.describe())
          .isLessThan(Duration.ofMillis(SHUTDOWN_TIMEOUT_MILLIS).plus(MARGIN));
    }
  }
}
