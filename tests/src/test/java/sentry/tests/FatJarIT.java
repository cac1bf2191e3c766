package sentry.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import sentry.testing.Jvm;
import sentry.testing.Receiver;

/**
 * A fat jar as the README's "Fat jars" section builds it: an application outside the reactor (see
 * {@link OutsideApp}) with the Quick start's dependencies, {@code sentry-integration-log4j} and
 * Log4j Core, and a {@code log4j2.xml} of its own that writes to a file, packaged by the README's
 * maven-shade configuration and run with {@code java -jar}. Its error, logged through {@code
 * LogManager.getLogger(Main.class)}, reaches a receiver on 127.0.0.1 (with log4j-core and its
 * version among the event's modules), and the application's own log file still gets its lines:
 * nothing of ours clobbered log4j-core's plugin index. The same jar without {@code Multi-Release}
 * (where Log4j puts the application's logger in another logger context than the SDK's) reports
 * too.
 */
class FatJarIT {
  private static final String PLUGIN_INDEX = "META-INF/org/apache/logging/log4j/core/config/plugins/Log4j2Plugins.dat";
  private static final String MAIN = """
      package com.example.shop;

      import org.apache.logging.log4j.LogManager;
      import org.apache.logging.log4j.Logger;
      import java.time.Duration;
      import sentry.api.Sentry;
      import sentry.integration.modules.ModulesIntegration;

      public final class Main {
        private static final Logger LOG = LogManager.getLogger(Main.class);

        private Main() {}

        public static void main(String[] args) {
          // The first event waits for the modules list (as the README's modules row says), which
          // takes longer to read from a fat jar than the error below takes to be captured.
          Sentry.init(options -> options.addIntegration(new ModulesIntegration(Duration.ofSeconds(10))));
          LOG.info("shop started");
          LOG.error("payment failed", new IllegalStateException("card declined"));
        }
      }
      """;
  private static final String LOG4J2_XML = """
      <?xml version="1.0" encoding="UTF-8"?>
      <Configuration status="warn" name="shop">
        <Appenders>
          <File name="ShopFile" fileName="shop.log"><PatternLayout pattern="%p %c %m%n"/></File>
        </Appenders>
        <Loggers>
          <Root level="info"><AppenderRef ref="ShopFile"/></Root>
        </Loggers>
      </Configuration>
      """;

  @Test
  void theReadmesShadeConfigurationKeepsTheAppsLog4jConfigurationAndReportsThroughGetLoggerOfAClass()
      throws Exception {
    String log4jVersion = System.getProperty("sentry.tests.log4jVersion");
    List<String> shade = OutsideApp.readmeBlocks("### Fat jars", "xml");
    assertThat(shade).as("the README's maven-shade block").hasSize(1);
    String quickStart = OutsideApp.readmeBlocks("## Quick start", "xml").get(0);
    int end = quickStart.lastIndexOf("</dependencies>");
    String dependencies = quickStart.substring(0, end) + """
          <dependency>
            <groupId>dev.sentrysdk</groupId>
            <artifactId>sentry-integration-log4j</artifactId>
          </dependency>
          <dependency>
            <groupId>org.apache.logging.log4j</groupId>
            <artifactId>log4j-core</artifactId>
            <version>%s</version>
          </dependency>
        """.formatted(log4jVersion) + quickStart.substring(end);

    Path dir = BuildPaths.workDir().resolve("fatjar");
    OutsideApp app = OutsideApp.build(dir, dependencies, shade.get(0), Map.of(
        "src/main/java/com/example/shop/Main.java", MAIN,
        "src/main/resources/log4j2.xml", LOG4J2_XML));
    app.maven("package", "-DskipTests");
    Path jar = dir.resolve("target/shop-1.4.2.jar");
    try (JarFile fat = new JarFile(jar.toFile())) {
      assertThat(fat.getManifest().getMainAttributes().getValue("Multi-Release")).isEqualTo("true");
      assertThat(new String(fat.getInputStream(fat.getEntry("META-INF/services/sentry.api.Integration"))
          .readAllBytes(), java.nio.charset.StandardCharsets.UTF_8))
          .as("every integration's service declaration, merged")
          .contains("sentry.integration.atexit.", "sentry.integration.logging.LoggingIntegration",
              "sentry.integration.log4j.Log4jIntegration", "sentry.integration.modules.");
      // log4j-core's own index, whole: it lists its File appender, which ours never did.
      assertThat(new String(fat.getInputStream(fat.getEntry(PLUGIN_INDEX)).readAllBytes(),
          java.nio.charset.StandardCharsets.ISO_8859_1)).contains("org.apache.logging.log4j.core.appender.FileAppender");
    }

    assertRunReports(jar, Files.createDirectories(dir.resolve("run")), log4jVersion);
    // The same jar without Multi-Release: Log4j then cannot find a logger's caller, and
    // getLogger(Main.class) and the SDK's own LogManager.getContext(false) get different contexts.
    Path single = dir.resolve("target/shop-1.4.2-single-release.jar");
    withoutMultiRelease(jar, single);
    assertRunReports(single, Files.createDirectories(dir.resolve("run-single-release")), log4jVersion);
  }

  private static void assertRunReports(Path jar, Path work, String log4jVersion) throws Exception {
    try (Receiver receiver = Receiver.start()) {
      Jvm.Run run = Jvm.launcher().property("sentry.dsn", receiver.dsn()).timeout(Duration.ofSeconds(60))
          .run(work, "-jar", jar.toString());

      assertThat(run.exitCode()).as(run.describe()).isZero();
      assertThat(Files.readString(work.resolve("shop.log")))
          .as("the application's own log4j2.xml still writes its file")
          .contains("INFO com.example.shop.Main shop started", "ERROR com.example.shop.Main payment failed");
      JsonNode event = receiver.awaitEvents(1, Duration.ofSeconds(10)).get(0);
      assertThat(event.path("logger").asText()).isEqualTo("com.example.shop.Main");
      assertThat(event.at("/logentry/formatted").asText()).isEqualTo("payment failed");
      assertThat(event.at("/exception/values/0/value").asText()).isEqualTo("card declined");
      assertThat(Wire.integrations(event)).contains("logging", "log4j", "modules");
      assertThat(event.at("/modules/log4j-core").asText()).as("modules: %s", event.path("modules"))
          .isEqualTo(log4jVersion);
      assertThat(event.at("/modules/log4j-api").asText()).isEqualTo(log4jVersion);
      assertThat(receiver.events()).as("reported once").hasSize(1);
    }
  }

  /** Copies a jar with the manifest's Multi-Release attribute taken out. */
  private static void withoutMultiRelease(Path from, Path to) throws Exception {
    try (JarFile in = new JarFile(from.toFile());
        var out = new java.util.jar.JarOutputStream(Files.newOutputStream(to))) {
      java.util.jar.Manifest manifest = new java.util.jar.Manifest(in.getManifest());
      manifest.getMainAttributes().remove(new java.util.jar.Attributes.Name("Multi-Release"));
      out.putNextEntry(new java.util.zip.ZipEntry(JarFile.MANIFEST_NAME));
      manifest.write(out);
      out.closeEntry();
      for (var entries = in.entries(); entries.hasMoreElements();) {
        java.util.jar.JarEntry entry = entries.nextElement();
        if (!entry.getName().equals(JarFile.MANIFEST_NAME)) {
          out.putNextEntry(new java.util.zip.ZipEntry(entry.getName()));
          in.getInputStream(entry).transferTo(out);
          out.closeEntry();
        }
      }
    }
  }
}
