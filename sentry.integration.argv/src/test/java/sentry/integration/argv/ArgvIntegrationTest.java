package sentry.integration.argv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import sentry.api.Sentry;
import sentry.api.SentryEvent;
import sentry.api.SentryOptions;
import sentry.testing.Receiver;

/** The integration inside the real SDK, on this test JVM, sending to a real HTTP server. */
class ArgvIntegrationTest {
  private Receiver receiver;

  @BeforeEach
  void start() throws Exception {
    receiver = Receiver.start();
  }

  @AfterEach
  void stop() {
    Sentry.close();
    receiver.close();
  }

  private List<JsonNode> send(Consumer<SentryOptions> configuration, SentryEvent event) {
    Sentry.init(options -> {
      options.setDsn(receiver.dsn());
      configuration.accept(options);
    });
    Sentry.captureEvent(event);
    assertThat(Sentry.flush(Duration.ofSeconds(10))).isTrue();
    return receiver.events();
  }

  private static List<String> strings(JsonNode array) {
    List<String> strings = new ArrayList<>();
    array.forEach(item -> strings.add(item.asText()));
    return strings;
  }

  @Test
  void theDiscoveredIntegrationSendsThisJvmsCommandLine() {
    List<JsonNode> events = send(options -> {}, new SentryEvent());

    assertThat(events).hasSize(1);
    JsonNode argv = events.get(0).at("/extra/sys.argv");
    assertThat(argv.isArray()).isTrue();
    List<String> expected = new ArgvIntegration().commandLine(CommandLine.current(), false);
    assertThat(strings(argv)).isEqualTo(expected);
    assertThat(strings(argv).get(0)).isEqualTo(System.getProperty("sun.java.command").split(" ")[0]);
  }

  @Test
  void anEventKeepsItsOwnValue() {
    SentryEvent event = new SentryEvent();
    event.getExtra().put(ArgvIntegration.EXTRA_KEY, "mine");

    List<JsonNode> events = send(options -> {}, event);

    assertThat(events.get(0).at("/extra/sys.argv").asText()).isEqualTo("mine");
  }

  @Test
  void anExplicitInstanceReplacesTheDiscoveredOneAndEachEventGetsAMutableCopy() {
    List<List<String>> seen = new ArrayList<>();
    List<JsonNode> events = send(options -> {
      options.addIntegration(new ArgvIntegration(List.of("Pin")));
      options.setBeforeSend((event, hint) -> {
        @SuppressWarnings("unchecked")
        List<String> argv = (List<String>) event.getExtra().get(ArgvIntegration.EXTRA_KEY);
        seen.add(List.copyOf(argv));
        argv.add("added-by-beforeSend");
        return event;
      });
    }, new SentryEvent());

    assertThat(events).hasSize(1);
    assertThat(strings(events.get(0).at("/extra/sys.argv"))).endsWith("added-by-beforeSend");
    assertThat(seen).hasSize(1);
    assertThat(strings(events.get(0).at("/sdk/integrations"))).containsOnlyOnce("argv");
  }

  @Test
  void filtersUnlessPersonalDataMaySeeSent() {
    ArgvIntegration integration = new ArgvIntegration();
    List<String> raw = List.of("app.jar", "--password", "hunter2", "--token=abc", "--port", "80");

    assertThat(integration.commandLine(raw, false))
        .containsExactly("app.jar", "--password", "[Filtered]", "--token=[Filtered]", "--port", "80");
    assertThat(integration.commandLine(raw, true)).isEqualTo(raw);
  }

  @Test
  void rejectsWordsThatCannotMatch() {
    assertThatThrownBy(() -> new ArgvIntegration(List.of("api-key")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"api-key\"");
    assertThatThrownBy(() -> new ArgvIntegration(List.of(""))).isInstanceOf(IllegalArgumentException.class);
  }
}
