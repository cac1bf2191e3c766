package sentry.integration.logging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
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
 * Real JVMs on a real module path: an application module that requires {@code sentry.api} (and
 * Log4j's API when it logs through it), with {@code sentry.core} and this module found as
 * services. Shows what the class-path tests cannot: Log4j Core is optional on the module path,
 * the {@code <Sentry/>} plugin is found and built there, and in debug mode the SDK's diagnostics
 * through {@code java.util.logging} (no Log4j provider) do not loop.
 */
class LoggingJvmTest {
  private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(120);
  private static final String MODULE_INFO = """
      module logs.app {
        requires java.logging;
        requires sentry.api;
        requires static org.apache.logging.log4j;
        requires static org.apache.logging.log4j.core;
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
            case "log4j" -> {
              Sentry.init();
              org.apache.logging.log4j.Logger log = org.apache.logging.log4j.LogManager.getLogger("logs.app.log4j");
              org.apache.logging.log4j.ThreadContext.put("tenant", "t-1");
              log.info("log4j crumb");
              log.error("log4j failed {}", 3, new IllegalStateException("boom"));
              org.apache.logging.log4j.core.LoggerContext context =
                  (org.apache.logging.log4j.core.LoggerContext) org.apache.logging.log4j.LogManager.getContext(false);
              System.out.println("sentry appenders=" + context.getConfiguration().getRootLogger().getAppenders()
                  .values().stream().filter(sentry.integration.logging.log4j.SentryAppender.class::isInstance)
                  .map(org.apache.logging.log4j.core.Appender::getName).toList());
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
  void withoutLog4jCoreJulRecordsAreReportedAndDebugOutputDoesNotLoop() throws Exception {
    try (Receiver receiver = Receiver.answering(500)) {
      Jvm.Run result = run(receiver.dsn(), jar -> !jar.startsWith("log4j-core"), List.of(), "jul");

      assertThat(result.exitCode()).as(result.stderr()).isZero();
      assertThat(result.stdout()).contains("flushed=true");
      // The SDK's diagnostics went through java.util.logging (no Log4j provider), and stayed there.
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
  void aLog4jConfigurationFileWithSentryIsBuiltOnTheModulePath() throws Exception {
    Path file = config("declared", "<Sentry/>", "<AppenderRef ref=\"Sentry\"/>");
    try (Receiver receiver = Receiver.answering(200)) {
      Jvm.Run result = run(receiver.dsn(), jar -> true, List.of("-Dlog4j2.configurationFile=" + file), "log4j");

      assertThat(result.exitCode()).as(result.stderr()).isZero();
      assertThat(result.stdout()).contains("sentry appenders=[Sentry]").contains("flushed=true");
      assertThat(result.stderr()).doesNotContain("ERROR");
      assertLog4jEvent(receiver);
    }
  }

  @Test
  void withoutSentryInTheLog4jConfigurationTheAppenderIsAttachedInCode() throws Exception {
    Path file = config("plain", "<Null name=\"Nowhere\"/>", "<AppenderRef ref=\"Nowhere\"/>");
    try (Receiver receiver = Receiver.answering(200)) {
      Jvm.Run result = run(receiver.dsn(), jar -> true, List.of("-Dlog4j2.configurationFile=" + file), "log4j");

      assertThat(result.exitCode()).as(result.stderr()).isZero();
      assertThat(result.stdout()).contains("sentry appenders=[sentry.integration.logging]");
      assertThat(result.stderr()).doesNotContain("ERROR");
      assertLog4jEvent(receiver);
    }
  }

  @Test
  void withNeitherTheSdkNorLog4jTheHandlerStillLoadsAndPassesRecordsThrough() throws Exception {
    Jvm.Run result = run("", jar -> jar.startsWith("sentry-api"),
        List.of("--add-modules", "sentry.integration.logging"), "no-sdk");

    assertThat(result.exitCode()).as(result.stderr()).isZero();
    assertThat(result.stdout()).contains("Sentry logging handler");
    assertThat(result.stderr()).contains("no SDK to send to").doesNotContain("Exception", "Error");
  }

  private static void assertLog4jEvent(Receiver receiver) {
    assertThat(receiver.events()).singleElement().satisfies(event -> {
      assertThat(event.path("logger").asText()).isEqualTo("logs.app.log4j");
      assertThat(event.path("logentry").path("formatted").asText()).isEqualTo("log4j failed 3");
      assertThat(event.path("contexts").path("Context Data").path("tenant").asText()).isEqualTo("t-1");
      assertThat(Sdk.thrown(event).path("mechanism").path("handled").asBoolean(false)).isTrue();
      assertThat(Sdk.crumbMessages(event, "logs.app.log4j")).containsExactly("log4j crumb");
    });
  }

  private static Path config(String name, String appender, String reference) throws Exception {
    Path file = Files.createTempFile(work, name, ".xml");
    Files.writeString(file, """
        <?xml version="1.0" encoding="UTF-8"?>
        <Configuration status="warn" name="%s">
          <Appenders>%s</Appenders>
          <Loggers><Root level="info">%s</Root></Loggers>
        </Configuration>
        """.formatted(name, appender, reference), StandardCharsets.UTF_8);
    return file;
  }

  /** Runs the application with this module, the application and the dependency jars chosen by name. */
  private static Jvm.Run run(String dsn, Predicate<String> jars, List<String> options, String scenario)
      throws Exception {
    List<Path> modulePath = new ArrayList<>();
    for (Path jar : dependencies) {
      String name = jar.getFileName().toString();
      // SLF4J, Logback and the bridges are LogbackJvmTest's: each would take over a backend here.
      boolean slf4j = name.startsWith("slf4j-") || name.startsWith("logback-") || name.contains("-to-slf4j");
      if (!slf4j && jars.test(name)) {
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
