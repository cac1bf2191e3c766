package sentry.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import sentry.api.Hint;
import sentry.api.Hub;
import sentry.api.Level;
import sentry.api.Mechanism;
import sentry.api.SentryEvent;
import sentry.api.SentryOptions;
import sentry.core.json.JsonSupport;

/** Request-mode sessions: how captures mark them, what goes over the wire, what a drop counts. */
class RequestSessionsTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private TestReceiver receiver;
  private CoreBinding sentry;

  @BeforeEach
  void start() throws IOException {
    receiver = new TestReceiver();
    sentry = new CoreBinding();
  }

  @AfterEach
  void stop() {
    sentry.close();
    receiver.close();
  }

  private void init(Consumer<SentryOptions> more) {
    sentry.init(options -> {
      options.setDsn(receiver.dsn());
      options.setRelease("app@1.0");
      options.setEnvironment("staging");
      options.setDefaultIntegrations(false);
      more.accept(options);
    });
  }

  private List<JsonNode> sessionItems() {
    List<JsonNode> items = new ArrayList<>();
    for (TestReceiver.Request request : receiver.requests()) {
      String[] lines = JsonSupport.strictUtf8(request.body()).split("\n");
      for (int i = 1; i + 1 < lines.length; i += 2) {
        if (JsonSupport.parse(lines[i].getBytes(StandardCharsets.UTF_8)).path("type").asText().equals("sessions")) {
          items.add(JsonSupport.parse(lines[i + 1].getBytes(StandardCharsets.UTF_8)));
        }
      }
    }
    return items;
  }

  @Test
  void capturesThroughTheRequestsHubOrAScopeOnItMarkTheSession() throws InterruptedException {
    init(options -> {});
    Hub exited = sentry.mainHub().copy();
    exited.startRequestSession().close();
    Hub errored = sentry.mainHub().copy();
    Hub.RequestSession session = errored.startRequestSession();
    errored.captureMessage("a message does not count", Level.ERROR);
    errored.withScope(scope -> errored.captureException(new IllegalStateException("handled"), new Hint()));
    session.close();
    session.close();
    Hub crashed = sentry.mainHub().copy();
    Hub.RequestSession crashing = crashed.startRequestSession();
    crashed.captureEvent(SentryEvent.fromThrowable(new IllegalStateException("escaped"),
        new Mechanism("servlet", false)), new Hint());
    crashing.close();

    assertThat(sentry.client().flush(WAIT)).isTrue();
    receiver.awaitEvents(4, WAIT);
    List<JsonNode> items = sessionItems();
    assertThat(items).hasSize(1);
    JsonNode item = items.get(0);
    assertThat(item.at("/attrs/release").asText()).isEqualTo("app@1.0");
    assertThat(item.at("/attrs/environment").asText()).isEqualTo("staging");
    assertThat(item.at("/aggregates").size()).isEqualTo(1);
    JsonNode minute = item.at("/aggregates/0");
    assertThat(minute.path("started").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:00Z");
    assertThat(List.of(minute.path("exited").asLong(), minute.path("errored").asLong(), minute.path("crashed").asLong()))
        .containsExactly(1L, 1L, 1L);
  }

  @Test
  void withoutAReleaseOrWithAutoSessionTrackingOffNothingIsCounted() {
    init(options -> options.setAutoSessionTracking(false));
    assertThat(sentry.client().sessions()).isNull();
    init(options -> options.setRelease(null));
    assertThat(sentry.client().sessions()).isNull();
    init(options -> {});
    assertThat(sentry.client().sessions()).isNotNull();
  }

  @Test
  void aDroppedSessionsItemIsCountedUnderCategorySession() {
    receiver.respondWith(429);
    init(options -> {});
    CoreClient client = sentry.client();
    sentry.mainHub().copy().startRequestSession().close();
    // The first item meets the 429 (which Sentry counts itself); the next is held back and counted.
    assertThat(client.flush(WAIT)).isTrue();
    sentry.mainHub().copy().startRequestSession().close();
    assertThat(client.flush(WAIT)).isTrue();

    assertThat(client.drops().totals()).hasEntrySatisfying("ratelimit_backoff/session", n -> assertThat(n).isOne());
  }

  @Test
  void sessionsEndedAfterCloseAreDroppedAndCounted() {
    init(options -> {});
    CoreClient client = sentry.client();
    Hub.RequestSession late = sentry.mainHub().copy().startRequestSession();
    sentry.close();
    late.close();

    assertThat(client.drops().totals()).containsEntry("queue_overflow/session", 1L);
  }

  @Test
  void theOptionIsLoadedFromPropertiesAndTheEnvironment() {
    OptionsLoader defaults = new OptionsLoader(Map.of(), new Properties(), Path.of("."), new ClassLoader(null) {});
    assertThat(defaults.load().isAutoSessionTracking()).isTrue();
    Properties props = new Properties();
    props.setProperty("sentry.auto-session-tracking", "false");
    assertThat(new OptionsLoader(Map.of(), props, Path.of("."), new ClassLoader(null) {}).load().isAutoSessionTracking())
        .isFalse();
    assertThat(new OptionsLoader(Map.of("SENTRY_AUTO_SESSION_TRACKING", "false"), new Properties(), Path.of("."),
        new ClassLoader(null) {}).load().isAutoSessionTracking()).isFalse();
  }
}
