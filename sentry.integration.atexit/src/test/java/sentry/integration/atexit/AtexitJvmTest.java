package sentry.integration.atexit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real JVMs on a real module path: an application module that requires only {@code sentry.api},
 * with {@code sentry.core} and this module found as services, captures a message, lets it reach
 * the server, and returns from {@code main}; the shutdown hook does the rest.
 */
class AtexitJvmTest {
  private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(60);
  /** What the application waits after capturing, so that its envelope is in flight before exit. */
  private static final Duration IN_FLIGHT = Duration.ofMillis(300);
  private static final String MAIN = """
      package bye.app;

      import java.time.Duration;
      import sentry.api.Sentry;

      public final class Main {
        private Main() {}

        public static void main(String[] args) {
          Sentry.init();
          Sentry.captureMessage("bye");
          Sentry.flush(Duration.ofMillis(%d));
        }
      }
      """.formatted(IN_FLIGHT.toMillis());

  @TempDir static Path work;
  private static List<Path> modulePath;

  @BeforeAll
  static void compileTheApplication() throws Exception {
    List<Path> dependencies = Jvm.dependencies();
    Path app = Jvm.compile(work.resolve("app"), Map.of(
        "module-info.java", "module bye.app { requires sentry.api; }",
        "bye/app/Main.java", MAIN), dependencies);
    modulePath = new ArrayList<>(dependencies);
    modulePath.add(Jvm.CLASSES);
    modulePath.add(app);
  }

  @Test
  void aServerThatNeverAnswersGetsTheMessageAndTheJvmExitsWithinTheShutdownTimeout() throws Exception {
    try (Receiver receiver = Receiver.hanging()) {
      Jvm.Result result = run(receiver, 1500);

      assertThat(result.exitCode()).isZero();
      assertThat(result.stderr())
          .contains("Sentry is attempting to send 1 pending events" + System.lineSeparator())
          .containsPattern("Waiting up to 1\\.[0-5] seconds")
          .doesNotContain("Ctrl");
      // Arrival, then the application's own short flush, then the hook's wait of 1.5 s at most.
      assertThat(Duration.ofNanos(result.exitNanos() - receiver.firstArrivalNanos()))
          .isBetween(Duration.ofMillis(1500), IN_FLIGHT.plusMillis(1500 + 1000));
    }
  }

  @Test
  void aZeroShutdownTimeoutMeansNoWaitAndNoMessage() throws Exception {
    try (Receiver receiver = Receiver.hanging()) {
      Jvm.Result result = run(receiver, 0);

      assertThat(result.exitCode()).isZero();
      assertThat(result.stderr()).doesNotContain("Sentry is attempting", "Waiting up to");
      assertThat(Duration.ofNanos(result.exitNanos() - receiver.firstArrivalNanos()))
          .isLessThan(IN_FLIGHT.plusMillis(1000));
    }
  }

  @Test
  void theEventListsOnlyTheIntegrationsOnTheModulePath() throws Exception {
    try (Receiver receiver = Receiver.answering()) {
      Jvm.Result result = run(receiver, 2000);

      // No assertion on the pending message here: on a loaded machine the answer may take longer
      // than the 0.1 s after which atexit rightly says it is waiting.
      assertThat(result.exitCode()).as(result.stderr()).isZero();
      assertThat(receiver.envelopes()).hasSize(1);
      assertThat(Receiver.event(receiver.envelopes().get(0))).contains("\"integrations\":[\"atexit\"]");
    }
  }

  private static Jvm.Result run(Receiver receiver, long shutdownTimeoutMillis) throws Exception {
    return Jvm.run(Files.createTempDirectory(work, "run"), modulePath,
        List.of("-Dsentry.dsn=" + receiver.dsn(), "-Dsentry.shutdown-timeout-millis=" + shutdownTimeoutMillis),
        "bye.app/bye.app.Main", EXIT_TIMEOUT);
  }
}
