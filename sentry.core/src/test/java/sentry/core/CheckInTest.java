package sentry.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sentry.api.CheckIn;
import sentry.api.Level;
import sentry.api.MonitorConfig;
import sentry.api.MonitorSchedule;
import sentry.api.SentryId;
import sentry.api.SentryOptions;
import sentry.core.json.JsonSupport;

/**
 * Check-ins go over the wire as {@code check_in} items in the shape Sentry's developer documentation
 * gives, are never sampled, and are rate-limited and counted under the category {@code monitor}.
 */
class CheckInTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  /** The keys the documentation lists for a check-in payload. */
  private static final Set<String> DOCUMENTED = Set.of("check_in_id", "monitor_slug", "status", "duration",
      "release", "environment", "monitor_config", "contexts");

  private final List<byte[]> bodies = new CopyOnWriteArrayList<>();
  private final List<String> filesDuringRequests = new CopyOnWriteArrayList<>();
  private volatile Path cacheDir;
  private volatile String rateLimits;
  private HttpServer server;
  private CoreBinding sentry;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(Executors.newCachedThreadPool());
    server.start();
    sentry = new CoreBinding();
  }

  @AfterEach
  void stop() {
    sentry.close();
    server.stop(0);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      boolean gzip = "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"));
      bodies.add((gzip ? new GZIPInputStream(in) : in).readAllBytes());
    }
    if (cacheDir != null) {
      try (Stream<Path> files = Files.walk(cacheDir)) {
        files.filter(Files::isRegularFile).forEach(file -> filesDuringRequests.add(file.getFileName().toString()));
      }
    }
    if (rateLimits != null) {
      exchange.getResponseHeaders().set("X-Sentry-Rate-Limits", rateLimits);
    }
    exchange.sendResponseHeaders(200, -1);
    exchange.close();
  }

  private void init(Consumer<SentryOptions> more) {
    sentry.init(options -> {
      options.setDsn("http://public@127.0.0.1:" + server.getAddress().getPort() + "/1");
      options.setDefaultIntegrations(false);
      options.setRelease("app@2.0");
      options.setEnvironment("staging");
      more.accept(options);
    });
  }

  /** Every item of every envelope received, as {header, payload} pairs. */
  private List<JsonNode[]> items() {
    List<JsonNode[]> items = new ArrayList<>();
    for (byte[] body : bodies) {
      String[] lines = JsonSupport.strictUtf8(body).split("\n");
      for (int i = 1; i + 1 < lines.length; i += 2) {
        items.add(new JsonNode[] {JsonSupport.parse(lines[i].getBytes(StandardCharsets.UTF_8)),
            JsonSupport.parse(lines[i + 1].getBytes(StandardCharsets.UTF_8))});
      }
    }
    return items;
  }

  private List<JsonNode> checkIns() {
    return items().stream().filter(item -> item[0].path("type").asText().equals("check_in"))
        .map(item -> item[1]).toList();
  }

  @Test
  void aCheckInPairGoesOverTheWireAsTheDocumentationDescribesIt() {
    init(options -> {});
    SentryId trace = SentryId.random();
    CheckIn started = CheckIn.inProgress("nightly-report").withTraceId(trace).withMonitorConfig(
        MonitorConfig.of(MonitorSchedule.crontab("0 3 * * *")).withCheckinMargin(Duration.ofMinutes(5))
            .withMaxRuntime(Duration.ofMinutes(30)).withTimezone(ZoneId.of("Europe/Vienna")));

    assertThat(sentry.currentHub().captureCheckIn(started)).isEqualTo(started.checkInId());
    sentry.currentHub().captureCheckIn(started.finish(CheckIn.Status.OK, Duration.ofMillis(2500)));
    assertThat(sentry.client().flush(WAIT)).isTrue();

    List<JsonNode[]> items = items();
    assertThat(items).hasSize(2);
    for (JsonNode[] item : items) {
      assertThat(item[0].path("type").asText()).isEqualTo("check_in");
      assertThat(item[0].path("length").asInt()).isPositive();
      assertDocumentedShape(item[1]);
    }
    // Two requests may be in flight at once: they may arrive in either order.
    JsonNode first = items.stream().map(item -> item[1])
        .filter(c -> c.path("status").asText().equals("in_progress")).findFirst().orElseThrow();
    JsonNode second = items.stream().map(item -> item[1])
        .filter(c -> c.path("status").asText().equals("ok")).findFirst().orElseThrow();
    assertThat(first.path("check_in_id").asText()).isEqualTo(started.checkInId().value())
        .isEqualTo(second.path("check_in_id").asText());
    assertThat(first.path("status").asText()).isEqualTo("in_progress");
    assertThat(first.has("duration")).isFalse();
    assertThat(first.path("monitor_config").toString()).isEqualTo("{\"schedule\":{\"type\":\"crontab\","
        + "\"value\":\"0 3 * * *\"},\"checkin_margin\":5,\"max_runtime\":30,\"timezone\":\"Europe/Vienna\"}");
    assertThat(second.path("status").asText()).isEqualTo("ok");
    assertThat(second.path("duration").isNumber()).isTrue();
    assertThat(second.path("duration").asDouble()).isEqualTo(2.5);
    assertThat(second.has("monitor_config")).as("the config goes with the first check-in only").isFalse();
    for (JsonNode checkIn : List.of(first, second)) {
      assertThat(checkIn.path("monitor_slug").asText()).isEqualTo("nightly-report");
      assertThat(checkIn.path("release").asText()).isEqualTo("app@2.0");
      assertThat(checkIn.path("environment").asText()).isEqualTo("staging");
      assertThat(checkIn.at("/contexts/trace/trace_id").asText()).isEqualTo(trace.value());
    }
  }

  @Test
  void anIntervalScheduleHasItsUnitAndACheckInWithoutTraceTakesTheScopesTraceContext() {
    init(options -> {});
    String scopeTrace = SentryId.random().value();
    sentry.currentHub().configureScope(scope -> scope.setContext("trace",
        java.util.Map.of("trace_id", scopeTrace, "span_id", "0123456789abcdef")));

    sentry.currentHub().captureCheckIn(CheckIn.inProgress("every-ten")
        .withMonitorConfig(MonitorConfig.of(MonitorSchedule.interval(10, MonitorSchedule.Unit.MINUTE))));
    assertThat(sentry.client().flush(WAIT)).isTrue();

    JsonNode checkIn = checkIns().get(0);
    assertDocumentedShape(checkIn);
    assertThat(checkIn.path("monitor_config").toString())
        .isEqualTo("{\"schedule\":{\"type\":\"interval\",\"value\":10,\"unit\":\"minute\"}}");
    assertThat(checkIn.at("/contexts/trace/trace_id").asText()).isEqualTo(scopeTrace);
  }

  @Test
  void checkInsAreNeverSampledAway() {
    init(options -> options.setSampleRate(0.0));

    for (int i = 0; i < 20; i++) {
      sentry.currentHub().captureCheckIn(CheckIn.inProgress("sampled-" + i));
    }
    sentry.currentHub().captureMessage("sampled away", Level.INFO);
    assertThat(sentry.client().flush(WAIT)).isTrue();

    assertThat(checkIns()).hasSize(20);
    assertThat(sentry.client().drops().totals()).containsOnlyKeys("sample_rate/error");
  }

  @Test
  void aRateLimitOnMonitorHoldsBackCheckInsNotEventsAndTheDropIsReported() {
    init(options -> {});
    rateLimits = "60:monitor:organization";
    sentry.currentHub().captureCheckIn(CheckIn.inProgress("limited"));
    assertThat(sentry.client().flush(WAIT)).isTrue();
    rateLimits = null;

    assertThat(sentry.currentHub().captureCheckIn(CheckIn.inProgress("limited"))).isEqualTo(SentryId.EMPTY);
    sentry.currentHub().captureMessage("still sent", Level.INFO);
    assertThat(sentry.client().flush(WAIT)).isTrue();

    assertThat(sentry.client().drops().totals()).containsExactlyEntriesOf(
        java.util.Map.of("ratelimit_backoff/monitor", 1L));
    assertThat(checkIns()).hasSize(1);
    List<String> types = items().stream().map(item -> item[0].path("type").asText()).toList();
    assertThat(types).contains("event");
    JsonNode report = items().stream().filter(item -> item[0].path("type").asText().equals("client_report"))
        .map(item -> item[1]).findFirst().orElseThrow(() -> new AssertionError("no client report in " + types));
    assertThat(report.path("discarded_events").toString())
        .isEqualTo("[{\"reason\":\"ratelimit_backoff\",\"category\":\"monitor\",\"quantity\":1}]");
  }

  @Test
  void aCheckInIsOnDiskInTheOutboxUnderItsCategoryWhileItIsSent(@TempDir Path dir) {
    cacheDir = dir;
    init(options -> options.setCacheDirPath(dir.toString()));

    sentry.currentHub().captureCheckIn(CheckIn.inProgress("on-disk"));
    assertThat(sentry.client().flush(WAIT)).isTrue();

    assertThat(checkIns()).hasSize(1);
    assertThat(filesDuringRequests).anySatisfy(name -> assertThat(name).contains("-monitor-none"));
  }

  @Test
  void nullAndADisabledSdkSendNothingAndNeverThrow() {
    assertThat(sentry.currentHub().captureCheckIn(CheckIn.inProgress("before-init"))).isEqualTo(SentryId.EMPTY);
    init(options -> {});
    assertThat(sentry.currentHub().captureCheckIn(null)).isEqualTo(SentryId.EMPTY);
    assertThat(sentry.client().flush(WAIT)).isTrue();
    assertThat(bodies).isEmpty();
  }

  /** The documented keys only, each of its documented type. */
  private static void assertDocumentedShape(JsonNode checkIn) {
    Set<String> keys = new TreeSet<>();
    Iterator<String> names = checkIn.fieldNames();
    names.forEachRemaining(keys::add);
    assertThat(DOCUMENTED).as("documented keys").containsAll(keys);
    assertThat(keys).contains("check_in_id", "monitor_slug", "status");
    assertThat(checkIn.path("check_in_id").asText()).matches("[0-9a-f]{32}");
    assertThat(checkIn.path("monitor_slug").isTextual()).isTrue();
    assertThat(checkIn.path("status").asText()).isIn("in_progress", "ok", "error");
    if (checkIn.has("duration")) {
      assertThat(checkIn.path("duration").isNumber()).isTrue();
      assertThat(checkIn.path("duration").asDouble()).isNotNegative();
    }
    if (checkIn.has("contexts")) {
      assertThat(checkIn.at("/contexts/trace/trace_id").asText()).matches("[0-9a-f]{32}");
    }
    if (checkIn.has("monitor_config")) {
      JsonNode schedule = checkIn.at("/monitor_config/schedule");
      assertThat(schedule.path("type").asText()).isIn("crontab", "interval");
      if (schedule.path("type").asText().equals("interval")) {
        assertThat(schedule.path("value").isInt()).isTrue();
        assertThat(schedule.path("unit").asText()).isIn("year", "month", "week", "day", "hour", "minute");
      } else {
        assertThat(schedule.path("value").isTextual()).isTrue();
      }
    }
  }
}
