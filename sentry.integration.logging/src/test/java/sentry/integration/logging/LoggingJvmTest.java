package sentry.integration.logging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sentry.testing.Jvm;
import sentry.testing.Receiver;

/**
 * Real JVMs on a real module path: an application module that requires {@code sentry.api}, with
 * {@code sentry.core} and this module found as services, and no Log4j Core, SLF4J or Logback.
 * Shows what the class-path tests cannot: in debug mode the SDK's diagnostics through {@code
 * java.util.logging} do not loop, and the handler loads without the SDK.
 */
class LoggingJvmTest {
  private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(120);
  private static final String MODULE_INFO = """
      module logs.app {
        requires java.logging;
        requires sentry.api;
        requires static sentry.integration.logging;
      }
      """;
  private static final String MAIN = """
      package logs.app;

      import java.time.Duration;
      import java.util.List;
      import java.util.logging.Level;
      import java.util.logging.Logger;
      import sentry.api.Sentry;

      public final class Main {
        private static final Logger JUL = Logger.getLogger("logs.app.jul");

        private Main() {}

        public static void main(String[] args) {
          switch (args[0]) {
            case "jul" -> {
              Sentry.init(options -> options.setDebug(true));
              JUL.info("jul crumb");
              JUL.log(Level.SEVERE, "jul failed", new IllegalStateException("boom"));
              System.out.println("flushed=" + Sentry.flush(Duration.ofSeconds(60)));
            }
            case "no-sdk" -> {
              Sentry.init();
              new sentry.integration.logging.LoggingIntegration().setupOnce();
              JUL.severe("no SDK to send to");
              System.out.println("root handlers=" + List.of(Logger.getLogger("").getHandlers()));
            }
            default -> throw new IllegalArgumentException(args[0]);
          }
        }
      }
      """;

  @TempDir static Path work;
  private static List<Path> dependencies;
  private static Path app;

  @BeforeAll
  static void compileTheApplication() throws Exception {
    dependencies = Jvm.mavenDependencies();
    List<Path> all = new ArrayList<>(dependencies);
    all.add(Jvm.classesUnderTest());
    app = Jvm.compile(work.resolve("app"), Map.of("module-info.java", MODULE_INFO, "logs/app/Main.java", MAIN), all);
  }

  @Test
  void julRecordsAreReportedAndDebugOutputDoesNotLoop() throws Exception {
    try (Receiver receiver = Receiver.answering(500)) {
      Jvm.Run result = run(receiver.dsn(), jar -> true, List.of(), "jul");

      assertThat(result.exitCode()).as(result.stderr()).isZero();
      assertThat(result.stdout()).contains("flushed=true");
      // The SDK's diagnostics went through java.util.logging, and stayed there.
      assertThat(result.stderr()).contains("sentry.").contains("HTTP 500")
          .doesNotContain("StackOverflowError", "could not find a logging implementation");
      assertThat(receiver.events()).singleElement().satisfies(event -> {
        assertThat(event.path("logger").asText()).isEqualTo("logs.app.jul");
        assertThat(Sdk.thrown(event).path("mechanism").path("type").asText()).isEqualTo("logging");
        assertThat(Sdk.crumbMessages(event, "logs.app.jul")).containsExactly("jul crumb");
        assertThat(event.path("sdk").path("integrations")).extracting(JsonNode::asText).contains("logging");
      });
      assertThat(receiver.envelopes()).hasSizeLessThanOrEqualTo(3);
    }
  }

  @Test
  void withoutTheSdkTheHandlerStillLoadsAndPassesRecordsThrough() throws Exception {
    Jvm.Run result = run("", jar -> jar.startsWith("sentry-api"),
        List.of("--add-modules", "sentry.integration.logging"), "no-sdk");

    assertThat(result.exitCode()).as(result.stderr()).isZero();
    assertThat(result.stdout()).contains("Sentry logging handler");
    assertThat(result.stderr()).contains("no SDK to send to").doesNotContain("Exception", "Error");
  }

  /** Runs the application with this module, the application and the dependency jars chosen by name. */
  private static Jvm.Run run(String dsn, Predicate<String> jars, List<String> options, String scenario)
      throws Exception {
    List<Path> modulePath = new ArrayList<>();
    for (Path jar : dependencies) {
      String name = jar.getFileName().toString();
      // log4j-api comes with sentry-core (its diagnostics' front end); no backend, no SLF4J.
      assertThat(name).as("a logging backend on this module's path").doesNotStartWith("log4j-core")
          .doesNotStartWith("slf4j").doesNotStartWith("logback");
      if (jars.test(name)) {
        modulePath.add(jar);
      }
    }
    modulePath.add(Jvm.classesUnderTest());
    modulePath.add(app);
    return Jvm.onModulePath(modulePath).options(options)
        .property("sentry.dsn", dsn)
        .property("sentry.shutdown-timeout-millis", "0")
        .timeout(EXIT_TIMEOUT)
        .run(Files.createTempDirectory(work, scenario), "logs.app/logs.app.Main", scenario);
  }
}
