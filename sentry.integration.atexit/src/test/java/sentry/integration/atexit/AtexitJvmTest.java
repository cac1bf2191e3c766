package sentry.integration.atexit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sentry.testing.Jvm;
import sentry.testing.Receiver;

/**
 * Real JVMs on a real module path: an application module that requires only {@code sentry.api},
 * with {@code sentry.core} and this module found as services, captures a message, lets it reach
 * the server, and returns from {@code main}; the shutdown hook does the rest.
 */
class AtexitJvmTest {
  private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(60);
  /**
   * How long the application may take to exit once told its envelope arrived: it polls for the
   * marker file every 10 ms.
   */
  private static final Duration IN_FLIGHT = Duration.ofMillis(300);
  /**
   * The application captures, then waits until the test tells it (a marker file) that its envelope
   * reached the server, so that the envelope is in flight at exit however slow the machine is.
   */
  private static final String MAIN = """
      package bye.app;

      import java.nio.file.Files;
      import java.nio.file.Path;
      import sentry.api.Sentry;

      public final class Main {
        private Main() {}

        public static void main(String[] args) throws InterruptedException {
          Sentry.init();
          Sentry.captureMessage("bye");
          Path arrived = Path.of(System.getProperty("bye.arrived"));
          long deadline = System.nanoTime() + 60_000_000_000L;
          while (!Files.exists(arrived) && System.nanoTime() < deadline) {
            Thread.sleep(10);
          }
        }
      }
      """;

  @TempDir static Path work;
  private static List<Path> modulePath;

  @BeforeAll
  static void compileTheApplication() throws Exception {
    List<Path> dependencies = Jvm.mavenDependencies();
    Path app = Jvm.compile(work.resolve("app"), Map.of(
        "module-info.java", "module bye.app { requires sentry.api; }",
        "bye/app/Main.java", MAIN), dependencies);
    modulePath = new ArrayList<>(dependencies);
    modulePath.add(Jvm.classesUnderTest());
    modulePath.add(app);
  }

  @Test
  void aServerThatNeverAnswersGetsTheMessageAndTheJvmExitsWithinTheShutdownTimeout() throws Exception {
    try (Receiver receiver = Receiver.hanging()) {
      Jvm.Run result = run(receiver, 1500);

      assertThat(result.exitCode()).isZero();
      assertThat(result.stderr())
          .contains("Sentry is attempting to send 1 pending events" + System.lineSeparator())
          .containsPattern("Waiting up to 1\\.[0-5] seconds")
          .doesNotContain("Ctrl");
      // Arrival, then the application's exit once told, then the hook's wait of 1.5 s at most.
      assertThat(Duration.ofNanos(result.exitNanos() - receiver.firstArrivalNanos()))
          .isBetween(Duration.ofMillis(1500), IN_FLIGHT.plusMillis(1500 + 1000));
    }
  }

  @Test
  void aZeroShutdownTimeoutMeansNoWaitAndNoMessage() throws Exception {
    try (Receiver receiver = Receiver.hanging()) {
      Jvm.Run result = run(receiver, 0);

      assertThat(result.exitCode()).isZero();
      assertThat(result.stderr()).doesNotContain("Sentry is attempting", "Waiting up to");
      assertThat(Duration.ofNanos(result.exitNanos() - receiver.firstArrivalNanos()))
          .isLessThan(IN_FLIGHT.plusMillis(1000));
    }
  }

  @Test
  void theEventListsOnlyTheIntegrationsOnTheModulePath() throws Exception {
    try (Receiver receiver = Receiver.start()) {
      Jvm.Run result = run(receiver, 2000);

      // No assertion on the pending message here: on a loaded machine the answer may take longer
      // than the 0.1 s after which atexit rightly says it is waiting.
      assertThat(result.exitCode()).as(result.stderr()).isZero();
      assertThat(receiver.envelopes()).hasSize(1);
      assertThat(receiver.envelopes().get(0).eventTexts().get(0)).contains("\"integrations\":[\"atexit\"]");
    }
  }

  private static Jvm.Run run(Receiver receiver, long shutdownTimeoutMillis) throws Exception {
    Path dir = Files.createTempDirectory(work, "run");
    Path arrived = dir.resolve("arrived");
    Thread watcher = new Thread(() -> {
      try {
        receiver.await("the application's envelope", requests -> !requests.isEmpty(), EXIT_TIMEOUT);
        Files.createFile(arrived);
      } catch (AssertionError | IOException e) {
        // The application gives up after a minute; the test's assertions then say what happened.
      }
    }, "arrival-watcher");
    watcher.setDaemon(true);
    watcher.start();
    return Jvm.onModulePath(modulePath)
        .property("sentry.dsn", receiver.dsn())
        .property("sentry.shutdown-timeout-millis", Long.toString(shutdownTimeoutMillis))
        .property("bye.arrived", arrived.toString())
        .timeout(EXIT_TIMEOUT)
        .run(dir, "bye.app/bye.app.Main");
  }
}
