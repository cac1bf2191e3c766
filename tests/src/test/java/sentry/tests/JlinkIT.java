package sentry.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import sentry.testing.Receiver;

/**
 * The README's "Packaging" section: the Quick start application (built outside the reactor, see
 * {@link OutsideApp}), its runtime dependencies copied by Maven, linked by {@code jlink
 * --bind-services} on the JDK that runs the build (17 in CI) into a runtime image, which starts and
 * delivers its event through the {@code jdk} transport: no automatic module in the image. The
 * commands are the README's, word for word.
 */
class JlinkIT {
  @Test
  void aJlinkImageOfTheQuickStartDeliversItsEvent() throws Exception {
    try (Receiver receiver = Receiver.start()) {
      OutsideApp app = OutsideApp.buildQuickStart(BuildPaths.workDir().resolve("jlink"), receiver.dsn());
      // README: mvn dependency:copy-dependencies -DincludeScope=runtime -DexcludeTypes=pom
      app.maven("dependency:copy-dependencies", "-DincludeScope=runtime", "-DexcludeTypes=pom");
      Path image = app.dir().resolve("target/image");
      // README: jlink --module-path target/classes:target/dependency --add-modules com.example.shop
      //   --bind-services --strip-debug --no-header-files --no-man-pages --output target/image
      Result linked = run(app.dir(), List.of(jdkTool("jlink"), "--module-path",
          "target/classes" + java.io.File.pathSeparator + "target/dependency", "--add-modules", OutsideApp.MODULE,
          "--bind-services", "--strip-debug", "--no-header-files", "--no-man-pages", "--output", "target/image"));
      assertThat(linked.exitCode()).as(linked.output()).isZero();

      Result modules = run(app.dir(), List.of(image.resolve("bin/java").toString(), "--list-modules"));
      assertThat(modules.output()).contains("sentry.core@", "sentry.transport.jdk@", "sentry.integration.atexit@")
          .doesNotContain("httpcore5");

      // README: target/image/bin/java -m com.example.shop/com.example.shop.Main
      Result ran = run(app.dir(), List.of(image.resolve("bin/java").toString(), "-Dsentry.debug=true",
          "-m", OutsideApp.MODULE + "/" + OutsideApp.MAIN));
      assertThat(ran.exitCode()).as(ran.output()).isZero();
      assertThat(ran.output()).as("debug names the transport").contains("transport: jdk");
      List<JsonNode> events = receiver.awaitEvents(1, Duration.ofSeconds(10));
      assertThat(events).hasSize(1);
      assertThat(events.get(0).at("/exception/values/0/value").asText()).isEqualTo("the basket is empty");
      assertThat(events.get(0).path("release").asText()).isEqualTo("shop@1.4.2");
      System.out.printf("jlink image of the Quick start: %d MiB%n", size(image) >> 20);
    }
  }

  private record Result(int exitCode, String output) {}

  private static Result run(Path dir, List<String> command) throws IOException, InterruptedException {
    Path log = Files.createTempFile(BuildPaths.workDir(), "jlink-", ".log");
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile());
    builder.environment().keySet().removeIf(key -> key.startsWith("SENTRY_") || key.endsWith("JAVA_OPTIONS")
        || key.equals("JAVA_TOOL_OPTIONS"));
    Process process = builder.start();
    process.getOutputStream().close();
    if (!process.waitFor(3, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("did not finish within 3 minutes: " + command);
    }
    return new Result(process.exitValue(), String.join(" ", command) + "\n"
        + Files.readString(log, StandardCharsets.UTF_8));
  }

  private static String jdkTool(String name) {
    return Path.of(System.getProperty("java.home"), "bin", name).toString();
  }

  private static long size(Path dir) throws IOException {
    List<Long> sizes = new ArrayList<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        sizes.add(Files.size(file));
      }
    }
    return sizes.stream().mapToLong(Long::longValue).sum();
  }
}
