package sentry.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import sentry.testing.Receiver;

/**
 * Pick and choose: the integrations a real JVM installs are the ones whose jars are on its path
 * (found through {@code provides} on the module path, through {@code META-INF/services} on the
 * class path), less the disabled ones, or only the explicit ones with default integrations off;
 * an explicit instance replaces the discovered one with the same identifier, options and all. The
 * event's {@code sdk.integrations} says what was installed.
 */
class IntegrationChoiceIT {
  private static final List<String> ALL = BuildPaths.INTEGRATIONS;

  @ParameterizedTest(name = "module path: {0}")
  @ValueSource(booleans = {true, false})
  void withoutIntegrationJarsNoneIsInstalled(boolean modulePath) {
    assertThat(Wire.integrations(event(jvm(modulePath)))).as("sdk.integrations").isEmpty();
  }

  @ParameterizedTest(name = "module path: {0}")
  @ValueSource(booleans = {true, false})
  void onlyTheExcepthookJarInstallsOnlyExcepthook(boolean modulePath) {
    JsonNode event = event(jvm(modulePath).integrations("excepthook"));
    assertThat(Wire.integrations(event)).as("sdk.integrations").containsExactly("excepthook");
  }

  @ParameterizedTest(name = "module path: {0}")
  @ValueSource(booleans = {true, false})
  void everyIntegrationJarInstallsItsIntegration(boolean modulePath) {
    JsonNode event = event(jvm(modulePath).allIntegrations());
    assertThat(Wire.integrations(event)).as("sdk.integrations").containsExactlyInAnyOrderElementsOf(ALL);
  }

  @ParameterizedTest(name = "module path: {0}")
  @ValueSource(booleans = {true, false})
  void sdkPackagesListEverySdkArtifactInUseWithItsVersion(boolean modulePath) {
    JsonNode event = event(jvm(modulePath).integrations("excepthook", "dedupe"));
    String version = event.path("sdk").path("version").asText();
    assertThat(version).as("sdk.version").isNotBlank().isNotEqualTo("unknown");
    List<String> packages = new java.util.ArrayList<>();
    event.path("sdk").path("packages").forEach(p -> packages.add(p.path("name").asText() + " " + p.path("version").asText()));
    List<String> expected = new java.util.ArrayList<>(List.of(
        "maven:dev.sentrysdk:sentry-api " + version,
        "maven:dev.sentrysdk:sentry-core " + version,
        "maven:dev.sentrysdk:sentry-integration-dedupe " + version,
        "maven:dev.sentrysdk:sentry-integration-excepthook " + version));
    if (modulePath) {
      // On the module path every SDK module of the boot layer: sentry-core brings the JDK transport,
      // and this module's runtime dependencies the HttpCore one.
      expected.add("maven:dev.sentrysdk:sentry-transport-httpcore " + version);
      expected.add("maven:dev.sentrysdk:sentry-transport-jdk " + version);
    }
    assertThat(packages).as("sdk.packages of %s", event.path("sdk")).containsExactlyElementsOf(expected);
  }

  @ParameterizedTest(name = "module path: {0}")
  @ValueSource(booleans = {true, false})
  void theDisabledListRemovesThoseIntegrations(boolean modulePath) {
    JsonNode event = event(jvm(modulePath).allIntegrations()
        .property("sentry.disabled-integrations", "argv,modules"));
    List<String> others = ALL.stream().filter(id -> !id.equals("argv") && !id.equals("modules")).toList();
    assertThat(Wire.integrations(event)).as("sdk.integrations").containsExactlyInAnyOrderElementsOf(others);
    // Not merely unlisted: they did not run.
    assertThat(event.has("modules")).as("modules in an event without the modules integration").isFalse();
    assertThat(event.path("extra").has("sys.argv")).as("extra[sys.argv] without the argv integration").isFalse();
  }

  @ParameterizedTest(name = "module path: {0}")
  @ValueSource(booleans = {true, false})
  void withDefaultIntegrationsOffOnlyTheExplicitOneIsInstalled(boolean modulePath) {
    JsonNode event = event(jvm(modulePath).allIntegrations()
        .property("sentry.default-integrations", "false")
        .args("dedupe"));
    assertThat(Wire.integrations(event)).as("sdk.integrations").containsExactly("dedupe");
    assertThat(event.has("modules")).as("modules (the modules jar is present, not installed)").isFalse();
  }

  /**
   * Every default integration's jar on the path, and the scenario passes its own atexit integration
   * with a callback (and its own excepthook integration with alwaysRun) to a client whose server
   * never answers:
   * at exit the callback runs instead of the default stderr message, and each identifier is
   * installed once.
   */
  @ParameterizedTest(name = "module path: {0}")
  @ValueSource(booleans = {true, false})
  void anExplicitInstanceReplacesTheDiscoveredOneWithItsOptions(boolean modulePath) {
    try (Receiver receiver = Receiver.hanging()) {
      Jvm.Run run = jvm(modulePath).allIntegrations()
          .property("sentry.dsn", receiver.dsn())
          .property("sentry.shutdown-timeout-millis", "1500")
          .args("atexit-callback", "excepthook-always-run")
          .run("Pending");
      assertThat(run.exitCode()).as("exit code\n%s", run.describe()).isZero();
      assertThat(run.stdout()).as("the explicit callback's output\n%s", run.describe())
          .containsPattern("(?m)^explicit atexit callback: 1 pending, up to PT[0-9.]+S$");
      assertThat(run.stderr()).as("the discovered integration's message is replaced\n%s", run.describe())
          .doesNotContain("Sentry is attempting")
          .doesNotContain("Waiting up to");

      List<Receiver.Request> requests =
          receiver.await("1 event", r -> Wire.eventCount(r) >= 1, Duration.ofSeconds(10));
      JsonNode event = Wire.events(requests).get(0);
      assertThat(Wire.integrations(event)).as("sdk.integrations: each identifier once")
          .hasSize(ALL.size())
          .containsExactlyInAnyOrderElementsOf(ALL);
    }
  }

  private static Jvm jvm(boolean modulePath) {
    return modulePath ? Jvm.onModulePath() : Jvm.onClassPath();
  }

  /** Runs the Integrations scenario against a receiver and returns its one event. */
  private static JsonNode event(Jvm jvm) {
    try (Receiver receiver = Receiver.start()) {
      Jvm.Run run = jvm.property("sentry.dsn", receiver.dsn()).run("Integrations");
      assertThat(run.exitCode())
          .as("exit code (the scenario exits with 3 when flush timed out)\n%s", run.describe())
          .isZero();
      assertThat(run.stderr()).as("stderr\n%s", run.describe()).isEmpty();
      List<Receiver.Request> requests =
          receiver.await("1 event", r -> Wire.eventCount(r) >= 1, Duration.ofSeconds(10));
      requests.forEach(request -> Wire.checkRequest(request, null));
      List<JsonNode> events = Wire.events(requests);
      assertThat(events).as("events").hasSize(1);
      return events.get(0);
    }
  }
}
