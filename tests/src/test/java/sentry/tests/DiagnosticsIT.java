package sentry.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import sentry.testing.Receiver;

/**
 * The SDK's own warnings reach the application's logging back end: Log4j Core when the
 * application has it, else {@code java.util.logging}, whose default prints them on stderr. In
 * debug mode, what the back end's levels would hide goes to stderr, prefixed {@code [sentry]}.
 * What the SDK's worker logs, while the JVM runs and during the exit flush (after the back end's
 * own shutdown hook closed its outputs), shows exactly once.
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

  @ParameterizedTest(name = "when the worker fails: {0}, debug: {1}, module path: {2}")
  @CsvSource({"exit, true, true", "flush, true, true", "exit, false, true", "exit, true, false"})
  void workerLinesShowOnceWithTheDefaults(String when, boolean debug, boolean modulePath) {
    Jvm.Run run = (modulePath ? Jvm.onModulePath() : Jvm.onClassPath()).allIntegrations()
        .property("sentry.dsn", Receiver.unreachableDsn())
        .property("sentry.debug", String.valueOf(debug))
        .args(when)
        .run("Unreachable");
    assertWorkerLinesOnce(run, debug);
  }

  @ParameterizedTest(name = "debug: {0}")
  @CsvSource({"true", "false"})
  void workerLinesShowOnceWithLog4jCoreDuringTheExitFlush(boolean debug) throws URISyntaxException {
    Path log4jCore = Path.of(System.getProperty("sentry.tests.log4jCoreJar"));
    Path config = Path.of(DiagnosticsIT.class.getResource("/log4j2-info.xml").toURI());
    Jvm.Run run = Jvm.onModulePath(List.of(BuildPaths.appJar(), log4jCore)).allIntegrations().integrations("log4j")
        .property("sentry.dsn", Receiver.unreachableDsn())
        .property("sentry.debug", String.valueOf(debug))
        .property("log4j2.configurationFile", config.toString())
        .addModules("org.apache.logging.log4j.core")
        .args("exit")
        .run("sentry.tests.app", "sentry.tests.app.Unreachable", "Unreachable-log4j");
    assertWorkerLinesOnce(run, debug);
  }

  /**
   * The worker's warning shows once on the console (stdout or stderr, whichever the back end
   * uses), and in debug mode so does its detail line for one of the two events.
   */
  private static void assertWorkerLinesOnce(Jvm.Run run, boolean debug) {
    assertThat(run.exitCode()).as(run.describe()).isZero();
    String console = run.stdout() + run.stderr();
    assertThat(count(console, "Could not reach Sentry")).as("the worker's warning, once\n%s", run.describe())
        .isEqualTo(1);
    Matcher captured = Pattern.compile("captured ([0-9a-f]{32})").matcher(run.stdout());
    int detail = 0;
    int events = 0;
    while (captured.find()) {
      events++;
      int lines = count(console, "Could not send envelope " + captured.group(1));
      assertThat(lines).as("no line twice\n%s", run.describe()).isLessThanOrEqualTo(1);
      detail += lines;
    }
    assertThat(events).as("the app printed the ids of its two events\n%s", run.describe()).isEqualTo(2);
    assertThat(detail).as("the worker's debug line for the event it did not warn about\n%s", run.describe())
        .isEqualTo(debug ? 1 : 0);
  }

  private static int count(String text, String part) {
    return text.split(Pattern.quote(part), -1).length - 1;
  }
}
