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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import sentry.api.Hub;
import sentry.api.Level;
import sentry.api.LogLevel;
import sentry.api.SentryLog;
import sentry.api.SentryOptions;
import sentry.core.json.JsonSupport;

/**
 * Structured logs go over the wire as {@code log} items in the shape Sentry's developer
 * documentation (Logs) gives, in batches of at most 100, and every log that is not sent is counted
 * under the category {@code log_item}.
 */
class LogsTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  /** The keys the documentation lists for a log. */
  private static final Set<String> DOCUMENTED = Set.of("timestamp", "trace_id", "level", "body", "severity_number",
      "attributes");

  private final List<byte[]> bodies = new CopyOnWriteArrayList<>();
  private volatile String rateLimits;
  private volatile int status = 200;
  private volatile CountDownLatch hold;
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
    CountDownLatch held = hold;
    if (held != null) {
      try {
        held.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    try (InputStream in = exchange.getRequestBody()) {
      boolean gzip = "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"));
      bodies.add((gzip ? new GZIPInputStream(in) : in).readAllBytes());
    }
    if (rateLimits != null) {
      exchange.getResponseHeaders().set("X-Sentry-Rate-Limits", rateLimits);
    }
    exchange.sendResponseHeaders(status, -1);
    exchange.close();
  }

  private void init(Consumer<SentryOptions> more) {
    sentry.init(options -> {
      options.setDsn("http://public@127.0.0.1:" + server.getAddress().getPort() + "/1");
      options.setDefaultIntegrations(false);
      options.setRelease("app@2.0");
      options.setEnvironment("staging");
      options.setEnableLogs(true);
      more.accept(options);
    });
  }

  private Hub hub() {
    return sentry.currentHub();
  }

  private static SentryLog log(String body) {
    return new SentryLog(Instant.now(), LogLevel.INFO, body, null, null, "test", "main", null, null);
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

  private List<JsonNode[]> logItems() {
    return items().stream().filter(item -> item[0].path("type").asText().equals("log")).toList();
  }

  private List<JsonNode> logs() {
    List<JsonNode> logs = new ArrayList<>();
    logItems().forEach(item -> item[1].path("items").forEach(logs::add));
    return logs;
  }

  private long dropped() {
    return sentry.client().drops().totals().entrySet().stream().filter(e -> e.getKey().endsWith("/log_item"))
        .mapToLong(Map.Entry::getValue).sum();
  }

  @Test
  void aLogGoesOverTheWireAsTheDocumentationDescribesIt() throws IOException {
    init(options -> {});
    Instant now = Instant.now();
    hub().captureLog(new SentryLog(now, LogLevel.WARN, "order 7 paid in 2.5 s: true, x", "order {} paid in {} s: {}, {}",
        List.of(7, 2.5, true, "x"), "shop.orders", "worker-1", "auto.logging.logback",
        attributes("tenant", "t-1", "api_key", "k-123")));
    assertThat(sentry.client().flush(WAIT)).isTrue();

    List<JsonNode[]> items = logItems();
    assertThat(items).hasSize(1);
    JsonNode header = items.get(0)[0];
    assertThat(header.path("type").asText()).isEqualTo("log");
    assertThat(header.path("item_count").asInt()).isEqualTo(1);
    assertThat(header.path("content_type").asText()).isEqualTo("application/vnd.sentry.items.log+json");
    JsonNode log = items.get(0)[1].path("items").get(0);
    Set<String> keys = new TreeSet<>();
    log.fieldNames().forEachRemaining(keys::add);
    assertThat(keys).isEqualTo(DOCUMENTED);
    assertThat(log.path("timestamp").isNumber()).isTrue();
    assertThat(log.path("timestamp").decimalValue().doubleValue())
        .isCloseTo(now.toEpochMilli() / 1000.0, org.assertj.core.data.Offset.offset(0.001));
    assertThat(log.path("trace_id").asText()).as("the trace of the hub it was captured through")
        .matches("[0-9a-f]{32}").isEqualTo(hub().getTraceparent().substring(0, 32));
    assertThat(log.path("level").asText()).isEqualTo("warn");
    assertThat(log.path("severity_number").asInt()).isEqualTo(13);
    assertThat(log.path("body").asText()).isEqualTo("order 7 paid in 2.5 s: true, x");
    JsonNode attributes = log.path("attributes");
    assertThat(attributes.toString()).isEqualTo("{"
        + "\"sentry.message.template\":{\"value\":\"order {} paid in {} s: {}, {}\",\"type\":\"string\"},"
        + "\"sentry.message.parameter.0\":{\"value\":7,\"type\":\"integer\"},"
        + "\"sentry.message.parameter.1\":{\"value\":2.5,\"type\":\"double\"},"
        + "\"sentry.message.parameter.2\":{\"value\":true,\"type\":\"boolean\"},"
        + "\"sentry.message.parameter.3\":{\"value\":\"x\",\"type\":\"string\"},"
        + "\"logger.name\":{\"value\":\"shop.orders\",\"type\":\"string\"},"
        + "\"thread.name\":{\"value\":\"worker-1\",\"type\":\"string\"},"
        + "\"sentry.origin\":{\"value\":\"auto.logging.logback\",\"type\":\"string\"},"
        + "\"sentry.release\":{\"value\":\"app@2.0\",\"type\":\"string\"},"
        + "\"sentry.environment\":{\"value\":\"staging\",\"type\":\"string\"},"
        + "\"sentry.sdk.name\":{\"value\":\"" + ClientFactory.SDK_NAME + "\",\"type\":\"string\"},"
        + "\"sentry.sdk.version\":{\"value\":\"" + ClientFactory.SDK_VERSION + "\",\"type\":\"string\"},"
        + "\"tenant\":{\"value\":\"t-1\",\"type\":\"string\"},"
        + "\"api_key\":{\"value\":\"[Filtered]\",\"type\":\"string\"}}");
    // The envelope as sent, for the record.
    Path sample = Path.of("target", "log-envelope.txt");
    Files.createDirectories(sample.getParent());
    Files.write(sample, bodies.get(0));
  }

  private static Map<String, Object> attributes(String... keysAndValues) {
    Map<String, Object> attributes = new java.util.LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      attributes.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return attributes;
  }

  @Test
  void batchesHoldAtMostAHundredAndLeaveWithinFiveSecondsWithoutAFlush() {
    init(options -> {});
    for (int i = 0; i < 250; i++) {
      hub().captureLog(log("log " + i));
    }
    assertThat(sentry.client().flush(WAIT)).isTrue();
    // Envelopes go out in parallel, and the batch thread may take a batch while the loop runs.
    List<Integer> counts = logItems().stream().map(item -> item[0].path("item_count").asInt()).toList();
    assertThat(counts).allSatisfy(count -> assertThat(count).isBetween(1, 100)).hasSizeGreaterThanOrEqualTo(3);
    assertThat(counts.stream().mapToInt(Integer::intValue).sum()).isEqualTo(250);
    assertThat(logItems()).allSatisfy(item ->
        assertThat(item[1].path("items").size()).isEqualTo(item[0].path("item_count").asInt()));

    hub().captureLog(log("on the timer"));
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (logs().size() < 251 && System.nanoTime() < deadline) {
      java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
    }
    assertThat(logs()).hasSize(251);
    assertThat(logs().get(250).path("body").asText()).isEqualTo("on the timer");
  }

  @Test
  void aFullBufferDropsAndCountsAndBeforeSendLogChangesOrDrops() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    init(options -> {
      options.setMaxLogQueueSize(10);
      options.setBeforeSendLog(log -> {
        if (log.body().equals("hold")) {
          entered.countDown();
          try {
            release.await(30, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
        return log.body().equals("drop me") ? null : log.withBody(log.body() + "!");
      });
    });
    hub().captureLog(log("hold"));
    // A flush on another thread takes "hold" out of the buffer and waits in beforeSendLog.
    CompletableFuture<Boolean> flushed = CompletableFuture.supplyAsync(() -> sentry.client().flush(WAIT));
    assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();
    hub().captureLog(log("drop me"));
    for (int i = 0; i < 14; i++) {
      hub().captureLog(log("log " + i));
    }
    assertThat(sentry.client().logs().buffered()).isEqualTo(10);
    release.countDown();
    assertThat(flushed.get(30, TimeUnit.SECONDS)).isTrue();
    hub().captureMessage("carries the client report", Level.INFO);
    assertThat(sentry.client().flush(WAIT)).isTrue();

    assertThat(logs()).extracting(log -> log.path("body").asText()).containsExactly("hold!", "log 0!", "log 1!",
        "log 2!", "log 3!", "log 4!", "log 5!", "log 6!", "log 7!", "log 8!");
    assertThat(sentry.client().drops().totals())
        .containsEntry("queue_overflow/log_item", 5L).containsEntry("before_send/log_item", 1L);
    JsonNode report = items().stream().filter(item -> item[0].path("type").asText().equals("client_report"))
        .map(item -> item[1]).findFirst().orElseThrow(() -> new AssertionError("no client report"));
    assertThat(report.path("discarded_events").toString())
        .contains("{\"reason\":\"queue_overflow\",\"category\":\"log_item\",\"quantity\":5}")
        .contains("{\"reason\":\"before_send\",\"category\":\"log_item\",\"quantity\":1}");
  }

  @Test
  void aRateLimitOnLogItemHoldsBackLogsNotEventsAndCountsEachLog() {
    init(options -> {});
    rateLimits = "60:log_item:organization";
    hub().captureLog(log("first"));
    assertThat(sentry.client().flush(WAIT)).isTrue();
    rateLimits = null;

    for (int i = 0; i < 30; i++) {
      hub().captureLog(log("limited " + i));
    }
    hub().captureMessage("still sent", Level.INFO);
    assertThat(sentry.client().flush(WAIT)).isTrue();

    assertThat(logs()).extracting(log -> log.path("body").asText()).containsExactly("first");
    assertThat(sentry.client().drops().totals()).containsEntry("ratelimit_backoff/log_item", 30L);
    assertThat(items()).anySatisfy(item -> assertThat(item[0].path("type").asText()).isEqualTo("event"));
  }

  @Test
  void aBatchSentryRefusesCountsEachOfItsLogs() {
    init(options -> {});
    status = 400;
    for (int i = 0; i < 30; i++) {
      hub().captureLog(log("refused " + i));
    }
    sentry.client().logs().drain();
    assertThat(sentry.client().flush(WAIT)).isTrue();

    assertThat(logItems()).as("the batch reached the server").isNotEmpty();
    assertThat(sentry.client().drops().totals()).containsEntry("send_error/log_item", 30L);
  }

  @Test
  void aBatchTheSendQueueCannotTakeCountsEachOfItsLogs() {
    hold = new CountDownLatch(1);
    init(options -> {
      options.setMaxQueueSize(1);
      options.setMaxRequestsInFlight(1);
    });
    for (int i = 0; i < 500; i++) {
      hub().captureLog(log("log " + i));
    }
    sentry.client().logs().drain();
    hold.countDown();
    assertThat(sentry.client().flush(WAIT)).isTrue();

    long queueDrops = sentry.client().drops().totals().getOrDefault("queue_overflow/log_item", 0L);
    // One envelope in flight and one queued hold at most 200 logs: every log of the rest counts.
    assertThat(queueDrops).isGreaterThanOrEqualTo(300);
    assertThat(logs().size() + dropped()).isEqualTo(500);
  }

  @Test
  void eightThreadsLoggingAHundredThousandLoseNothingThatIsNotCountedInBoundedMemory() throws Exception {
    init(options -> {});
    int threads = 8;
    int perThread = 12_500;
    AtomicInteger maxBuffered = new AtomicInteger();
    LogBatcher batcher = sentry.client().logs();
    List<Thread> loggers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      String name = "logger-" + t;
      Thread thread = new Thread(() -> {
        for (int i = 0; i < perThread; i++) {
          hub().captureLog(new SentryLog(Instant.now(), LogLevel.INFO, "n", null, null, name, name, null, null));
          maxBuffered.accumulateAndGet(batcher.buffered(), Math::max);
        }
      }, name);
      loggers.add(thread);
      thread.start();
    }
    for (Thread thread : loggers) {
      thread.join(TimeUnit.MINUTES.toMillis(2));
      assertThat(thread.isAlive()).isFalse();
    }
    assertThat(sentry.client().flush(WAIT)).isTrue();

    long sent = logs().size();
    assertThat(sent + dropped()).isEqualTo((long) threads * perThread);
    assertThat(sent).isPositive();
    // The count of taken places may briefly read one over per racing thread (a place taken, then
    // given back); the buffer itself never holds more than the bound.
    assertThat(maxBuffered.get()).isLessThanOrEqualTo(SentryOptionsDefaults.MAX_LOG_QUEUE_SIZE + threads);
    assertThat(batcher.buffered()).isZero();
  }

  @Test
  void withoutEnableLogsNothingIsSentAndTheClientSaysSo() {
    init(options -> options.setEnableLogs(false));
    assertThat(sentry.client().isLogEnabled()).isFalse();
    hub().captureLog(log("not sent"));
    assertThat(sentry.client().flush(WAIT)).isTrue();
    assertThat(bodies).isEmpty();
  }

  /** The default buffer bound. */
  private static final class SentryOptionsDefaults {
    static final int MAX_LOG_QUEUE_SIZE = new SentryOptions().getMaxLogQueueSize();
  }
}
