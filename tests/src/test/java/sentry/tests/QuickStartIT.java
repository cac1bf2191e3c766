package sentry.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import sentry.testing.Jvm;
import sentry.testing.Receiver;

/**
 * The README's Quick start as a new user meets it: an application outside the reactor whose pom
 * holds the README's dependencies (the BOM and {@code sentry-defaults}) and whose code is the
 * README's snippet, built by Maven from this build's artifacts (see {@link OutsideApp}), run on
 * the module path and on the class path. Its DSN points at a receiver; nothing in it closes the
 * SDK, so the event arrives only if the defaults flush at exit.
 */
class QuickStartIT {
  @Test
  void theQuickStartDeliversItsEventOnTheModulePathAndOnTheClassPath() throws Exception {
    try (Receiver receiver = Receiver.start()) {
      OutsideApp app = OutsideApp.buildQuickStart(BuildPaths.workDir().resolve("quickstart"), receiver.dsn());
      assertThat(app.runtimePath()).map(path -> path.getFileName().toString())
          .anyMatch(name -> name.startsWith("sentry-core-"))
          .anyMatch(name -> name.startsWith("sentry-integration-atexit-"))
          .anyMatch(name -> name.startsWith("sentry-integration-threading-"));

      Jvm.Run onModulePath = Jvm.onModulePath(app.path()).timeout(Duration.ofSeconds(60))
          .run(BuildPaths.workDir(), OutsideApp.MODULE + "/" + OutsideApp.MAIN);
      assertThat(onModulePath.exitCode()).as(onModulePath.describe()).isZero();
      assertDelivered(receiver.awaitEvents(1, Duration.ofSeconds(10)), onModulePath);

      Jvm.Run onClassPath = Jvm.onClassPath(app.path()).timeout(Duration.ofSeconds(60))
          .run(BuildPaths.workDir(), OutsideApp.MAIN);
      assertThat(onClassPath.exitCode()).as(onClassPath.describe()).isZero();
      assertDelivered(receiver.awaitEvents(2, Duration.ofSeconds(10)).subList(1, 2), onClassPath);
      assertThat(receiver.events()).hasSize(2);
    }
  }

  private static void assertDelivered(List<JsonNode> events, Jvm.Run run) {
    assertThat(run.exitCode()).as(run.describe()).isZero();
    // stderr may hold atexit's two lines, should the send take over 0.1 s on a busy machine.
    assertThat(run.stderr()).as(run.describe()).doesNotContain("Exception");
    JsonNode event = events.get(events.size() - 1);
    assertThat(event.at("/exception/values/0/type").asText()).as(run.describe()).isEqualTo("IllegalStateException");
    assertThat(event.at("/exception/values/0/value").asText()).isEqualTo("the basket is empty");
    assertThat(event.path("release").asText()).isEqualTo("shop@1.4.2");
    assertThat(event.at("/tags/region").asText()).isEqualTo("eu-west");
    assertThat(event.at("/breadcrumbs/values/0/message").asText()).isEqualTo("opened the basket");
    // The defaults were all there: modules and argv fill in their parts.
    assertThat(event.at("/extra/sys.argv").isMissingNode()).as("argv ran\n%s", run.describe()).isFalse();
    EventSchema.assertValid(event);
  }
}
