package sentry.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the modules and argv integrations put in a real event, all five integrations present: the
 * event's {@code modules} (our modules with their versions, and the JDK) and {@code
 * extra["sys.argv"]} (the program and its arguments, a secret's value filtered unless
 * sendDefaultPii). Prints what it observed, to be quoted.
 */
class EventDataIT {
  private static final String VERSION = "0.1.0-SNAPSHOT";
  private static final String SECRET = "hunter2-5b9e";
  private static final String[] ARGS = {"alpha", "--password=" + SECRET, "--mode", "fast"};

  @Test
  void onTheModulePathModulesListsOurModulesAndArgvFiltersTheSecret() {
    JsonNode event = event(Jvm.onModulePath(), "module path");

    JsonNode modules = event.path("modules");
    List<String> ours = new ArrayList<>(List.of("sentry.api", "sentry.core"));
    BuildPaths.INTEGRATIONS.forEach(id -> ours.add("sentry.integration." + id));
    for (String module : ours) {
      assertThat(modules.path(module).asText(null)).as("modules[%s] in %s", module, modules).isEqualTo(VERSION);
    }
    assertThat(modules.path("java").asText("")).as("modules[java] in %s", modules)
        .startsWith(Integer.toString(Runtime.version().feature()));

    List<String> argv = argv(event);
    assertThat(argv).as("extra[sys.argv]").isNotEmpty();
    assertThat(argv.get(0)).as("the program, first").contains("sentry.tests.app").endsWith("Argv");
    assertThat(argv.subList(1, argv.size())).as("the program's arguments")
        .containsExactly("alpha", "--password=[Filtered]", "--mode", "fast");
    assertThat(event.toString()).as("the event").doesNotContain(SECRET);
  }

  @Test
  void withSendDefaultPiiTheSecretIsSentAsIs() {
    JsonNode event = event(Jvm.onModulePath().property("sentry.send-default-pii", "true"),
        "module path, sendDefaultPii");
    List<String> argv = argv(event);
    assertThat(argv.subList(1, argv.size())).as("the program's arguments")
        .containsExactly("alpha", "--password=" + SECRET, "--mode", "fast");
  }

  @Test
  void onTheClassPathModulesListsOurJarsAndArgvStartsWithTheMainClass() {
    JsonNode event = event(Jvm.onClassPath(), "class path");
    JsonNode modules = event.path("modules");
    List<String> ours = new ArrayList<>(List.of("sentry-api", "sentry-core"));
    BuildPaths.INTEGRATIONS.forEach(id -> ours.add("sentry-integration-" + id));
    for (String artifact : ours) {
      assertThat(modules.path(artifact).asText(null)).as("modules[%s] in %s", artifact, modules).isEqualTo(VERSION);
    }
    assertThat(modules.has("java")).as("modules[java] in %s", modules).isTrue();
    assertThat(argv(event)).as("extra[sys.argv]")
        .containsExactly("sentry.tests.app.Argv", "alpha", "--password=[Filtered]", "--mode", "fast");
  }

  private static JsonNode event(Jvm jvm, String label) {
    try (Receiver receiver = Receiver.start()) {
      Jvm.Run run = jvm.allIntegrations().property("sentry.dsn", receiver.dsn()).args(ARGS).run("Argv");
      assertThat(run.exitCode())
          .as("exit code (the scenario exits with 3 when flush timed out)\n%s", run.describe())
          .isZero();
      List<Receiver.Request> requests =
          receiver.await("1 event", r -> Wire.eventCount(r) >= 1, Duration.ofSeconds(10));
      requests.forEach(request -> Wire.checkRequest(request, null));
      List<JsonNode> events = Wire.events(requests);
      assertThat(events).as("events").hasSize(1);
      JsonNode event = events.get(0);
      EventSchema.assertValid(event);
      assertThat(Wire.integrations(event)).as("sdk.integrations")
          .containsExactlyInAnyOrderElementsOf(BuildPaths.INTEGRATIONS);
      System.out.println("observed (" + label + "), command: " + String.join(" ", run.command()));
      System.out.println("observed (" + label + "), modules: " + event.path("modules"));
      System.out.println("observed (" + label + "), extra[\"sys.argv\"]: " + event.path("extra").path("sys.argv"));
      return event;
    }
  }

  private static List<String> argv(JsonNode event) {
    JsonNode node = event.path("extra").path("sys.argv");
    assertThat(node.isArray()).as("extra[sys.argv] in %s", event.path("extra")).isTrue();
    List<String> argv = new ArrayList<>();
    node.forEach(n -> argv.add(n.asText()));
    return argv;
  }
}
