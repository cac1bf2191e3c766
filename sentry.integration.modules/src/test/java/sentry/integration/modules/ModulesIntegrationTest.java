package sentry.integration.modules;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import sentry.api.Sentry;
import sentry.api.SentryEvent;
import sentry.testing.Receiver;

/** The discovered integration inside the real SDK, on this test JVM, sending to a real HTTP server. */
class ModulesIntegrationTest {
  private Receiver receiver;

  @BeforeEach
  void start() throws Exception {
    receiver = Receiver.start();
    Sentry.init(options -> options.setDsn(receiver.dsn()));
  }

  @AfterEach
  void stop() {
    Sentry.close();
    receiver.close();
  }

  private Map<String, String> sentModules(SentryEvent event) throws Exception {
    // The list is made in the background; this test is about its content, not about the wait.
    ModuleInventory.shared().get();
    Sentry.captureEvent(event);
    assertThat(Sentry.flush(Duration.ofSeconds(10))).isTrue();
    List<JsonNode> events = receiver.events();
    assertThat(events).hasSize(1);
    Map<String, String> modules = new LinkedHashMap<>();
    events.get(0).path("modules").properties().forEach(field -> modules.put(field.getKey(), field.getValue().asText()));
    return modules;
  }

  @Test
  void listsTheJarsOfThisJvmWithTheirVersionsAndTheJdk() throws Exception {
    Map<String, String> modules = sentModules(new SentryEvent());

    assertThat(modules)
        .containsEntry("java", Runtime.version().toString())
        .containsEntry("junit-jupiter-api", System.getProperty("expected.junit.version"))
        .containsEntry("junit-jupiter-engine", System.getProperty("expected.junit.version"))
        .containsEntry("assertj-core", System.getProperty("expected.assertj.version"));
    assertThat(modules.keySet()).noneMatch(name -> name.startsWith("java.") || name.startsWith("jdk."));
    // Maven runs tests against sentry-api's jar once it is packaged (verify), against its classes
    // directory before (test); only a jar is listed.
    Path api = Path.of(Sentry.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    if (api.toString().endsWith(".jar")) {
      assertThat(modules).containsEntry("sentry-api", System.getProperty("expected.sentry.version"))
          .containsEntry("sentry-core", System.getProperty("expected.sentry.version"));
    }
  }

  @Test
  void anEventsOwnEntriesWin() throws Exception {
    SentryEvent event = new SentryEvent();
    event.getModules().put("assertj-core", "patched");

    Map<String, String> modules = sentModules(event);

    assertThat(modules).containsEntry("assertj-core", "patched").containsKey("java");
  }
}
