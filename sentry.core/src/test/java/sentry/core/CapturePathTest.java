package sentry.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import sentry.api.Breadcrumb;
import sentry.api.EventDefaults;
import sentry.api.Hint;
import sentry.api.Hub;
import sentry.api.Integration;
import sentry.api.IntegrationContext;
import sentry.api.SentryEvent;
import sentry.api.SentryOptions;
import sentry.core.json.JsonSupport;

/**
 * The capture path: without callbacks the scope is merged on the SDK's thread, from the state
 * the capture took by reference; with one, before it. Either way the same JSON reaches the
 * server, and the integrations' {@link EventDefaults} are written under the event's own values.
 */
class CapturePathTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  /** One exception, so that the two ways of capturing it send the same frames. */
  private static final IllegalStateException ERROR = new IllegalStateException("out of stock");

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

  /** Contributes modules and an extra, as the modules and argv integrations do. */
  private static final class Defaults implements Integration {
    @Override
    public String identifier() {
      return "test-defaults";
    }

    @Override
    public void register(IntegrationContext context) {
      context.addEventDefaults(new EventDefaults() {
        @Override
        public Map<String, String> modules() {
          Map<String, String> modules = new LinkedHashMap<>();
          modules.put("lib", "1.0");
          modules.put("java", "17");
          return modules;
        }

        @Override
        public Map<String, Object> extra() {
          return Map.of("sys.argv", new ArrayList<>(List.of("app", "--port", "8080")), "owned", "default");
        }
      });
      context.addEventDefaults(new EventDefaults() {
        @Override
        public Map<String, Object> extra() {
          throw new IllegalStateException("a broken integration");
        }
      });
    }
  }

  private void init(Consumer<SentryOptions> more) {
    sentry.init(options -> {
      options.setDsn(receiver.dsn());
      options.setRelease("shop@1.0");
      options.setEnvironment("staging");
      options.setTag("region", "eu");
      options.setDefaultIntegrations(false);
      options.addIntegration(new Defaults());
      more.accept(options);
    });
  }

  /** Fills the scope, captures an exception and a message, then changes the scope at once. */
  private List<JsonNode> captureAndRead() throws InterruptedException {
    Hub hub = sentry.currentHub();
    hub.configureScope(scope -> {
      scope.setTag("order", "42");
      scope.setExtra("owned", "scope");
      scope.setContext("basket", Map.of("items", 3));
      scope.setFingerprint(List.of("checkout"));
      scope.setTransaction("/checkout");
      for (int i = 0; i < 3; i++) {
        scope.addBreadcrumb(new Breadcrumb().setMessage("step " + i));
      }
    });
    hub.captureException(ERROR, null);
    hub.captureMessage("basket emptied", null);
    // Changed after the captures: the events keep the state they were captured in.
    hub.configureScope(scope -> {
      scope.setTag("order", "43");
      scope.addBreadcrumb(new Breadcrumb().setMessage("later"));
      scope.clear();
    });
    assertThat(sentry.client().flush(WAIT)).as("flushed").isTrue();
    return receiver.awaitEvents(2, WAIT);
  }

  @Test
  void anEventTheApplicationMadeIsMergedBeforeCaptureEventReturns() throws InterruptedException {
    init(options -> {});
    Hub hub = sentry.currentHub();
    hub.configureScope(scope -> scope.setTag("order", "42"));
    SentryEvent event = new SentryEvent();
    event.getTags().put("own", "yes");

    hub.captureEvent(event, null);
    // The application's own object: the SDK's thread must not change it after the call returned.
    assertThat(event.getTags()).as("merged on the calling thread").containsEntry("order", "42");

    assertThat(sentry.client().flush(WAIT)).as("flushed").isTrue();
    JsonNode wire = receiver.awaitEvents(1, WAIT).get(0);
    assertThat(wire.at("/tags/order").asText()).isEqualTo("42");
    assertThat(wire.at("/tags/own").asText()).isEqualTo("yes");
  }

  @Test
  void anEventsOwnModulesWinOverTheDefaultsOnTheWire() throws InterruptedException {
    init(options -> {});
    SentryEvent event = new SentryEvent();
    event.getModules().put("lib", "mine");
    event.getModules().put("own", "2.0");

    sentry.currentHub().captureEvent(event, null);

    assertThat(sentry.client().flush(WAIT)).as("flushed").isTrue();
    JsonNode wire = receiver.awaitEvents(1, WAIT).get(0);
    assertThat(wire.at("/modules/lib").asText()).as("the event's own entry wins").isEqualTo("mine");
    assertThat(wire.at("/modules/own").asText()).as("the event's own entry is kept").isEqualTo("2.0");
    assertThat(wire.at("/modules/java").asText()).as("a default the event lacks is added").isEqualTo("17");
    assertThat(wire.path("modules").size()).isEqualTo(3);
  }

  @Test
  void theScopeOfTheCaptureAndTheDefaultsReachTheWireWithoutCallbacks() throws InterruptedException {
    init(options -> {});
    List<JsonNode> events = captureAndRead();

    assertThat(events).hasSize(2);
    for (JsonNode event : events) {
      assertThat(event.path("release").asText()).isEqualTo("shop@1.0");
      assertThat(event.at("/tags/region").asText()).isEqualTo("eu");
      assertThat(event.at("/tags/order").asText()).as("the tag when captured").isEqualTo("42");
      assertThat(event.at("/contexts/basket/items").asInt()).isEqualTo(3);
      assertThat(event.at("/fingerprint/0").asText()).isEqualTo("checkout");
      assertThat(event.path("transaction").asText()).isEqualTo("/checkout");
      JsonNode crumbs = event.at("/breadcrumbs/values");
      assertThat(crumbs).hasSize(3);
      assertThat(crumbs.get(2).path("message").asText()).isEqualTo("step 2");
      assertThat(event.at("/modules/lib").asText()).isEqualTo("1.0");
      assertThat(event.at("/extra/sys.argv/2").asText()).isEqualTo("8080");
      assertThat(event.at("/extra/owned").asText()).as("the scope's extra wins over a default").isEqualTo("scope");
    }
  }

  @Test
  void aCallbackSeesTheMergedEventAndTheWireIsTheSameAsWithout() throws InterruptedException {
    init(options -> {});
    List<JsonNode> without = captureAndRead();
    sentry.close();
    receiver.close();
    JsonSupport.validateParsedEvents();

    receiver = newReceiver();
    sentry = new CoreBinding();
    List<String> seen = new ArrayList<>();
    init(options -> options.setBeforeSend((event, hint) -> {
      seen.add(event.getTags().get("order") + " " + event.getModules().get("lib") + " "
          + event.getBreadcrumbs().size() + " " + hint.get(Hint.THROWABLE).isPresent());
      return event;
    }));
    List<JsonNode> with = captureAndRead();

    assertThat(seen).containsExactly("42 1.0 3 true", "42 1.0 3 false");
    assertThat(strip(with)).isEqualTo(strip(without));
  }

  private static TestReceiver newReceiver() {
    try {
      return new TestReceiver();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The events less what differs between any two captures: ids, times, threads, the trace. */
  private static List<JsonNode> strip(List<JsonNode> events) {
    List<JsonNode> stripped = new ArrayList<>();
    for (JsonNode event : events) {
      ObjectNode copy = event.deepCopy();
      copy.remove(List.of("event_id", "timestamp"));
      ((ObjectNode) copy.path("contexts")).remove("trace");
      for (JsonNode crumb : copy.at("/breadcrumbs/values")) {
        ((ObjectNode) crumb).remove("timestamp");
      }
      stripped.add(copy);
    }
    stripped.sort(java.util.Comparator.comparing(JsonNode::toString));
    return stripped;
  }
}
