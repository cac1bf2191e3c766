package sentry.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import sentry.testing.Envelope;
import sentry.testing.Receiver;

/**
 * The Capture scenario in a real JVM delivers its two events (an exception with three causes and a
 * message) to a local receiver, on the module path and on the class path (where sentry.core is
 * found through META-INF/services). Events are checked as the JSON that went over the wire.
 */
class ModulePathIT {
  private static final String CAPTURE = "sentry.tests.app.Capture";

  @Test
  void captureDeliversOnTheModulePath() {
    delivers(Jvm.onModulePath(), true);
  }

  @Test
  void captureDeliversOnTheClassPath() {
    delivers(Jvm.onClassPath(), false);
  }

  private static void delivers(Jvm jvm, boolean modulePath) {
    try (Receiver receiver = Receiver.start()) {
      Jvm.Run run = jvm.property("sentry.dsn", receiver.dsn()).run("Capture");
      assertThat(run.exitCode())
          .as("exit code (the scenario exits with 3 when flush timed out)\n%s", run.describe())
          .isZero();
      Map<String, String> ids = Wire.markers(run.stdout());
      assertThat(ids).as("ids the captures returned\n%s", run.describe()).containsOnlyKeys("exception", "message");

      List<Receiver.Request> requests =
          receiver.await("2 events", r -> Wire.eventCount(r) >= 2, Duration.ofSeconds(10));
      Map<String, JsonNode> byId = new LinkedHashMap<>();
      for (Receiver.Request request : requests) {
        Envelope envelope = Wire.checkRequest(request, null);
        for (JsonNode event : envelope.events()) {
          byId.put(Wire.eventId(event), event);
          JsonNode sdk = event.path("sdk");
          assertThat(Wire.auth(request.header("X-Sentry-Auth")).get("sentry_client"))
              .as("sentry_client against the event's sdk %s", sdk)
              .isEqualTo(sdk.path("name").asText() + "/" + sdk.path("version").asText());
        }
      }
      assertThat(byId.keySet()).as("event ids sent").containsExactlyInAnyOrderElementsOf(ids.values());

      JsonNode exception = byId.get(ids.get("exception"));
      JsonNode message = byId.get(ids.get("message"));
      for (JsonNode event : List.of(exception, message)) {
        checkCommon(event);
        EventSchema.assertValid(event);
      }
      checkExceptionChain(exception, modulePath);
      if (exception.has("level")) {
        assertThat(exception.path("level").asText()).as("level of the exception event").isEqualTo("error");
      }
      checkMessage(message);
    }
  }

  /** What every event of the scenario carries: required keys, scope data, default contexts. */
  private static void checkCommon(JsonNode event) {
    assertThat(event.has("timestamp")).as("timestamp in %s", event).isTrue();
    assertThat(event.path("platform").asText()).as("platform").isEqualTo("java");
    assertThat(event.path("environment").asText("")).as("environment").isNotBlank();

    assertThat(tags(event)).as("tags").containsEntry("scenario", "capture");
    JsonNode user = event.path("user");
    assertThat(user.path("id").asText()).as("user.id in %s", user).isEqualTo("user-42");
    assertThat(user.path("username").asText()).as("user.username").isEqualTo("scenario-user");
    assertThat(user.path("email").asText()).as("user.email").isEqualTo("user-42@example.invalid");

    JsonNode crumbs = event.path("breadcrumbs").path("values");
    assertThat(crumbs.isArray()).as("breadcrumbs.values in %s", event.path("breadcrumbs")).isTrue();
    List<JsonNode> stepCrumbs = new ArrayList<>();
    crumbs.forEach(c -> {
      if ("scenario.step".equals(c.path("category").asText())) {
        stepCrumbs.add(c);
      }
    });
    assertThat(stepCrumbs).as("breadcrumbs of category scenario.step in %s", crumbs).hasSize(1);
    JsonNode crumb = stepCrumbs.get(0);
    assertThat(crumb.path("message").asText()).isEqualTo("about to fail on purpose");
    assertThat(crumb.path("data").path("attempt").asInt(-1)).as("data.attempt of %s", crumb).isEqualTo(1);
    assertThat(crumb.has("timestamp")).as("timestamp of %s", crumb).isTrue();

    JsonNode contexts = event.path("contexts");
    for (String name : List.of("os", "runtime", "device")) {
      assertThat(contexts.path(name).isObject()).as("contexts.%s in %s", name, contexts).isTrue();
      assertThat(contexts.path(name).size()).as("contexts.%s", name).isPositive();
    }
    assertThat(contexts.path("os").path("name").asText("")).as("contexts.os.name").isNotBlank();
    assertThat(contexts.path("runtime").path("name").asText("")).as("contexts.runtime.name").isNotBlank();
    assertThat(contexts.path("runtime").path("version").asText(""))
        .as("contexts.runtime.version (the launched JVM is this one)")
        .contains(System.getProperty("java.version"));

    JsonNode sdk = event.path("sdk");
    assertThat(sdk.path("name").asText("")).as("sdk.name in %s", sdk).isNotBlank();
    assertThat(sdk.path("version").asText("")).as("sdk.version in %s", sdk).isNotBlank();
  }

