package sentry.integration.threading;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sentry.testing.Jvm;
import sentry.testing.Receiver;

/**
 * Real JVMs on a real module path: an application module that requires only {@code sentry.api}, in
 * which {@code main} sets a tag and a breadcrumb, a worker thread it starts crashes, and then
 * {@code main} throws. The integrations are found as services; {@code atexit} flushes what is left
 * at exit. By default the worker starts from a copy of {@code main}'s scope.
 */
class ThreadingJvmTest {
  private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(60);
  private static final String MAIN = """
      package crash.app;

      import sentry.api.Sentry;

      public final class Main {
        private Main() {}

        public static void main(String[] args) throws InterruptedException {
          Sentry.init();
          Sentry.setTag("set-in", "main");
          Sentry.addBreadcrumb("main starts the worker");
          Thread worker = new Thread(() -> {
            throw new IllegalStateException("worker failed");
          }, "worker");
          worker.start();
          worker.join();
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
  void withExcepthookEachCrashIsReportedOnceAndPrintedAsTheJvmPrintsIt() throws Exception {
    try (Receiver receiver = Receiver.start()) {
      Jvm.Run withSdk = run(modules(true, true, true), receiver.dsn());
      List<JsonNode> events = receiver.events();
      Jvm.Run withoutIntegrations = run(modules(false, false, false), receiver.dsn());

      assertThat(withSdk.exitCode()).isEqualTo(1);
      assertThat(withSdk.stderr())
          .startsWith("Exception in thread \"worker\" java.lang.IllegalStateException: worker failed")
          .contains("Exception in thread \"main\" java.lang.IllegalStateException: main failed");
      // Without the integrations the JVM prints both traces itself: the same text, the same status.
      // With atexit, its two lines follow the traces if the events are still pending 0.1 s into the
      // shutdown (as in Python): they are taken off before comparing.
      String atexitLines = "(?m)^Sentry is attempting to send \\d+ pending events\\R^Waiting up to [\\d.]+ seconds\\R";
      assertThat(withSdk.stderr().replaceAll(atexitLines, "")).isEqualTo(withoutIntegrations.stderr());
      assertThat(withoutIntegrations.exitCode()).isEqualTo(1);

      assertThat(describe(events)).containsExactlyInAnyOrder(
          "worker failed: threading/false, error, thread worker",
          "main failed: excepthook/false, fatal, thread main");
      assertThat(receiver.events()).hasSize(2);
    }
  }

  @Test
  void withoutExcepthookOnlyTheWorkerIsReported() throws Exception {
    try (Receiver receiver = Receiver.start()) {
      Jvm.Run result = run(modules(true, false, true), receiver.dsn());

      assertThat(result.exitCode()).isEqualTo(1);
      assertThat(result.stderr())
          .startsWith("Exception in thread \"worker\" java.lang.IllegalStateException: worker failed")
          .contains("Exception in thread \"main\" java.lang.IllegalStateException: main failed");
      assertThat(describe(receiver.events())).containsExactly("worker failed: threading/false, error, thread worker");
    }
  }

  @Test
  void theWorkersCrashCarriesTheTagAndBreadcrumbThatMainSet() throws Exception {
    try (Receiver receiver = Receiver.start()) {
      Jvm.Run result = run(modules(true, false, true), receiver.dsn());

      assertThat(result.exitCode()).as(result.stderr()).isEqualTo(1);
      List<JsonNode> events = receiver.events();
      assertThat(events).hasSize(1);
      JsonNode worker = events.get(0);
      assertThat(Sdk.tags(worker)).as(worker.toString()).containsEntry("set-in", "main");
      List<String> crumbs = new ArrayList<>();
      worker.path("breadcrumbs").path("values").forEach(crumb -> crumbs.add(crumb.path("message").asText()));
      assertThat(crumbs).as(worker.toString()).contains("main starts the worker");
    }
  }

  private static List<String> describe(List<JsonNode> events) {
    return events.stream().map(event -> Sdk.thrown(event).path("value").asText() + ": " + Sdk.mechanism(event)
        + ", " + event.path("level").asText() + ", thread " + event.at("/threads/values/0/name").asText())
        .collect(Collectors.toList());
  }

  /** The module path: sentry-api, sentry-core and its dependencies, and the chosen integrations. */
  private static List<Path> modules(boolean threading, boolean excepthook, boolean atexit) {
    List<Path> path = new ArrayList<>();
    for (Path dependency : dependencies) {
      String name = dependency.toString();
      if ((excepthook || !name.contains("excepthook")) && (atexit || !name.contains("atexit"))) {
        path.add(dependency);
      }
    }
    if (threading) {
      path.add(Jvm.classesUnderTest());
    }
    return path;
  }

  private static Jvm.Run run(List<Path> modules, String dsn) throws Exception {
    List<Path> modulePath = new ArrayList<>(modules);
    modulePath.add(app);
    Path dir = Files.createTempDirectory(work, "run");
    return Jvm.onModulePath(modulePath).property("sentry.dsn", dsn).timeout(EXIT_TIMEOUT)
        .run(dir, "crash.app/crash.app.Main");
  }
}
