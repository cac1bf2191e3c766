package sentry.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The atexit integration with all five integrations on the module path and a server that never
 * answers: {@code main} captures a message, and once the receiver has the request (so the event
 * is in flight and stays pending) the test lets {@code main} return. The shutdown hook then waits
 * for the event until {@code shutdownTimeout}, saying so on stderr; at 0 it neither waits nor says
 * anything. Times run from the moment the test let {@code main} return to the moment it saw the
 * JVM exit, with generous margins for a busy machine.
 */
class AtexitIT {
  private static final long SHUTDOWN_TIMEOUT_MILLIS = 1500;
  /** What a busy two-core machine may add to any wait: JVM teardown, scheduling, polling. */
  private static final Duration MARGIN = Duration.ofSeconds(3);
  /** Under this, the JVM cannot have waited for the shutdown timeout. */
  private static final Duration NO_WAIT = Duration.ofMillis(1200);

  @Test
  void aServerThatNeverAnswersGetsTheMessageAndTheJvmExitsWithinTheShutdownTimeout() {
    try (Receiver receiver = Receiver.hanging()) {
      Exit exit = run(receiver, SHUTDOWN_TIMEOUT_MILLIS);
      Jvm.Run run = exit.run();

      assertThat(run.exitCode()).as("exit code\n%s", run.describe()).isZero();
      assertThat(run.stderr()).as("stderr\n%s", run.describe())
          .contains("Sentry is attempting to send 1 pending events" + System.lineSeparator())
          .containsPattern("Waiting up to [01]\\.\\d+ seconds")
          .doesNotContain("Ctrl");
      assertThat(exit.afterMainReturned()).as("exit after main returned\n%s", run.describe())
          .isGreaterThan(Duration.ofMillis(SHUTDOWN_TIMEOUT_MILLIS).minus(Duration.ofMillis(300)))
          .isLessThan(Duration.ofMillis(SHUTDOWN_TIMEOUT_MILLIS).plus(MARGIN));
      assertThat(Wire.eventCount(receiver.requests())).as("events sent").isEqualTo(1);
    }
  }

  @Test
  void aZeroShutdownTimeoutMeansNoWaitAndNoMessage() {
    try (Receiver receiver = Receiver.hanging()) {
      Exit exit = run(receiver, 0);
      Jvm.Run run = exit.run();

      assertThat(run.exitCode()).as("exit code\n%s", run.describe()).isZero();
      assertThat(run.stderr()).as("stderr\n%s", run.describe()).isEmpty();
      assertThat(exit.afterMainReturned()).as("exit after main returned, the event still pending\n%s",
          run.describe()).isLessThan(NO_WAIT);
    }
  }

  /** The run, and how long after main was let return the JVM's exit was seen. */
  private record Exit(Jvm.Run run, Duration afterMainReturned) {}

  private static Exit run(Receiver receiver, long shutdownTimeoutMillis) {
    try (Jvm.Started started = Jvm.onModulePath().allIntegrations()
        .property("sentry.dsn", receiver.dsn())
        .property("sentry.shutdown-timeout-millis", Long.toString(shutdownTimeoutMillis))
        .args("--return-after-stdin-line")
        .start("Pending")) {
      List<Receiver.Request> requests;
      try {
        requests = receiver.await("the event's request", r -> !r.isEmpty(), Duration.ofSeconds(20));
      } catch (AssertionError e) {
        throw new AssertionError(e.getMessage() + "\n" + started.describeSoFar(), e);
      }
      long released = started.writeLine("return");
      Jvm.Run run = started.await();
      Duration afterRelease = run.exitAfter(released);
      System.out.printf("atexit, shutdownTimeout %d ms: the JVM exited %d ms after main was let return"
          + " (the request had arrived %d ms before that)%n", shutdownTimeoutMillis, afterRelease.toMillis(),
          Duration.ofNanos(released - requests.get(0).arrivalNanos()).toMillis());
      return new Exit(run, afterRelease);
    }
  }
}