  /**
   * IllegalStateException ← UncheckedIOException ← IOException ← ArithmeticException, sent
   * innermost cause first, linked by exception_id / parent_id as the official Java SDK links them.
   */
  private static void checkExceptionChain(JsonNode event, boolean modulePath) {
    JsonNode values = event.path("exception").path("values");
    assertThat(values.isArray()).as("exception.values in %s", event).isTrue();
    assertThat(values.size()).as("exception.values").isEqualTo(4);
    String[][] expected = {
      {"ArithmeticException", "java.lang", "/ by zero", "inner"},
      {"IOException", "java.io", "inner: computing buffer size", "inner"},
      {"UncheckedIOException", "java.io", "middle: could not read config", "middle"},
      {"IllegalStateException", "java.lang", "outer: request handling failed", "outer"},
    };
    for (int i = 0; i < 4; i++) {
      JsonNode value = values.get(i);
      String at = "exception.values[" + i + "] " + value.path("type").asText();
      assertThat(value.path("type").asText()).as(at).isEqualTo(expected[i][0]);
      assertThat(value.path("module").asText()).as(at + " module").isEqualTo(expected[i][1]);
      assertThat(value.path("value").asText()).as(at + " value").isEqualTo(expected[i][2]);
      assertThat(value.path("thread_id").isIntegralNumber()).as(at + " thread_id").isTrue();

      JsonNode mechanism = value.path("mechanism");
      int id = 3 - i;
      assertThat(mechanism.path("exception_id").asInt(-1)).as(at + " mechanism.exception_id in %s", mechanism)
          .isEqualTo(id);
      if (id == 0) {
        assertThat(mechanism.has("parent_id")).as(at + " (outermost) has no parent_id: %s", mechanism).isFalse();
        assertThat(mechanism.path("type").asText()).as(at + " mechanism.type").isEqualTo("generic");
        assertThat(mechanism.path("handled").asBoolean(false)).as(at + " mechanism.handled").isTrue();
      } else {
        assertThat(mechanism.path("parent_id").asInt(-1)).as(at + " mechanism.parent_id").isEqualTo(id - 1);
        assertThat(mechanism.path("type").asText()).as(at + " mechanism.type").isEqualTo("chained");
      }
      checkFrames(at, value.path("stacktrace").path("frames"), expected[i][3], modulePath);
    }
  }

  /** Frames run caller first (Capture.main) to the frame that threw last. */
  private static void checkFrames(String at, JsonNode frames, String thrower, boolean modulePath) {
    assertThat(frames.isArray() && frames.size() > 0).as(at + " stacktrace.frames: %s", frames).isTrue();
    JsonNode first = frames.get(0);
    JsonNode last = frames.get(frames.size() - 1);
    assertThat(first.path("module").asText() + "." + first.path("function").asText())
        .as(at + " first frame (the caller)").isEqualTo(CAPTURE + ".main");
    assertThat(last.path("module").asText() + "." + last.path("function").asText())
        .as(at + " last frame (the thrower)").isEqualTo(CAPTURE + "." + thrower);
    int scenarioFrames = 0;
    for (JsonNode frame : frames) {
      assertThat(frame.path("function").asText("")).as(at + " frame function %s", frame).isNotBlank();
      assertThat(frame.path("module").asText("")).as(at + " frame module %s", frame).isNotBlank();
      if (frame.path("module").asText().startsWith("sentry.tests.app.")) {
        scenarioFrames++;
        assertThat(frame.path("filename").asText()).as(at + " filename of %s", frame).isEqualTo("Capture.java");
        assertThat(frame.path("lineno").asInt(0)).as(at + " lineno of %s", frame).isPositive();
        assertThat(frame.path("in_app").asBoolean(false)).as(at + " in_app of %s", frame).isTrue();
      } else if (frame.path("module").asText().startsWith("java.")) {
        assertThat(frame.path("in_app").asBoolean(true)).as(at + " in_app of %s", frame).isFalse();
        if (modulePath) {
          assertThat(frame.path("package").asText(""))
              .as(at + " package (the JPMS module, maybe @version) of %s", frame)
              .matches("sentry\\.tests\\.app(@.+)?");
        }
      }
    }
    assertThat(scenarioFrames).as(at + " frames of the scenario").isGreaterThanOrEqualTo(2);
  }

  private static void checkMessage(JsonNode event) {
    JsonNode logentry = event.path("logentry");
    String text = logentry.path("formatted").asText(logentry.path("message").asText(""));
    assertThat(text).as("logentry of %s", event).isEqualTo("scenario message");
    assertThat(event.path("level").asText()).as("level").isEqualTo("warning");
    assertThat(event.has("exception")).as("a message event has no exception").isFalse();
  }

  /** Reads tags sent as an object or as an array of [key, value] pairs (both are valid). */
  static Map<String, String> tags(JsonNode event) {
    Map<String, String> tags = new LinkedHashMap<>();
    JsonNode node = event.path("tags");
    if (node.isObject()) {
      node.properties().forEach(e -> tags.put(e.getKey(), e.getValue().asText()));
    } else if (node.isArray()) {
      node.forEach(pair -> tags.put(pair.path(0).asText(), pair.path(1).asText()));
    }
    return tags;
  }
}
