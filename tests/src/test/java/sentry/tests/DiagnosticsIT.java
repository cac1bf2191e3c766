package sentry.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import sentry.testing.Receiver;

/**
 * The SDK's own warnings reach the application's logging back end: Log4j Core when the
 * application has it, else {@code java.util.logging}, whose default prints them on stderr. In
 * debug mode, what the back end's levels would hide goes to stderr, prefixed {@code [sentry]}.
 */
class DiagnosticsIT {
  @Test
  void withoutALog4jProviderWarningsGoToJavaUtilLogging() {
    try (Receiver receiver = Receiver.start()) {
      Jvm.Run run = Jvm.onModulePath().property("sentry.dsn", receiver.dsn()).run("BrokenCallback");
      assertThat(run.exitCode()).as(run.describe()).isZero();
      assertThat(run.stderr()).as(run.describe())
          .contains("WARNING: beforeSend threw; dropping event")
          .contains("broken on purpose")
          .doesNotContain("Log4j");
      // close() reports the drop in a client report; the event itself never goes out.
      assertThat(Wire.events(receiver.requests())).as("the dropped event is not sent").isEmpty();
    }
  }

  @Test
  void withLog4jCoreWarningsGoToLog4j() throws URISyntaxException {
    Path log4jCore = Path.of(System.getProperty("sentry.tests.log4jCoreJar"));
    Path config = Path.of(DiagnosticsIT.class.getResource("/log4j2-diagnostics.xml").toURI());
    try (Receiver receiver = Receiver.start()) {
      Jvm.Run run = Jvm.onModulePath(List.of(BuildPaths.appJar(), log4jCore))
          .property("sentry.dsn", receiver.dsn())
          .property("log4j2.configurationFile", config.toString())
          .addModules("org.apache.logging.log4j.core")
          .run("sentry.tests.app", "sentry.tests.app.BrokenCallback", "BrokenCallback-log4j");
      assertThat(run.exitCode()).as(run.describe()).isZero();
      assertThat(run.stdout()).as(run.describe())
          .contains("LOG4J WARN sentry.core.client - beforeSend threw; dropping event")
          .contains("broken on purpose");
      assertThat(run.stderr()).as(run.describe()).doesNotContain("WARNING: beforeSend threw");
    }
  }

  @Test
  void debugModeShowsOnStderrWithLog4jCoreAtInfo() throws URISyntaxException {
    Path log4jCore = Path.of(System.getProperty("sentry.tests.log4jCoreJar"));
    Path config = Path.of(DiagnosticsIT.class.getResource("/log4j2-info.xml").toURI());
    try (Receiver receiver = Receiver.start()) {
      Jvm.Run run = Jvm.onModulePath(List.of(BuildPaths.appJar(), log4jCore))
          .property("sentry.dsn", receiver.dsn())
          .property("sentry.debug", "true")
          .property("log4j2.configurationFile", config.toString())
          .addModules("org.apache.logging.log4j.core")
          .run("sentry.tests.app", "sentry.tests.app.Capture", "Capture-log4j-info");
      assertThat(run.exitCode()).as(run.describe()).isZero();
      assertThat(run.stderr()).as(run.describe()).contains("[sentry] DEBUG: Sentry initialised");
      assertThat(run.stderr().split("Sentry initialised", -1)).as("one line, not two").hasSize(2);
      assertThat(run.stdout()).as("Log4j at INFO shows no SDK detail\n%s", run.describe())
          .doesNotContain("Sentry initialised");
    }
  }

  @Test
  void debugModeShowsOnStderrWithTheJavaUtilLoggingRootAtWarning() throws URISyntaxException {
    Path config = Path.of(DiagnosticsIT.class.getResource("/logging-warning.properties").toURI());
    try (Receiver receiver = Receiver.start()) {
      Jvm.Run run = Jvm.onModulePath()
          .property("sentry.dsn", receiver.dsn())
          .property("sentry.debug", "true")
          .property("java.util.logging.config.file", config.toString())
          .run("Capture");
      assertThat(run.exitCode()).as(run.describe()).isZero();
      assertThat(run.stderr()).as(run.describe()).contains("[sentry] DEBUG: Sentry initialised");
      assertThat(run.stderr().split("Sentry initialised", -1)).as("one line, not two").hasSize(2);
    }
  }

  @Test
  void debugModeLeavesWhatTheBackEndShowsToIt() {
    try (Receiver receiver = Receiver.start()) {
      Jvm.Run run = Jvm.onModulePath().property("sentry.dsn", receiver.dsn())
          .property("sentry.debug", "true").run("Capture");
      assertThat(run.exitCode()).as(run.describe()).isZero();
      assertThat(run.stderr()).as("java.util.logging at its default INFO prints the detail\n%s", run.describe())
          .contains("INFO: Sentry initialised")
          .doesNotContain("[sentry]");
    }
  }
}
