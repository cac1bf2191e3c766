package sentry.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import sentry.api.Breadcrumb;
import sentry.api.Hint;
import sentry.api.Hub;
import sentry.api.Level;
import sentry.api.SentryOptions;
import sentry.core.json.JsonSupport;

/** What the Python SDK's users rely on, checked as the JSON that reaches Sentry. */
class ParityTest {
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
    JsonSupport.validateParsedEvents();
  }

  private void init(Consumer<SentryOptions> more) {
    sentry.init(options -> {
      options.setDsn(receiver.dsn());
      options.setDefaultIntegrations(false);
      more.accept(options);
    });
  }

  private List<JsonNode> flushAndRead(int expected) throws InterruptedException {
    assertThat(sentry.client().flush(WAIT)).as("flushed").isTrue();
    return receiver.awaitEvents(expected, WAIT);
  }

  /** The {@code discarded_events} entries of every client report received, as reason/category. */
  private List<String> discardedOnTheWire() {
    List<String> discarded = new ArrayList<>();
    for (TestReceiver.Request request : receiver.requests()) {
      String[] lines = JsonSupport.strictUtf8(request.body()).split("\n");
      for (int i = 1; i + 1 < lines.length; i += 2) {
        JsonNode header = JsonSupport.parse(lines[i].getBytes(StandardCharsets.UTF_8));
        if (header.path("type").asText().equals("client_report")) {
          JsonNode report = JsonSupport.parse(lines[i + 1].getBytes(StandardCharsets.UTF_8));
          for (JsonNode entry : report.path("discarded_events")) {
            discarded.add(entry.path("reason").asText() + "/" + entry.path("category").asText() + "="
                + entry.path("quantity").asLong());
          }
        }
      }
    }
    return discarded;
  }

  @Test
  void breadcrumbsGoOutInTimestampOrderStablyForEqualTimestamps() throws InterruptedException {
    init(options -> {});
    Hub hub = sentry.currentHub();
    Instant base = Instant.parse("2026-01-01T00:00:10Z");
    hub.addBreadcrumb(new Breadcrumb("third").setTimestamp(base.plusSeconds(2)), new Hint());
    hub.addBreadcrumb(new Breadcrumb("first").setTimestamp(base), new Hint());
    hub.addBreadcrumb(new Breadcrumb("second-a").setTimestamp(base.plusSeconds(1)), new Hint());
    hub.addBreadcrumb(new Breadcrumb("second-b").setTimestamp(base.plusSeconds(1)), new Hint());
    hub.addBreadcrumb(new Breadcrumb("second-c").setTimestamp(base.plusSeconds(1)), new Hint());
    hub.captureMessage("m", Level.INFO);
    JsonNode crumbs = flushAndRead(1).get(0).path("breadcrumbs").path("values");
    assertThat(crumbs).extracting(c -> c.path("message").asText())
        .containsExactly("first", "second-a", "second-b", "second-c", "third");
    assertThat(crumbs.get(0).path("timestamp").asText()).isEqualTo("2026-01-01T00:00:10.000Z");
  }
}
