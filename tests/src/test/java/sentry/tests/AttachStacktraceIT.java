package sentry.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import sentry.testing.Receiver;

/**
 * {@code attachStacktrace} in a real JVM with every default integration: a message event and an
 * event from a log record carry the capturing thread's stack in {@code threads.values[0].stacktrace},
 * caller first and ending in the method that captured or logged, with no frame of the SDK or of
 * {@code java.util.logging}; an exception event has no thread stack.
 */
class AttachStacktraceIT {
  @Test
  void messageEventsCarryTheStackEndingAtTheCallerAndExceptionEventsDoNot() {
    try (Receiver receiver = Receiver.start()) {
      Jvm.Run run = Jvm.onModulePath().allIntegrations().property("sentry.dsn", receiver.dsn())
          .property("sentry.attach-stacktrace", "true").run("StackTrace");
      assertThat(run.exitCode()).as("exit code\n%s", run.describe()).isZero();
      List<Receiver.Request> requests =
          receiver.await("3 events", r -> Wire.eventCount(r) >= 3, Duration.ofSeconds(10));
      List<JsonNode> events = Wire.events(requests);
      assertThat(events).hasSize(3);
      events.forEach(EventSchema::assertValid);

      assertEndsIn(event(events, "a message with a stack"), "reportFromHere");
      assertEndsIn(event(events, "a log record with a stack"), "logFromHere");
      JsonNode exception = events.stream().filter(e -> e.has("exception")).findFirst().orElseThrow();
      JsonNode thread = exception.path("threads").path("values").get(0);
      assertThat(thread.has("stacktrace")).as("thread of the exception event: %s", thread).isFalse();
      assertThat(thread.path("current").asBoolean()).isTrue();
    }
  }

  @Test
  void offByDefault() {
    try (Receiver receiver = Receiver.start()) {
      Jvm.Run run = Jvm.onModulePath().allIntegrations().property("sentry.dsn", receiver.dsn()).run("StackTrace");
      assertThat(run.exitCode()).as("exit code\n%s", run.describe()).isZero();
      List<JsonNode> events = Wire.events(
          receiver.await("3 events", r -> Wire.eventCount(r) >= 3, Duration.ofSeconds(10)));
      assertThat(events).allSatisfy(event ->
          assertThat(event.path("threads").path("values").get(0).has("stacktrace")).isFalse());
    }
  }

  private static JsonNode event(List<JsonNode> events, String formatted) {
    return events.stream().filter(e -> e.path("logentry").path("formatted").asText().equals(formatted))
        .findFirst().orElseThrow(() -> new AssertionError("no event \"" + formatted + "\" in " + events));
  }

  private static void assertEndsIn(JsonNode event, String method) {
    JsonNode thread = event.path("threads").path("values").get(0);
    assertThat(thread.path("current").asBoolean()).isTrue();
    assertThat(thread.path("crashed").asBoolean()).isFalse();
    List<JsonNode> frames = new ArrayList<>();
    thread.path("stacktrace").path("frames").forEach(frames::add);
    assertThat(frames).as("frames of %s", event.path("logentry")).hasSizeGreaterThanOrEqualTo(2);
    JsonNode last = frames.get(frames.size() - 1);
    System.out.printf("attachStacktrace: %s ends in %s%n", event.path("logentry").path("formatted").asText(),
        frames.subList(Math.max(0, frames.size() - 2), frames.size()));
    assertThat(last.path("module").asText()).isEqualTo("sentry.tests.app.StackTrace");
    assertThat(last.path("function").asText()).isEqualTo(method);
    assertThat(last.path("filename").asText()).isEqualTo("StackTrace.java");
    assertThat(last.path("lineno").asInt()).isPositive();
    assertThat(last.path("in_app").asBoolean()).isTrue();
    assertThat(frames.get(frames.size() - 2).path("function").asText()).isEqualTo("main");
    assertThat(frames).extracting(frame -> frame.path("module").asText())
        .noneMatch(module -> module.startsWith("sentry.api.") || module.startsWith("sentry.core.")
            || module.startsWith("sentry.integration.") || module.startsWith("java.util.logging."));
  }
}
