package sentry.integration.logback;

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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import sentry.testing.Jvm;
import sentry.testing.Receiver;

/**
 * Real JVMs with real Logback 1.5 and SLF4J 2, on the module path and on the class path, and the
 * bridge combinations, each record reported exactly once:
 * <ul>
 *   <li>SLF4J → Logback (the appender attached in code, and the one declared in {@code logback.xml});
 *   <li>JUL → {@code jul-to-slf4j} → Logback, with our JUL handler also on the JUL root: only the
 *       Logback appender reports;
 *   <li>Log4j API → {@code log4j-to-slf4j} → Logback, Log4j Core absent: only the Logback appender;
 *   <li>SLF4J → {@code slf4j-jdk14} → JUL, Logback absent: only the JUL handler.
 * </ul>
 */
class LogbackJvmTest {
  private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(120);
  private static final String MODULE_INFO = """
      module logs.slf4j {
        requires java.logging;
        requires sentry.api;
        requires static ch.qos.logback.classic;
        requires static ch.qos.logback.core;
        requires static jul.to.slf4j;
        requires static org.apache.logging.log4j;
        requires static org.slf4j;
        requires static sentry.integration.logback;
      }
      """;
  private static final String MAIN = """
      package logs.slf4j;

      import java.time.Duration;
      import org.slf4j.Logger;
      import org.slf4j.LoggerFactory;
      import org.slf4j.MDC;
      import org.slf4j.MarkerFactory;
      import sentry.api.Sentry;

      public final class Main {
        private Main() {}

        public static void main(String[] args) {
          // The JUL scenarios leave SLF4J alone: the first JUL record starts it, through the bridge.
          Logger log = args[0].startsWith("jul") ? null : LoggerFactory.getLogger("logs.slf4j." + args[0]);
          switch (args[0]) {
            case "logback" -> {
              Sentry.init();
              MDC.put("tenant", "t-1");
              log.atInfo().addKeyValue("order", 7).log("logback crumb");
              log.atError().addMarker(MarkerFactory.getMarker("BILLING")).addKeyValue("order", 7)
                  .setCause(new IllegalStateException("boom")).log("logback failed {}", 3);
              MDC.clear();
              // What a logback.xml scan does first: every appender goes, ours comes back.
              ((ch.qos.logback.classic.LoggerContext) LoggerFactory.getILoggerFactory()).reset();
              log.error("after reset");
              appenders();
            }
            case "declared" -> {
              Sentry.init();
              log.info("declared crumb");
              log.error("declared event");
              appenders();
            }
            case "jul" -> {
              org.slf4j.bridge.SLF4JBridgeHandler.install();
              Sentry.init();
              java.util.logging.Logger jul = java.util.logging.Logger.getLogger("logs.slf4j.jul");
              jul.info("jul crumb");
              jul.severe("jul bridged");
            }
            case "jul-late" -> {
              // Logback has not started at init; the JUL handler, ahead of the bridge, meets the
              // record first and must leave it to the appender the bridge starts Logback with.
              Sentry.init();
              org.slf4j.bridge.SLF4JBridgeHandler.install();
              java.util.logging.Logger jul = java.util.logging.Logger.getLogger("logs.slf4j.jul");
              jul.info("jul crumb");
              jul.severe("jul bridged");
            }
            case "log4j" -> {
              Sentry.init();
              org.apache.logging.log4j.Logger log4j = org.apache.logging.log4j.LogManager.getLogger("logs.slf4j.log4j");
              log4j.info("log4j crumb");
              log4j.error("log4j bridged {}", 5);
            }
            case "jdk14" -> {
              Sentry.init();
              log.info("jdk14 crumb");
              log.error("slf4j to jul {}", 9);
            }
            default -> throw new IllegalArgumentException(args[0]);
          }
          System.out.println("flushed=" + Sentry.flush(Duration.ofSeconds(60)));
        }

        private static void appenders() {
          ch.qos.logback.classic.Logger root = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
          java.util.List<String> names = new java.util.ArrayList<>();
          root.iteratorForAppenders().forEachRemaining(appender -> {
            if (appender instanceof sentry.integration.logback.SentryAppender) {
              names.add(appender.getName());
            }
          });
          System.out.println("sentry appenders=" + names);
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
    app = Jvm.compile(work.resolve("app"), Map.of("module-info.java", MODULE_INFO, "logs/slf4j/Main.java", MAIN), all);
  }

  @ParameterizedTest(name = "module path {0}")
  @ValueSource(booleans = {true, false})
  void slf4jRecordsThroughLogbackWithMdcKeyValuesMarkersAndAReset(boolean modulePath) throws Exception {
    try (Receiver receiver = Receiver.answering(200)) {
      Jvm.Run result = run(receiver.dsn(), modulePath, Main.LOGBACK, List.of(), "logback");

      assertThat(result.stdout()).contains("sentry appenders=[sentry.integration.logback]").contains("flushed=true");
      assertThat(receiver.events()).extracting(event -> event.path("logentry").path("formatted").asText())
          .containsExactlyInAnyOrder("logback failed 3", "after reset");
      JsonNode failed = receiver.events().stream()
          .filter(event -> event.path("logentry").path("formatted").asText().equals("logback failed 3"))
          .findFirst().orElseThrow();
      assertThat(failed.path("logger").asText()).isEqualTo("logs.slf4j.logback");
      assertThat(failed.path("level").asText()).isEqualTo("error");
      assertThat(failed.path("logentry").path("message").asText()).isEqualTo("logback failed {}");
      assertThat(failed.path("logentry").path("params").get(0).isInt()).as("a number stays a number").isTrue();
      assertThat(failed.path("contexts").path("Context Data").path("tenant").asText()).isEqualTo("t-1");
      assertThat(failed.path("extra").path("order").asInt()).isEqualTo(7);
      assertThat(failed.path("tags").path("logback.marker").asText()).isEqualTo("BILLING");
      JsonNode thrown = Sdk.thrown(failed);
      assertThat(thrown.path("type").asText()).isEqualTo("IllegalStateException");
      assertThat(thrown.path("mechanism").path("type").asText()).isEqualTo("logging");
      assertThat(thrown.path("mechanism").path("handled").asBoolean(false)).isTrue();
      assertThat(Sdk.breadcrumbs(failed)).filteredOn(crumb -> crumb.path("category").asText().equals("logs.slf4j.logback"))
          .singleElement().satisfies(crumb -> {
            assertThat(crumb.path("message").asText()).isEqualTo("logback crumb");
            assertThat(crumb.path("data").path("order").asInt()).isEqualTo(7);
            assertThat(crumb.path("data").path("tenant").asText()).isEqualTo("t-1");
          });
    }
  }

  @ParameterizedTest(name = "module path {0}")
  @ValueSource(booleans = {true, false})
  void aLogbackXmlThatDeclaresTheAppenderGetsNoAutomaticOne(boolean modulePath) throws Exception {
    Path file = Files.createTempFile(work, "logback", ".xml");
    Files.writeString(file, """
        <configuration>
          <appender name="SENTRY" class="sentry.integration.logback.SentryAppender"/>
          <root level="info"><appender-ref ref="SENTRY"/></root>
        </configuration>
        """, StandardCharsets.UTF_8);
    try (Receiver receiver = Receiver.answering(200)) {
      Jvm.Run result = run(receiver.dsn(), modulePath, Main.LOGBACK,
          List.of("-Dlogback.configurationFile=" + file), "declared");

      assertThat(result.stdout()).contains("sentry appenders=[SENTRY]").contains("flushed=true");
      assertThat(receiver.events()).singleElement().satisfies(event -> {
        assertThat(event.path("logentry").path("formatted").asText()).isEqualTo("declared event");
        assertThat(Sdk.crumbMessages(event, "logs.slf4j.declared")).containsExactly("declared crumb");
      });
    }
  }

  @ParameterizedTest(name = "module path {0}")
  @ValueSource(booleans = {true, false})
  void julThroughJulToSlf4jIntoLogbackIsReportedOnce(boolean modulePath) throws Exception {
    assertReportedOnce(modulePath, Main.LOGBACK.or(jar -> jar.startsWith("jul-to-slf4j")), "jul",
        "logs.slf4j.jul", "jul bridged", "jul crumb");
  }

  @ParameterizedTest(name = "module path {0}")
  @ValueSource(booleans = {true, false})
  void julBridgedAfterInitBeforeLogbackStartedIsReportedOnce(boolean modulePath) throws Exception {
    assertReportedOnce(modulePath, Main.LOGBACK.or(jar -> jar.startsWith("jul-to-slf4j")), "jul-late",
        "logs.slf4j.jul", "jul bridged", "jul crumb");
  }

  @ParameterizedTest(name = "module path {0}")
  @ValueSource(booleans = {true, false})
  void log4jApiThroughLog4jToSlf4jIntoLogbackIsReportedOnce(boolean modulePath) throws Exception {
    assertReportedOnce(modulePath, Main.LOGBACK.or(jar -> jar.startsWith("log4j-to-slf4j")),
        "log4j", "logs.slf4j.log4j", "log4j bridged 5", "log4j crumb");
  }

  @ParameterizedTest(name = "module path {0}")
  @ValueSource(booleans = {true, false})
  void slf4jThroughSlf4jJdk14IntoJulIsReportedOnce(boolean modulePath) throws Exception {
    assertReportedOnce(modulePath, jar -> jar.startsWith("slf4j-api") || jar.startsWith("slf4j-jdk14"), "jdk14",
        "logs.slf4j.jdk14", "slf4j to jul 9", "jdk14 crumb");
  }

  @Test
  void theFiltersPickTheBackendsTheScenariosName() {
    assertThat(dependencies).extracting(jar -> jar.getFileName().toString())
        .anyMatch(Main.LOGBACK).anyMatch(jar -> jar.startsWith("slf4j-jdk14"))
        .anyMatch(jar -> jar.startsWith("log4j-to-slf4j")).anyMatch(jar -> jar.startsWith("jul-to-slf4j"));
  }

  private static void assertReportedOnce(boolean modulePath, Predicate<String> jars, String scenario, String logger,
      String formatted, String crumb) throws Exception {
    try (Receiver receiver = Receiver.answering(200)) {
      Jvm.Run result = run(receiver.dsn(), modulePath, jars, List.of(), scenario);

      assertThat(result.stdout()).contains("flushed=true");
      assertThat(receiver.events()).singleElement().satisfies(event -> {
        assertThat(event.path("logger").asText()).isEqualTo(logger);
        assertThat(event.path("logentry").path("formatted").asText()).isEqualTo(formatted);
        assertThat(Sdk.crumbMessages(event, logger)).containsExactly(crumb);
      });
    }
  }

  /** The jars each scenario picks by name, besides the SDK's own. */
  private static final class Main {
    static final Predicate<String> LOGBACK = jar -> jar.startsWith("slf4j-api") || jar.startsWith("logback-");
  }

  /** Runs the application with the SDK's jars and the library jars chosen by name. */
  private static Jvm.Run run(String dsn, boolean modulePath, Predicate<String> libraries, List<String> options,
      String scenario) throws Exception {
    List<Path> path = new ArrayList<>();
    for (Path jar : dependencies) {
      String name = jar.getFileName().toString();
      // sentry.core requires log4j-api (its diagnostics use it when a Log4j provider is there).
      // Not the Log4j integration (StructuredLogsTest's): it requires Log4j Core, which these JVMs lack.
      boolean sdk = name.startsWith("sentry-") && !name.startsWith("sentry-integration-log4j");
      if (sdk || name.startsWith("jackson-core") || name.startsWith("httpcore5")
          || name.startsWith("log4j-api")
          || libraries.test(name)) {
        path.add(jar);
      }
    }
    if (libraries.test("logback-classic.jar")) {
      // This module requires Logback for real: an application without Logback leaves it out.
      path.add(Jvm.classesUnderTest());
    }
    path.add(app);
    List<String> all = new ArrayList<>(options);
    Jvm jvm;
    String main;
    if (modulePath) {
      all.addAll(List.of("--add-modules", "ALL-MODULE-PATH"));
      jvm = Jvm.onModulePath(path);
      main = "logs.slf4j/logs.slf4j.Main";
    } else {
      jvm = Jvm.onClassPath(path);
      main = "logs.slf4j.Main";
    }
    Jvm.Run result = jvm.options(all).property("sentry.dsn", dsn)
        .property("sentry.shutdown-timeout-millis", "0")
        .timeout(EXIT_TIMEOUT)
        .run(Files.createTempDirectory(work, scenario), main, scenario);
    assertThat(result.exitCode()).as(result.describe()).isZero();
    assertThat(result.stderr()).as(result.describe()).doesNotContain("Exception in thread", "SLF4J(W)");
    return result;
  }
}
