package sentry.integration.excepthook;

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
import sentry.testing.Jvm;
import sentry.testing.Receiver;

/**
 * Real JVMs on a real module path: an application module that requires only {@code sentry.api},
 * with {@code sentry.core} and this module found as services. The module path holds this
 * integration and not {@code atexit}, so what is delivered was flushed by the handler itself.
 */
class ExcepthookJvmTest {
  private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(60);
  private static final String MAIN = """
      package crash.app;

      import sentry.api.Sentry;

      public final class Main {
        private Main() {}

        public static void main(String[] args) throws InterruptedException {
          Sentry.init();
          if (args.length > 0 && args[0].equals("worker")) {
            Thread worker = new Thread(() -> {
              throw new IllegalStateException("worker failed");
            }, "worker");
            worker.start();
            worker.join();
            return;
          }
          throw new IllegalStateException("main failed");
        }
      }
      """;

  @TempDir static Path work;
  private static List<Path> dependencies;
  private static Path app;

  @BeforeAll
  static void compileTheApplication() throws Exception {
    dependencies = Jvm.mavenDependencies();
    app = Jvm.compile(work.resolve("app"), Map.of(
        "module-info.java", "module crash.app { requires sentry.api; }",
        "crash/app/Main.java", MAIN), dependencies);
  }

  @Test
  void anExceptionEscapingMainIsDeliveredPrintedAsTheJvmPrintsItAndExitsWithOne() throws Exception {
    try (Receiver receiver = Receiver.start()) {
      Jvm.Run withSdk = run(withIntegration(), receiver.dsn(), List.of());
      Jvm.Run withoutIntegration = run(dependencies, receiver.dsn(), List.of());

      assertThat(withSdk.exitCode()).isEqualTo(1);
      assertThat(withSdk.stderr())
          .startsWith("Exception in thread \"main\" java.lang.IllegalStateException: main failed"
              + System.lineSeparator() + "\tat crash.app/crash.app.Main.main(Main.java:");
      // Without the integration the JVM prints the trace itself: the same text, the same status.
      assertThat(withSdk.stderr()).isEqualTo(withoutIntegration.stderr());
      assertThat(withoutIntegration.exitCode()).isEqualTo(1);

      assertThat(receiver.envelopes()).hasSize(1);
      assertThat(receiver.envelopes().get(0).eventTexts().get(0))
          .contains("\"level\":\"fatal\"")
          .contains("\"mechanism\":{\"type\":\"excepthook\",\"handled\":false")
          .contains("\"value\":\"main failed\"")
          .contains("\"integrations\":[\"excepthook\"]");
    }
  }

  @Test
  void aServerThatNeverAnswersDelaysTheExitByTheShutdownTimeoutAtMost() throws Exception {
    try (Receiver receiver = Receiver.hanging()) {
      Jvm.Run result = run(withIntegration(), receiver.dsn(),
          List.of("-Dsentry.shutdown-timeout-millis=1000"));

      assertThat(result.exitCode()).isEqualTo(1);
      assertThat(result.stderr()).startsWith("Exception in thread \"main\" java.lang.IllegalStateException");
      assertThat(receiver.envelopes()).hasSize(1);
      // The handler fixed the deadline when main threw, after the start and before the event
      // arrived: the JVM waited out the timeout, so it left at least 1 s after its start, and at
      // most about 1 s after the event arrived. (How soon after the throw the first event arrives
      // depends on the machine's load: the HTTP client may still be starting.)
      assertThat(result.lifetime()).isGreaterThanOrEqualTo(Duration.ofMillis(1000));
      assertThat(result.exitAfter(receiver.firstArrivalNanos())).isLessThan(Duration.ofMillis(1000 + 1000));
    }
  }

  @Test
  void anExceptionInAnotherThreadIsLeftToTheJvm() throws Exception {
    try (Receiver receiver = Receiver.start()) {
      Jvm.Run result = run(withIntegration(), receiver.dsn(), List.of(), "worker");

      assertThat(result.exitCode()).isZero();
      assertThat(result.stderr())
          .startsWith("Exception in thread \"worker\" java.lang.IllegalStateException: worker failed");
      assertThat(receiver.envelopes()).isEmpty();
    }
  }

  private static List<Path> withIntegration() {
    List<Path> path = new ArrayList<>(dependencies);
    path.add(Jvm.classesUnderTest());
    return path;
  }

  private static Jvm.Run run(List<Path> modules, String dsn, List<String> options, String... args)
      throws Exception {
    List<Path> modulePath = new ArrayList<>(modules);
    modulePath.add(app);
    Path dir = Files.createTempDirectory(work, "run");
    return Jvm.onModulePath(modulePath).options(options).property("sentry.dsn", dsn).timeout(EXIT_TIMEOUT)
        .run(dir, "crash.app/crash.app.Main", args);
  }
}
