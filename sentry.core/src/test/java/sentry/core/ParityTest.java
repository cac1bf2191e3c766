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

  /** The {@code discarded_events} of every client report received, summed as reason/category=quantity. */
  private List<String> discardedOnTheWire() {
    java.util.Map<String, Long> discarded = new java.util.TreeMap<>();
    for (TestReceiver.Request request : receiver.requests()) {
      String[] lines = JsonSupport.strictUtf8(request.body()).split("\n");
      for (int i = 1; i + 1 < lines.length; i += 2) {
        JsonNode header = JsonSupport.parse(lines[i].getBytes(StandardCharsets.UTF_8));
        if (header.path("type").asText().equals("client_report")) {
          JsonNode report = JsonSupport.parse(lines[i + 1].getBytes(StandardCharsets.UTF_8));
          for (JsonNode entry : report.path("discarded_events")) {
            discarded.merge(entry.path("reason").asText() + "/" + entry.path("category").asText(),
                entry.path("quantity").asLong(), Long::sum);
          }
        }
      }
    }
    return discarded.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
  }

  @Test
  void errorSamplerDecidesPerEventWinsOverSampleRateAndSeesTheFinalEvent() throws InterruptedException {
    List<String> calls = new ArrayList<>();
    init(options -> {
      options.setSampleRate(0.0);
      options.setBeforeSend((event, hint) -> {
        event.getTags().put("seen-by", "beforeSend");
        return event;
      });
      options.setErrorSampler((event, hint) -> {
        String message = event.getMessage().formatted();
        calls.add(message + "/" + event.getTags().get("seen-by"));
        return message.startsWith("zero") ? 0.0 : message.startsWith("one") ? 1.0 : 0.7;
      });
    });
    sentry.client().sampling().useRandom(() -> 0.69);
    Hub hub = sentry.currentHub();
    hub.captureMessage("zero", Level.INFO);
    hub.captureMessage("one", Level.INFO);
    hub.captureMessage("seven, random 0.69", Level.INFO);
    sentry.client().sampling().useRandom(() -> 0.7);
    hub.captureMessage("seven, random 0.7", Level.INFO);
    sentry.client().sampling().useRandom(() -> 0.0);
    hub.captureMessage("zero, random 0.0", Level.INFO);

    List<JsonNode> events = flushAndRead(2);
    assertThat(calls).containsExactly("zero/beforeSend", "one/beforeSend", "seven, random 0.69/beforeSend",
        "seven, random 0.7/beforeSend", "zero, random 0.0/beforeSend");
    assertThat(events).extracting(e -> e.path("logentry").path("formatted").asText())
        .containsExactlyInAnyOrder("one", "seven, random 0.69");
    assertThat(discardedOnTheWire()).containsExactly("sample_rate/error=3");
  }

  @Test
  void aThrowingOrOutOfRangeSamplerSendsTheEventAndWarnsOnce() throws InterruptedException {
    List<String> warnings = new java.util.concurrent.CopyOnWriteArrayList<>();
    java.util.logging.Logger sdkLogger = java.util.logging.Logger.getLogger("sentry.core.client");
    java.util.logging.Handler handler = new java.util.logging.Handler() {
      @Override
      public void publish(java.util.logging.LogRecord record) {
        if (record.getLevel().intValue() >= java.util.logging.Level.WARNING.intValue()) {
          warnings.add(record.getMessage());
        }
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    sdkLogger.addHandler(handler);
    try {
      init(options -> options.setErrorSampler((event, hint) -> {
        String message = event.getMessage().formatted();
        if (message.startsWith("throw")) {
          throw new IllegalStateException("broken sampler");
        }
        return message.startsWith("nan") ? Double.NaN : 1.5;
      }));
      sentry.client().sampling().useRandom(() -> 0.99);
      Hub hub = sentry.currentHub();
      hub.captureMessage("throw 1", Level.INFO);
      hub.captureMessage("throw 2", Level.INFO);
      hub.captureMessage("nan", Level.INFO);
      hub.captureMessage("one and a half", Level.INFO);

      List<JsonNode> events = flushAndRead(4);
      assertThat(events).extracting(e -> e.path("logentry").path("formatted").asText())
          .containsExactlyInAnyOrder("throw 1", "throw 2", "nan", "one and a half");
      assertThat(discardedOnTheWire()).isEmpty();
      assertThat(warnings).filteredOn(w -> w.contains("errorSampler")).hasSize(1);
    } finally {
      sdkLogger.removeHandler(handler);
    }
  }

  @Test
  void sampleRateAloneStillDecidesBeforeTheProcessors() throws InterruptedException {
    List<String> processed = new ArrayList<>();
    init(options -> {
      options.setSampleRate(0.5);
      options.addEventProcessor((event, hint) -> {
        processed.add(event.getMessage().formatted());
        return event;
      });
    });
    sentry.client().sampling().useRandom(() -> 0.5);
    sentry.currentHub().captureMessage("out", Level.INFO);
    sentry.client().sampling().useRandom(() -> 0.49);
    sentry.currentHub().captureMessage("in", Level.INFO);
    assertThat(flushAndRead(1)).extracting(e -> e.path("logentry").path("formatted").asText())
        .containsExactly("in");
    assertThat(processed).containsExactly("in");
    assertThat(discardedOnTheWire()).containsExactly("sample_rate/error=1");
  }

  /** Python's DEFAULT_DENYLIST, written out here so the test does not trust the SDK's copy. */
  private static final List<String> DENYLIST = List.of("password", "passwd", "secret", "api_key", "apikey",
      "auth", "credentials", "mysql_pwd", "privatekey", "private_key", "token", "session", "csrftoken",
      "sessionid", "x_csrftoken", "x_forwarded_for", "set_cookie", "cookie", "authorization",
      "proxy-authorization", "x_api_key", "aiohttp_session", "connect.sid", "csrf_token", "csrf", "_csrf",
      "_csrf_token", "PHPSESSID", "_session", "symfony", "user_session", "_xsrf", "XSRF-TOKEN");
  private static final List<String> PII = List.of("x_forwarded_for", "x_real_ip", "ip_address", "remote_addr");
  private static final String FILTERED = "[Filtered]";

  /** Every key of the list in every place the scrubber covers, plus keys that must stay. */
  private void captureWithKeys(List<String> keys) {
    Hub hub = sentry.currentHub();
    java.util.Map<String, Object> data = new java.util.LinkedHashMap<>();
    java.util.Map<String, String> userData = new java.util.LinkedHashMap<>();
    for (String key : keys) {
      data.put(key, "v-" + key);
      userData.put(key, "v-" + key);
    }
    data.put("order", "o-1");
    userData.put("plan", "gold");
    hub.configureScope(scope -> {
      data.forEach(scope::setExtra);
      data.forEach((k, v) -> scope.setTag(k, String.valueOf(v)));
      scope.setContext("app", new java.util.LinkedHashMap<>(data));
      scope.setExtra("nested", java.util.Map.of("level1", List.of(java.util.Map.of("level2",
          java.util.Map.of("API-Key", "deep", "apiKey", "deep", "x-csrftoken", "deep", "kept", "deep")))));
      scope.setUser(new sentry.api.User("u-1", "ana", "ana@example.com", "10.0.0.1", userData));
    });
    Breadcrumb crumb = new Breadcrumb("login failed password=hunter2");
    data.forEach(crumb::setData);
    hub.addBreadcrumb(crumb, new Hint());
    hub.captureMessage("login failed password=hunter2", Level.INFO);
  }

  private static void assertFiltered(JsonNode event, String key, boolean filtered) {
    String expected = filtered ? FILTERED : "v-" + key;
    assertThat(event.path("extra").path(key).asText()).as("extra.%s", key).isEqualTo(expected);
    assertThat(event.path("tags").path(key).asText()).as("tags.%s", key).isEqualTo(expected);
    assertThat(event.path("contexts").path("app").path(key).asText()).as("contexts.app.%s", key).isEqualTo(expected);
    assertThat(event.path("user").path("data").path(key).asText()).as("user.data.%s", key).isEqualTo(expected);
    assertThat(event.path("breadcrumbs").path("values").get(0).path("data").path(key).asText())
        .as("breadcrumb data %s", key).isEqualTo(expected);
  }

  @Test
  void theScrubberFiltersEveryDenylistedKeyInEveryPlaceButNotTheMessage() throws InterruptedException {
    init(options -> {});
    List<String> keys = new ArrayList<>(DENYLIST);
    keys.addAll(PII);
    keys.addAll(List.of("API-Key", "apiKey", "x-csrftoken", "X-Forwarded-For", "Password"));
    captureWithKeys(keys);
    JsonNode event = flushAndRead(1).get(0);
    for (String key : keys) {
      assertFiltered(event, key, true);
    }
    assertThat(event.path("extra").path("order").asText()).isEqualTo("o-1");
    assertThat(event.path("tags").path("order").asText()).isEqualTo("o-1");
    assertThat(event.path("user").path("data").path("plan").asText()).isEqualTo("gold");
    JsonNode deep = event.path("extra").path("nested").path("level1").get(0).path("level2");
    assertThat(deep.path("API-Key").asText()).isEqualTo(FILTERED);
    assertThat(deep.path("apiKey").asText()).isEqualTo(FILTERED);
    assertThat(deep.path("x-csrftoken").asText()).isEqualTo(FILTERED);
    assertThat(deep.path("kept").asText()).isEqualTo("deep");
    JsonNode user = event.path("user");
    assertThat(user.path("id").asText()).isEqualTo("u-1");
    assertThat(user.path("username").asText()).isEqualTo("ana");
    assertThat(user.path("email").asText()).isEqualTo("ana@example.com");
    assertThat(user.has("ip_address")).as("ip_address popped, as Python does").isFalse();
    assertThat(event.path("logentry").path("formatted").asText()).isEqualTo("login failed password=hunter2");
    assertThat(event.path("breadcrumbs").path("values").get(0).path("message").asText())
        .isEqualTo("login failed password=hunter2");
  }

  @Test
  void withSendDefaultPiiTheAddressKeysStay() throws InterruptedException {
    init(options -> options.setSendDefaultPii(true));
    List<String> keys = new ArrayList<>(PII);
    keys.add("password");
    captureWithKeys(keys);
    JsonNode event = flushAndRead(1).get(0);
    assertFiltered(event, "x_real_ip", false);
    assertFiltered(event, "ip_address", false);
    assertFiltered(event, "remote_addr", false);
    // Python's main denylist has x_forwarded_for too, so it goes whatever sendDefaultPii says.
    assertFiltered(event, "x_forwarded_for", true);
    assertFiltered(event, "password", true);
    assertThat(event.path("user").path("ip_address").asText()).isEqualTo("10.0.0.1");
  }

  @Test
  void scrubKeysCanBeAddedToOrReplaced() throws InterruptedException {
    init(options -> {
      options.addScrubKey("card_number");
      options.setScrubKeys(List.of("pin"));
      options.setSendDefaultPii(true);
    });
    captureWithKeys(List.of("card_number", "pin", "password", "ip_address", "email"));
    JsonNode event = flushAndRead(1).get(0);
    assertFiltered(event, "card_number", true);
    assertFiltered(event, "pin", true);
    assertFiltered(event, "password", false);
    assertFiltered(event, "ip_address", false);
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
