package sentry.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sentry.testing.Receiver;

/**
 * Configuration as a user meets it: a {@code sentry.properties} on the class path (in a folder, or
 * in a jar on the module path) and {@code SENTRY_*} variables, with misspelled keys warned about on
 * stderr and bad values failing {@code init} with the setting named as it was written.
 */
class ConfigurationIT {
  @TempDir Path dir;

  @Test
  void misspelledKeysInSentryPropertiesOnTheClassPathAreWarnedAboutOnceEach() throws IOException {
    try (Receiver receiver = Receiver.start()) {
      Path folder = Files.createDirectories(dir.resolve("resources"));
      Path file = Files.writeString(folder.resolve("sentry.properties"), String.join("\n",
          "dsn=" + receiver.dsn(), "release=from-file", "enviroment=staging", "sampleRate=0",
          "sample_rate=0", "frobnicate=yes", ""));
      Jvm.Run run = Jvm.onClassPath().pathEntry(folder).env("SENTRY_MAX_QUEU_SIZE", "10").run("Capture");
      assertThat(run.exitCode()).as(run.describe()).isZero();
      String where = "sentry.properties (" + file.toUri().toURL() + ")";
      assertThat(run.stderr()).as(run.describe())
          .contains(where + ": unknown key 'enviroment', did you mean 'environment'?")
          .contains(where + ": unknown key 'sampleRate', did you mean 'sample-rate'?")
          .contains(where + ": unknown key 'sample_rate', did you mean 'sample-rate'?")
          .contains(where + ": unknown key 'frobnicate', ignored")
          .contains("environment: unknown variable 'SENTRY_MAX_QUEU_SIZE', did you mean 'SENTRY_MAX_QUEUE_SIZE'?");
      assertThat(run.stderr().split("unknown key 'enviroment'", -1)).as("warned once").hasSize(2);
      // The known keys of the file apply; the misspelled ones do not (sampleRate=0 would send nothing).
      List<JsonNode> events = Wire.events(receiver.requests());
      assertThat(events).as(run.describe()).hasSize(2);
      assertThat(events).allSatisfy(event -> {
        assertThat(event.path("release").asText()).isEqualTo("from-file");
        assertThat(event.path("environment").asText()).isEqualTo("production");
      });
    }
  }

  @Test
  void sentryPropertiesInAJarOnTheModulePathIsRead() throws IOException {
    try (Receiver receiver = Receiver.start()) {
      Path jar = dir.resolve("settings.jar");
      try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
        out.putNextEntry(new JarEntry("sentry.properties"));
        OutputStream entry = out;
        entry.write(("dsn=" + receiver.dsn() + "\nrelease=from-jar\nenviroment=staging\n")
            .getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
      }
      Jvm.Run run = Jvm.onModulePath().pathEntry(jar).addModules("settings").run("Capture");
      assertThat(run.exitCode()).as(run.describe()).isZero();
      assertThat(run.stderr()).as(run.describe())
          .contains("sentry.properties (jar:" + jar.toUri() + "!/sentry.properties): "
              + "unknown key 'enviroment', did you mean 'environment'?");
      assertThat(Wire.events(receiver.requests())).as(run.describe()).isNotEmpty()
          .allSatisfy(event -> assertThat(event.path("release").asText()).isEqualTo("from-jar"));
    }
  }

  @Test
  void aBadValueInTheEnvironmentFailsInitNamingTheVariable() {
    Jvm.Run run = Jvm.onModulePath().env("SENTRY_SAMPLE_RATE", "2").run("InitError");
    assertThat(run.exitCode()).as("exit code (2 when init did not throw)\n%s", run.describe()).isZero();
    assertThat(run.stdout()).as(run.describe())
        .isEqualToIgnoringNewLines("init failed: SENTRY_SAMPLE_RATE=2: expected a number from 0.0 to 1.0");
  }

  @Test
  void aBadValueInSentryPropertiesFailsInitNamingTheFileAndKey() throws IOException {
    Path folder = Files.createDirectories(dir.resolve("bad"));
    Path file = Files.writeString(folder.resolve("sentry.properties"), "sample-rate=2\n");
    Jvm.Run run = Jvm.onClassPath().pathEntry(folder).run("InitError");
    assertThat(run.exitCode()).as("exit code (2 when init did not throw)\n%s", run.describe()).isZero();
    assertThat(run.stdout()).as(run.describe()).isEqualToIgnoringNewLines("init failed: sentry.properties ("
        + file.toUri().toURL() + "): sample-rate=2: expected a number from 0.0 to 1.0");
  }
}
