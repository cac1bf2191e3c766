package sentry.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import sentry.testing.Receiver;

/**
 * The SDK prints nothing of its own: a JVM with only sentry.api, sentry.core and their
 * dependencies (jackson-core, httpcore5, log4j-api without a provider) is silent on start, capture,
 * flush and close, with or without a DSN. A bad DSN fails {@code init} with a message that names
 * the DSN and the rule, and a DSN's secret never shows in any output.
 */
class QuietIT {
  private static final String SECRET = "s3cr3t-7f1c0de";

  @ParameterizedTest(name = "module path: {0}")
  @ValueSource(booleans = {true, false})
  void sendingPrintsNothing(boolean modulePath) {
    try (Receiver receiver = Receiver.start()) {
      Jvm.Run run = jvm(modulePath).property("sentry.dsn", receiver.dsn()).run("Quiet");
      assertSilent(run);
      // Proof that the SDK really was at work while it kept quiet.
      receiver.await("2 events", r -> Wire.eventCount(r) >= 2, Duration.ofSeconds(10))
          .forEach(request -> Wire.checkRequest(request, null));
    }
  }

  @Test
  void noDsnPrintsNothing() {
    assertSilent(Jvm.onModulePath().run("NoDsn"));
  }

  @Test
  void badDsnFailsInitNamingTheDsnAndTheRule() {
    Jvm.Run run = Jvm.onModulePath().property("sentry.dsn", "foo").run("InitError");
    assertThat(run.exitCode())
        .as("exit code (the scenario exits with 2 when init did not throw)\n%s", run.describe())
        .isZero();
    assertThat(run.stderr()).as("stderr\n%s", run.describe()).isEmpty();
    String message = initFailure(run);
    assertThat(message).as("the message names the option").containsIgnoringCase("dsn");
    assertThat(message).as("the message shows the bad value").contains("foo");
    assertThat(message).as("the message states the rule").containsPattern("(?i)expected|must|should|requires?");
  }

  @Test
  void secretOfAGoodDsnIsNeverPrintedEvenInDebugMode() {
    try (Receiver receiver = Receiver.start()) {
      Jvm.Run run = Jvm.onModulePath()
          .property("sentry.dsn", receiver.dsnWithSecret(SECRET))
          .property("sentry.debug", "true")
          .run("Quiet");
      assertThat(run.exitCode()).as("exit code\n%s", run.describe()).isZero();
      assertThat(run.stdout() + run.stderr()).as("debug output, without which this test proves little")
          .isNotBlank();
      assertNoSecret(run);
      // The secret goes to Sentry in the auth header, and only there.
      receiver.await("2 events", r -> Wire.eventCount(r) >= 2, Duration.ofSeconds(10))
          .forEach(request -> Wire.checkRequest(request, SECRET));
    }
  }

  @Test
  void secretOfABadDsnIsNeverPrinted() {
    for (String dsn : List.of(
        "http://publickey:" + SECRET + "@127.0.0.1:9/",
        "ftp://publickey:" + SECRET + "@127.0.0.1:9/42",
        "http://:" + SECRET + "@127.0.0.1:9/42")) {
      Jvm.Run run = Jvm.onModulePath().property("sentry.dsn", dsn).run("InitError");
      assertThat(run.exitCode())
          .as("exit code (the scenario exits with 2 when init did not throw)\n%s", run.describe())
          .isZero();
      assertThat(initFailure(run)).as("message for %s", dsn).containsIgnoringCase("dsn");
      assertNoSecret(run);
    }
  }

  private static Jvm jvm(boolean modulePath) {
    return modulePath ? Jvm.onModulePath() : Jvm.onClassPath();
  }

  private static void assertSilent(Jvm.Run run) {
    assertThat(run.exitCode()).as("exit code\n%s", run.describe()).isZero();
    assertThat(run.stderr())
        .as("stderr\n%s", run.describe())
        .doesNotContain("Log4j API could not find a logging provider")
        .doesNotContain("SLF4J")
        .isEmpty();
    assertThat(run.stdout()).as("stdout\n%s", run.describe()).isEmpty();
  }

  private static String initFailure(Jvm.Run run) {
    assertThat(run.stdout()).as("the scenario's marker\n%s", run.describe()).startsWith("init failed: ");
    return run.stdout().substring("init failed: ".length()).strip();
  }

  private static void assertNoSecret(Jvm.Run run) {
    // The command line holds the secret (the test put it there); what the JVM printed must not.
    assertThat(run.stdout()).as("stdout\n%s", run.describe()).doesNotContain(SECRET);
    assertThat(run.stderr()).as("stderr\n%s", run.describe()).doesNotContain(SECRET);
  }
}
