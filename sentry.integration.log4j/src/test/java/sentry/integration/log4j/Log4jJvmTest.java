package sentry.integration.log4j;

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
import sentry.integration.logging.LoggingIntegration;
import sentry.testing.Jvm;
import sentry.testing.Receiver;

/**
 * Real JVMs on a real module path: an application module that requires {@code sentry.api} and
 * Log4j's API, with {@code sentry.core}, the logging module and this module found as services.
 * Shows what the class-path tests cannot: the {@code <Sentry/>} plugin is found and built there
 * (through the configuration's {@code packages}), or the appender is attached in code.
 */
class Log4jJvmTest {
  private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(120);
  private static final String MODULE_INFO = """
      module logs.app {
        requires java.logging;
        requires sentry.api;
        requires static org.apache.logging.log4j;
        requires static org.apache.logging.log4j.core;
        requires static sentry.integration.log4j;
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
            case "log4j" -> {
              Sentry.init();
              org.apache.logging.log4j.Logger log = org.apache.logging.log4j.LogManager.getLogger("logs.app.log4j");
              org.apache.logging.log4j.ThreadContext.put("tenant", "t-1");
              log.info("log4j crumb");
              log.error("log4j failed {}", 3, new IllegalStateException("boom"));
              org.apache.logging.log4j.core.LoggerContext context =
                  (org.apache.logging.log4j.core.LoggerContext) org.apache.logging.log4j.LogManager.getContext(false);
              System.out.println("sentry appenders=" + context.getConfiguration().getRootLogger().getAppenders()
                  .values().stream().filter(sentry.integration.log4j.SentryAppender.class::isInstance)
                  .map(org.apache.logging.log4j.core.Appender::getName).toList());
              System.out.println("flushed=" + Sentry.flush(Duration.ofSeconds(60)));
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
  void aLog4jConfigurationFileWithSentryIsBuiltOnTheModulePath() throws Exception {
    Path file = config("name=\"declared\" packages=\"sentry.integration.log4j\"", "<Sentry/>", "<AppenderRef ref=\"Sentry\"/>");
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
    Path file = config("name=\"plain\"", "<Null name=\"Nowhere\"/>", "<AppenderRef ref=\"Nowhere\"/>");
    try (Receiver receiver = Receiver.answering(200)) {
      Jvm.Run result = run(receiver.dsn(), jar -> true, List.of("-Dlog4j2.configurationFile=" + file), "log4j");

      assertThat(result.exitCode()).as(result.stderr()).isZero();
      assertThat(result.stdout()).contains("sentry appenders=[sentry.integration.log4j]");
      assertThat(result.stderr()).doesNotContain("ERROR");
      assertLog4jEvent(receiver);
    }
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

  private static Path config(String attributes, String appender, String reference) throws Exception {
    Path file = Files.createTempFile(work, "log4j2-", ".xml");
    Files.writeString(file, """
        <?xml version="1.0" encoding="UTF-8"?>
        <Configuration status="warn" %s>
          <Appenders>%s</Appenders>
          <Loggers><Root level="info">%s</Root></Loggers>
        </Configuration>
        """.formatted(attributes, appender, reference), StandardCharsets.UTF_8);
    return file;
  }

  /** Runs the application with this module, the application and the dependency jars chosen by name. */
  private static Jvm.Run run(String dsn, Predicate<String> jars, List<String> options, String scenario)
      throws Exception {
    List<Path> modulePath = new ArrayList<>();
    for (Path jar : dependencies) {
      String name = jar.getFileName().toString();
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
