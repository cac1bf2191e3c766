package sentry.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Dedupe end to end, all five integrations on the module path: one throwable captured twice and
 * then as the cause of a wrapper sends one event. With dedupe disabled, the same scenario sends
 * three, so it is dedupe that dropped the other two.
 */
class DedupeIT {
  @Test
  void oneThrowableCapturedTwiceAndThenWrappedSendsOneEvent() {
    List<JsonNode> events = events(Jvm.onModulePath().allIntegrations());
    assertThat(events).as("events").hasSize(1);
    JsonNode event = events.get(0);
    assertThat(Wire.integrations(event)).as("sdk.integrations").contains("dedupe");
    JsonNode values = event.path("exception").path("values");
    assertThat(values.size()).as("exception.values of %s", event.path("exception")).isEqualTo(1);
    assertThat(values.get(0).path("value").asText()).isEqualTo("captured three times");
  }

  @Test
  void withoutDedupeTheSameScenarioSendsThree() {
    List<JsonNode> events = events(Jvm.onModulePath().allIntegrations()
        .property("sentry.disabled-integrations", "dedupe"));
    assertThat(events).as("events").hasSize(3);
  }

  /** Runs the scenario; the JVM exits once flush saw every request answered, so all are recorded. */
  private static List<JsonNode> events(Jvm jvm) {
    try (Receiver receiver = Receiver.start()) {
      Jvm.Run run = jvm.property("sentry.dsn", receiver.dsn()).run("Dedupe");
      assertThat(run.exitCode())
          .as("exit code (the scenario exits with 3 when flush timed out)\n%s", run.describe())
          .isZero();
      assertThat(Wire.markers(run.stdout())).as("captures\n%s", run.describe())
          .containsOnlyKeys("first", "again", "wrapper");
      List<Receiver.Request> requests = receiver.requests();
      requests.forEach(request -> Wire.checkRequest(request, null));
      return Wire.events(requests);
    }
  }
}
