package sentry.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import sentry.testing.Receiver;

/**
 * An exception escaping {@code main}, with every default integration present: the event reaches
 * the server (mechanism excepthook, unhandled, fatal), and the JVM behaves exactly as without the
 * SDK:
 * the same trace on stderr, byte for byte, as the JVM prints itself when no integration is there,
 * and exit status 1. The trace comes at once; if the event is still on its way 0.1 s into the
 * shutdown, the atexit hook's two lines follow it while it waits (see UncaughtAtExitIT), so they
 * are taken off before the comparison.
 */
class UncaughtExceptionIT {
  @ParameterizedTest(name = "module path: {0}")
  @ValueSource(booleans = {true, false})
  void deliveredPrintedAsTheJvmPrintsItAndExitsWithOne(boolean modulePath) {
    try (Receiver receiver = Receiver.start()) {
      Jvm.Run run = jvm(modulePath).allIntegrations().property("sentry.dsn", receiver.dsn()).run("Crash");
      // The same scenario without any integration: the JVM prints the trace itself.
      Jvm.Run plain = jvm(modulePath).property("sentry.dsn", receiver.dsn()).run("Crash");

      assertThat(plain.exitCode()).as("exit code without integrations\n%s", plain.describe()).isEqualTo(1);
      assertThat(run.exitCode()).as("exit code\n%s", run.describe()).isEqualTo(1);
      assertThat(run.stderr()).as("stderr\n%s", run.describe())
          .startsWith("Exception in thread \"main\" java.io.UncheckedIOException: crash in main: cannot load")
          .contains("Caused by: java.io.IOException: disk on fire")
          .containsPattern("\tat (sentry\\.tests\\.app(@[^/]+)?/)?sentry\\.tests\\.app\\.Crash\\.main\\(Crash\\.java:\\d+\\)");
      String atexitLines = "(?m)^Sentry is attempting to send \\d+ pending events\\R^Waiting up to [\\d.]+ seconds\\R";
      assertThat(run.stderr().replaceAll(atexitLines, "")).as("stderr less the atexit lines\n%s", run.describe())
          .isEqualTo(plain.stderr());
      assertThat(run.stdout()).as("stdout\n%s", run.describe()).isEmpty();

      List<Receiver.Request> requests =
          receiver.await("1 event", r -> Wire.eventCount(r) >= 1, Duration.ofSeconds(10));
      requests.forEach(request -> Wire.checkRequest(request, null));
      List<JsonNode> events = Wire.events(requests);
      assertThat(events).as("events (the run without integrations sends none)").hasSize(1);
      JsonNode event = events.get(0);
      EventSchema.assertValid(event);
      assertThat(Wire.integrations(event)).as("sdk.integrations")
          .containsExactlyInAnyOrderElementsOf(BuildPaths.INTEGRATIONS);
      assertThat(event.path("level").asText()).as("level").isEqualTo("fatal");

      JsonNode values = event.path("exception").path("values");
      assertThat(values.size()).as("exception.values in %s", event.path("exception")).isEqualTo(2);
      JsonNode outermost = values.get(values.size() - 1);
      assertThat(outermost.path("type").asText()).as("type of the outermost").isEqualTo("UncheckedIOException");
      assertThat(outermost.path("value").asText()).isEqualTo("crash in main: cannot load");
      JsonNode mechanism = outermost.path("mechanism");
      assertThat(mechanism.path("type").asText()).as("mechanism.type in %s", mechanism).isEqualTo("excepthook");
      assertThat(mechanism.path("handled").isBoolean()).as("mechanism.handled in %s", mechanism).isTrue();
      assertThat(mechanism.path("handled").asBoolean()).as("mechanism.handled").isFalse();
      assertThat(values.get(0).path("type").asText()).as("the cause").isEqualTo("IOException");
    }
  }

  private static Jvm jvm(boolean modulePath) {
    return modulePath ? Jvm.onModulePath() : Jvm.onClassPath();
  }
}
