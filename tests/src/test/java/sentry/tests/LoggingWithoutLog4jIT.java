package sentry.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import sentry.testing.Jvm;
import sentry.testing.Receiver;

/**
 * An application module that {@code requires sentry.integration.logging} to configure it, as the
 * README shows, compiled by javac on a module path of {@code sentry-api} (with JSpecify's
 * annotations) and {@code sentry-integration-logging} only (no Log4j, SLF4J or Logback jar anywhere), then run on the
 * module path with the SDK's runtime jars, where its {@code java.util.logging} record reaches a
 * receiver on 127.0.0.1. At run time {@code log4j-api} is there as {@code sentry-core}'s own
 * dependency (its diagnostics' front end); no Log4j Core, SLF4J or Logback.
 */
class LoggingWithoutLog4jIT {
  private static final String MODULE_INFO = """
      module com.example.jul {
        requires java.logging;
        requires sentry.api;
        requires sentry.integration.logging;
      }
      """;
  private static final String MAIN = """
      package com.example.jul;

      import java.util.logging.Logger;
      import sentry.api.Level;
      import sentry.api.Sentry;
      import sentry.integration.logging.LoggingIntegration;

      public final class Main {
        private Main() {}

        public static void main(String[] args) {
          Sentry.init(options -> options.addIntegration(new LoggingIntegration()
              .withEventLevel(Level.WARNING).ignoreLogger("com.example.jul.noisy")));
          Logger.getLogger("com.example.jul.noisy").severe("ignored");
          Logger.getLogger("com.example.jul.shop").info("basket opened");
          Logger.getLogger("com.example.jul.shop").warning("stock is low");
          Sentry.close();
        }
      }
      """;

  @Test
  void aModuleRequiringTheLoggingModuleCompilesWithoutLog4jAndDeliversAJulEvent() throws Exception {
    Path work = Files.createDirectories(BuildPaths.workDir().resolve("logging-without-log4j"));
    OutsideApp.deleteTree(work);
    // sentry-api and its one dependency, JSpecify's annotations (requires static).
    List<Path> api = BuildPaths.runtimeDependencies().stream().filter(p -> BuildPaths.explicitModuleName(p)
        .filter(name -> name.equals("sentry.api") || name.equals("org.jspecify")).isPresent()).toList();
    assertThat(api).hasSize(2);
    List<Path> compilePath = new ArrayList<>(api);
    compilePath.add(BuildPaths.integrationJar("logging"));
    assertThat(compilePath).map(p -> p.getFileName().toString()).noneMatch(LoggingWithoutLog4jIT::loggingLibrary);

    Path app = Jvm.compile(work.resolve("app"),
        Map.of("module-info.java", MODULE_INFO, "com/example/jul/Main.java", MAIN), compilePath);

    List<Path> modulePath = new ArrayList<>(BuildPaths.runtimeDependencies());
    modulePath.add(BuildPaths.integrationJar("logging"));
    modulePath.add(app);
    assertThat(modulePath).map(p -> p.getFileName().toString())
        .noneMatch(name -> loggingLibrary(name) && !name.startsWith("log4j-api-"));
    try (Receiver receiver = Receiver.start()) {
      Jvm.Run run = Jvm.onModulePath(modulePath).property("sentry.dsn", receiver.dsn())
          .timeout(Duration.ofSeconds(60)).run(work, "com.example.jul/com.example.jul.Main");

      assertThat(run.exitCode()).as(run.describe()).isZero();
      assertThat(run.stderr()).as(run.describe()).doesNotContain("Exception", "module not found");
      JsonNode event = receiver.awaitEvents(1, Duration.ofSeconds(10)).get(0);
      assertThat(event.path("logger").asText()).isEqualTo("com.example.jul.shop");
      assertThat(event.path("level").asText()).isEqualTo("warning");
      assertThat(event.at("/logentry/formatted").asText()).isEqualTo("stock is low");
      assertThat(event.at("/breadcrumbs/values").findValuesAsText("message")).contains("basket opened");
      assertThat(Wire.integrations(event)).contains("logging").doesNotContain("log4j", "logback");
      assertThat(receiver.events()).as("the ignored logger's record").hasSize(1);
    }
  }

  private static boolean loggingLibrary(String jarName) {
    return jarName.startsWith("log4j-") || jarName.startsWith("slf4j-") || jarName.startsWith("logback-");
  }
}
