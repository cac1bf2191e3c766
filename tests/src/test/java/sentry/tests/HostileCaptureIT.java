package sentry.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import sentry.testing.Receiver;

/**
 * Hostile values from the application, in a JVM of its own: an {@link Error} thrown by a captured
 * exception or an extra stops no sending (issue 12, item 1), and large values are cut when they
 * are captured (item 4): 150 breadcrumbs of 5 MB each (and a 5 MB extra set 150 times) in a JVM
 * with a 64 MB heap cost the scope its cut copies only.
 */
class HostileCaptureIT {
  @Test
  void anErrorFromTheApplicationsObjectsStopsNoSending() {
    // Issue 12, item 1, in a real JVM: getMessage() throws OutOfMemoryError, toString() InternalError.
    try (Receiver receiver = Receiver.start()) {
      Jvm.Run run = Jvm.onModulePath().integrations().property("sentry.dsn", receiver.dsn()).run("HostileErrors");
      assertThat(run.exitCode()).as("exit code (3: flush timed out)\n%s", run.describe()).isZero();
      List<JsonNode> events =
          Wire.events(receiver.await("2 events", r -> Wire.eventCount(r) >= 2, Duration.ofSeconds(10)));
      assertThat(events).hasSize(2);
      events.forEach(EventSchema::assertValid);
      assertThat(events).anySatisfy(event -> {
        assertThat(event.path("exception").path("values").path(0).path("value").asText())
            .isEqualTo("sentry.tests.app.HostileErrors$Hostile");
        assertThat(event.path("extra").path("hostile").asText()).isEqualTo("<toString failed: java.lang.InternalError>");
      });
      assertThat(events).anySatisfy(event ->
          assertThat(event.path("logentry").path("formatted").asText()).isEqualTo("after the hostile one"));
    }
  }

  @Test
  void hundredFiftyBreadcrumbsOfFiveMegabytesFitInASmallHeap() {
    try (Receiver receiver = Receiver.start()) {
      Jvm.Run run = Jvm.onModulePath().integrations().option("-Xmx64m")
          .property("sentry.dsn", receiver.dsn()).run("HugeBreadcrumbs");
      assertThat(run.exitCode()).as("exit code (4: out of memory, 3: flush timed out)\n%s", run.describe()).isZero();
      List<Receiver.Request> requests =
          receiver.await("1 event", r -> Wire.eventCount(r) >= 1, Duration.ofSeconds(10));
      List<JsonNode> events = Wire.events(requests);
      assertThat(events).hasSize(1);
      JsonNode event = events.get(0);
      EventSchema.assertValid(event);
      JsonNode crumbs = event.path("breadcrumbs").path("values");
      assertThat(crumbs.size()).as("breadcrumbs kept").isEqualTo(100);
      JsonNode newest = crumbs.get(crumbs.size() - 1);
      assertThat(newest.path("message").asText()).startsWith("crumb 149 x").endsWith("...").hasSize(8192);
      assertThat(event.path("extra").path("big").asText()).endsWith("...").hasSize(8192);
    }
  }
}
