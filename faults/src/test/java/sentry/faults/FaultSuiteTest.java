package sentry.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import sentry.api.SentryOptions;
import sentry.faults.FaultServer.Action;

/**
 * The fault suite: the SDK, configured as users configure it, against a server that fails in one
 * way per scenario. Each scenario keeps {@link Books} on every event it captured and fails unless
 * they balance; the rows make the table of {@code docs/RELIABILITY.md}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultSuiteTest {
  static final ReliabilityTable TABLE = new ReliabilityTable();
  private static final Duration ARRIVAL = Duration.ofSeconds(30);
  /**
   * How many requests get a hostile answer in the hostile-answer scenarios: 4, not one per request
   * slot (16) as before slow start, since after a request that got no answer the next ones go one
   * at a time, each up to the response deadline.
   */
  private static final int HOSTILE = 4;
  /** A queue larger than the bursts of the scenarios, so that they show their fault, not overflow. */
  private static final Consumer<SentryOptions> DEFAULTS = options -> options.setMaxQueueSize(1_000);
  /** An outbox larger than the scenarios' events (the default keeps 30 files). */
  private static final Consumer<SentryOptions> ROOMY_OUTBOX = DEFAULTS.andThen(options -> options.setMaxCacheItems(1_000));
  /** The never-answering server's scenarios: a queue smaller than their 200 events. */
  private static final Consumer<SentryOptions> SMALL_QUEUE = ROOMY_OUTBOX.andThen(options -> options.setMaxQueueSize(50));
  /** Steady captures: this many events at a time, then a pause. */
  private static final int STEADY_BATCH = 10;
  private static final long STEADY_PAUSE_MILLIS = 50;

  @TempDir
  Path cacheDir;

  @AfterAll
  static void writeTable() {
    TABLE.write();
  }

  /** Keeps the books, asserts they balance, and puts the row in the table. */
  static Books book(Scenario scenario, String notes) {
    Books books = scenario.books(notes);
    books.assertBalanced();
    TABLE.add(books);
    return books;
  }

  @Test
  @Order(1)
  void healthyServerIsTheControl() throws Exception {
    try (FaultServer server = FaultServer.start(n -> Action.answer(200))) {
      Scenario scenario = Scenario.inMemory("none (control): 200 to everything", server, DEFAULTS);
      scenario.captureMany(200, 10);
      assertThat(scenario.flush(ARRIVAL)).isTrue();
      scenario.close();
      Books books = book(scenario, "every 10th event is of an ignored type: counted as `event_processor`");
      assertThat(books.accepted()).isEqualTo(180);
      assertThat(books.dropped()).containsExactlyEntriesOf(Map.of("event_processor", 20L));
    }
  }

  @Test
  @Order(2)
  void serverDownThenUpWithoutOutbox() throws Exception {
    try (FaultServer server = FaultServer.down(n -> Action.answer(200))) {
      Scenario scenario = Scenario.inMemory("server down at start, then up", server, DEFAULTS);
      scenario.captureMany(50, 0);
      assertThat(scenario.flush(ARRIVAL)).isTrue();
      server.up();
      scenario.captureMany(50, 0);
      assertThat(scenario.flush(ARRIVAL)).isTrue();
      scenario.close();
      Books books = book(scenario, "50 captured while down (connection refused), 50 after it came up");
      assertThat(books.dropped()).containsExactlyEntriesOf(Map.of("network_error", 50L));
      assertThat(books.accepted()).isEqualTo(50);
    }
  }

  @Test
  @Order(3)
  void serverDownThenUpWithOutboxLosesNothing() throws Exception {
    // This scenario found that a burst of failures during the outage put the backoff at its cap.
    try (FaultServer server = FaultServer.down(n -> Action.answer(200))) {
      Scenario scenario = Scenario.withOutbox("server down at start, then up", server, cacheDir, ROOMY_OUTBOX);
      scenario.captureMany(100, 0);
      scenario.flush(Duration.ofSeconds(5));
      assertThat(Scenario.outboxEventIds(cacheDir)).hasSize(100);
      long upNanos = System.nanoTime();
      server.up();
      assertThat(server.awaitUntil(() -> server.accepted().size() == 100, ARRIVAL))
          .as("everything captured while down arrives once it is up: %s arrived", server.accepted().size()).isTrue();
      long arrivalMillis = Duration.ofNanos(System.nanoTime() - upNanos).toMillis();
      assertThat(scenario.awaitEmptyOutbox(ARRIVAL)).isTrue();
      scenario.close();
      Books books = book(scenario, "100 captured while down, kept on disk; all arrived "
          + arrivalMillis + " ms after the server came up (retry with backoff, 1 s doubling)");
      assertThat(books.accepted()).isEqualTo(100);
      assertThat(books.inOutbox()).isZero();
    }
  }

  @Test
  @Order(4)
  void http500WithoutOutboxIsSendError() throws Exception {
    refusedEverything("HTTP 500 to everything", 500, "client reports got 500s too: their counts wait in memory "
        + "for the next envelope");
  }

  @Test
  @Order(5)
  void http500WithOutboxKeepsEverything() throws Exception {
    try (FaultServer server = FaultServer.start(n -> Action.answer(500))) {
      Scenario scenario = Scenario.withOutbox("HTTP 500 to everything", server, cacheDir, DEFAULTS);
      scenario.captureMany(100, 0);
      assertThat(scenario.flush(ARRIVAL)).isTrue();
      scenario.close();
      Books books = book(scenario, "the outbox keeps the newest 30 files (the default `maxCacheItems`) for the next "
          + "attempt or process; the oldest make room, counted as `cache_overflow`; " + server.requestCount()
          + " requests in all");
      assertThat(books.inOutbox()).isEqualTo(30);
      assertThat(books.dropped()).containsExactlyEntriesOf(Map.of("cache_overflow", 70L));
    }
  }

  @Test
  @Order(6)
  void http413IsSendError() throws Exception {
    refusedEverything("HTTP 413 to everything", 413, "client reports refused for good too: not sent again");
  }

  @Test
  @Order(7)
  void http413WithOutboxIsSendErrorAndRemoved() throws Exception {
    try (FaultServer server = FaultServer.start(n -> Action.answer(413))) {
      Scenario scenario = Scenario.withOutbox("HTTP 413 to everything", server, cacheDir, ROOMY_OUTBOX);
      scenario.captureMany(100, 0);
      assertThat(scenario.flush(ARRIVAL)).isTrue();
      scenario.close();
      Books books = book(scenario, "refused for good: removed from disk, not sent again");
      assertThat(books.sendError()).isEqualTo(100);
      assertThat(books.inOutbox()).isZero();
    }
  }

  private void refusedEverything(String fault, int status, String notes) throws Exception {
    try (FaultServer server = FaultServer.start(n -> Action.answer(status))) {
      Scenario scenario = Scenario.inMemory(fault, server, DEFAULTS);
      scenario.captureMany(100, 0);
      assertThat(scenario.flush(ARRIVAL)).isTrue();
      scenario.close();
      Books books = book(scenario, notes);
      assertThat(books.sendError()).isEqualTo(100);
      assertThat(books.refusedByServer()).isEqualTo(100);
    }
  }

  @Test
  @Order(8)
  void http429WithRetryAfter() throws Exception {
    limited("HTTP 429 with `Retry-After: 60`", n -> Action.answer(429, "Retry-After", "60"));
  }

  @Test
  @Order(9)
  void http429WithRateLimitHeader() throws Exception {
    limited("HTTP 429 with `X-Sentry-Rate-Limits: 60:error:organization`",
        n -> Action.answer(429, "X-Sentry-Rate-Limits", "60:error:organization"));
  }

  @Test
  @Order(10)
  void http429WithRetryAfterAndAMalformedRateLimitHeader() throws Exception {
    try (FaultServer server = FaultServer.start(
        n -> Action.answer(429, "Retry-After", "10", "X-Sentry-Rate-Limits", "garbage"))) {
      Scenario scenario = Scenario.inMemory("HTTP 429 with `Retry-After: 10` and `X-Sentry-Rate-Limits: garbage`",
          server, DEFAULTS);
      scenario.captureMany(1, 0);
      assertThat(scenario.flush(ARRIVAL)).isTrue();
      scenario.captureMany(9, 0);
      scenario.close();
      Books books = book(scenario, "1 captured, flushed, 9 more: a rate-limit header in which nothing parses does "
          + "not cancel `Retry-After`; " + server.requestCount() + " request reached the server");
      assertThat(server.requestCount()).isEqualTo(1);
      assertThat(books.tooMany()).isEqualTo(1);
      assertThat(books.dropped()).containsExactlyEntriesOf(Map.of("ratelimit_backoff", 9L));
    }
  }

  private void limited(String fault, FaultServer.Policy policy) throws Exception {
    try (FaultServer server = FaultServer.start(policy)) {
      Scenario scenario = Scenario.inMemory(fault, server, DEFAULTS);
      scenario.captureMany(100, 0);
      assertThat(scenario.flush(ARRIVAL)).isTrue();
      scenario.captureMany(100, 0);
      scenario.close();
      Books books = book(scenario, "100 captured, flushed, 100 more: once the first 429 is read, events are dropped "
          + "before they are queued; " + server.requestCount() + " requests reached the server");
      assertThat(books.tooMany()).isPositive();
      assertThat(books.dropped().get("ratelimit_backoff")).isGreaterThanOrEqualTo(100);
      assertThat(books.accepted()).isZero();
    }
  }

  @Test
  @Order(11)
  void http200WithRateLimitHeader() throws Exception {
    // Requests 1 to 10 are plain 200s; from the 11th on, each 200 also limits errors for 60 s.
    try (FaultServer server = FaultServer.start(n -> n <= 10 ? Action.answer(200)
        : Action.answer(200, "X-Sentry-Rate-Limits", "60:error:key"))) {
      Scenario scenario = Scenario.inMemory("HTTP 200 with `X-Sentry-Rate-Limits: 60:error:key` from the 11th request",
          server, DEFAULTS);
      for (int i = 0; i < 10; i++) {
        scenario.captureMany(1, 0);
        assertThat(scenario.flush(ARRIVAL)).isTrue();
      }
      scenario.captureMany(100, 0);
      assertThat(scenario.flush(ARRIVAL)).isTrue();
      scenario.captureMany(50, 0);
      scenario.close();
      Books books = book(scenario, "accepted until the first limiting answer was read, then dropped before queueing");
      assertThat(books.accepted()).isGreaterThan(10);
      assertThat(books.dropped().get("ratelimit_backoff")).isGreaterThanOrEqualTo(50);
    }
  }

  @Test
  @Order(12)
  void slowServerWithTheDefaultOutboxLosesNothing() throws Exception {
    // Slower than the burst: every request is in flight for a while, so the worker parks; parking
    // only uses room the outbox has, so the default 30 files push nothing out.
    try (FaultServer server = FaultServer.start(n -> Action.answer(200).after(Duration.ofMillis(300)))) {
      Scenario scenario = Scenario.withOutbox("slow server: 300 ms per answer", server, cacheDir, DEFAULTS);
      scenario.captureMany(100, 0);
      assertThat(scenario.flush(ARRIVAL)).isTrue();
      scenario.close();
      Books books = book(scenario, "outbox with the default bounds (30 files), queue of 1000, "
          + "up to 16 requests in flight (slow start): "
          + "what does not fit on disk waits in the queue");
      assertThat(books.accepted()).isEqualTo(100);
      assertThat(books.dropped()).isEmpty();
    }
  }

  @Test
  @Order(13)
  void serverThatNeverAnswersWithoutOutbox() throws Exception {
    neverAnswers(null);
  }

  @Test
  @Order(14)
  void serverThatNeverAnswersWithOutbox() throws Exception {
    neverAnswers(cacheDir);
  }

  /**
   * The same server, with events captured steadily instead of in one burst: with every request in
   * flight, the queue drains to the outbox instead of overflowing.
   */
  @Test
  @Order(15)
  void serverThatNeverAnswersWithOutboxAndSteadyCaptures() throws Exception {
    String fault = "accepts connections, never answers; " + STEADY_BATCH + " events every " + STEADY_PAUSE_MILLIS
        + " ms";
    try (FaultServer server = FaultServer.start(n -> Action.hang())) {
      Scenario scenario = Scenario.withOutbox(fault, server, cacheDir, SMALL_QUEUE);
      for (int i = 0; i < 200 / STEADY_BATCH; i++) {
        scenario.captureMany(STEADY_BATCH, 0);
        Thread.sleep(STEADY_PAUSE_MILLIS);
      }
      long closeMillis = scenario.close();
      Books books = book(scenario, "queue of 50, 1 request in flight (slow start: no 2xx yet); `shutdownTimeout` "
          + Scenario.SHUTDOWN_TIMEOUT_MILLIS + " ms; once every request is in flight, the queue drains to the outbox "
          + "(parked as ready files) instead of overflowing; all stays on disk for the next process");
      assertThat(closeMillis).isLessThan(Scenario.SHUTDOWN_TIMEOUT_MILLIS + 1_500);
      assertThat(books.accepted()).isZero();
      // Nothing is dropped: everything captured is on disk, in flight or parked.
      assertThat(books.dropped()).isEmpty();
      assertThat(books.inOutbox()).isEqualTo(books.captured());
    }
  }

  private void neverAnswers(Path outbox) throws Exception {
    String fault = "accepts connections, never answers";
    try (FaultServer server = FaultServer.start(n -> Action.hang())) {
      Scenario scenario = outbox == null ? Scenario.inMemory(fault, server, SMALL_QUEUE)
          : Scenario.withOutbox(fault, server, outbox, SMALL_QUEUE);
      scenario.captureMany(200, 0);
      long closeMillis = scenario.close();
      Books books = book(scenario, "queue of 50, 1 request in flight (slow start: no 2xx yet); `shutdownTimeout` "
          + Scenario.SHUTDOWN_TIMEOUT_MILLIS + " ms" + (outbox == null ? ""
          : "; what was in flight, parked or queued at close stays on disk for the next process; a burst faster "
          + "than the disk takes envelopes still overflows the queue"));
      // Application threads never wait for the network: a capture only queues.
      assertThat(books.slowestCaptureMillis()).isLessThan(500);
      assertThat(closeMillis).isLessThan(Scenario.SHUTDOWN_TIMEOUT_MILLIS + 1_500);
      assertThat(books.accepted()).isZero();
      if (outbox != null) {
        assertThat(books.dropped().keySet()).as("only the burst's overflow: nothing in flight or queued is lost")
            .isSubsetOf("queue_overflow");
      }
    }
  }

  @Test
  @Order(16)
  void connectionsResetMidRequestWithoutOutbox() throws Exception {
    List<String> warnings = new CopyOnWriteArrayList<>();
    Handler handler = warningsInto(warnings);
    Logger logger = Logger.getLogger("sentry.core.transport.Dispatcher");
    logger.addHandler(handler);
    try (FaultServer server = FaultServer.start(n -> n % 2 == 1 ? Action.resetMidBody() : Action.answer(200))) {
      Scenario scenario = Scenario.inMemory("every other connection reset halfway through the body", server, DEFAULTS);
      scenario.captureMany(100, 0);
      assertThat(scenario.flush(ARRIVAL)).isTrue();
      scenario.close();
      Books books = book(scenario, server.answers() + " requests; " + warnings.size()
          + " warning logged: a flapping network is not a warning per failure");
      assertThat(books.accepted()).isPositive();
      assertThat(books.dropped().get("network_error")).isPositive();
      assertThat(warnings).hasSize(1);
    } finally {
      logger.removeHandler(handler);
    }
  }

  @Test
  @Order(17)
  void connectionsResetMidRequestWithOutboxLosesNothing() throws Exception {
    // Resets while the burst is sent, then a sound server: each failure backs the outbox off (1 s,
    // doubling), so a server that resets forever would make this wait minutes.
    try (FaultServer server = FaultServer.start(n -> n <= 40 && n % 2 == 1 ? Action.resetMidBody() : Action.answer(200))) {
      Scenario scenario = Scenario.withOutbox("every other connection of the first 40 reset halfway through the body", server,
          cacheDir, ROOMY_OUTBOX);
      scenario.captureMany(100, 0);
      assertThat(server.awaitUntil(() -> server.accepted().size() == 100, ARRIVAL))
          .as("everything arrives, retried from the outbox").isTrue();
      assertThat(scenario.awaitEmptyOutbox(ARRIVAL)).isTrue();
      scenario.close();
      Books books = book(scenario, server.answers() + " requests");
      assertThat(books.accepted()).isEqualTo(100);
    }
  }

  @Test
  @Order(18)
  void forwardingProxyAsksForCredentialsWithOutbox() throws Exception {
    List<String> warnings = new CopyOnWriteArrayList<>();
    Handler handler = warningsInto(warnings);
    Logger logger = Logger.getLogger("sentry.core.transport.Dispatcher");
    logger.addHandler(handler);
    try (FaultServer proxy = FaultServer.start(n -> Action.answer(407, "Proxy-Authenticate", "Basic realm=\"corp\""))) {
      Scenario scenario = Scenario.withOutbox("a forwarding proxy answers `407 Proxy Authentication Required`", proxy,
          cacheDir, ROOMY_OUTBOX.andThen(options -> {
            options.setDsn("http://publickey0123@sentry.invalid/42");
            options.setProxy(new SentryOptions.Proxy("127.0.0.1", proxy.port(), "user", "wrong"));
          }));
      scenario.captureMany(20, 0);
      assertThat(scenario.flush(ARRIVAL)).isTrue();
      scenario.close();
      Books books = book(scenario, "a configuration error, not Sentry refusing: every file stays in the outbox; "
          + warnings.size() + " warning for " + proxy.requestCount() + " requests");
      assertThat(books.inOutbox()).isEqualTo(20);
      assertThat(books.dropped()).isEmpty();
      assertThat(books.sendError()).isZero();
      assertThat(warnings).hasSize(1);
      assertThat(warnings.get(0)).contains("407");
    } finally {
      logger.removeHandler(handler);
    }
  }

  private static Handler warningsInto(List<String> warnings) {
    return new Handler() {
      @Override
      public void publish(LogRecord record) {
        if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
          warnings.add(record.getMessage());
        }
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
  }

  @Test
  @Order(19)
  void flushAndCloseOnAnInterruptedThreadWithoutOutbox() throws Exception {
    interruptedCaller(null);
  }

  @Test
  @Order(20)
  void flushAndCloseOnAnInterruptedThreadWithOutbox() throws Exception {
    interruptedCaller(cacheDir);
  }

  /** The application's thread is interrupted when it flushes and closes: both still wait and deliver. */
  private void interruptedCaller(Path outbox) throws Exception {
    String fault = "`flush()`, then `close()`, called on an interrupted thread; 200 ms per answer";
    try (FaultServer server = FaultServer.start(n -> Action.answer(200).after(Duration.ofMillis(200)))) {
      Scenario scenario = outbox == null ? Scenario.inMemory(fault, server, DEFAULTS)
          : Scenario.withOutbox(fault, server, outbox, DEFAULTS);
      scenario.captureMany(25, 0);
      Thread.currentThread().interrupt();
      boolean flushed = scenario.flush(ARRIVAL);
      boolean interruptedAfterFlush = Thread.interrupted();
      scenario.captureMany(25, 0);
      Thread.currentThread().interrupt();
      scenario.close();
      boolean interruptedAfterClose = Thread.interrupted();
      Books books = book(scenario, "25 captured, flushed, 25 more, closed: both wait as on any thread and "
          + "leave the thread's interrupt set");
      assertThat(flushed).isTrue();
      assertThat(interruptedAfterFlush).as("flush keeps the interrupt").isTrue();
      assertThat(interruptedAfterClose).as("close keeps the interrupt").isTrue();
      assertThat(books.accepted()).isEqualTo(50);
      assertThat(books.dropped()).isEmpty();
    }
  }

  @Test
  @Order(21)
  void endlessAnswerBodies() throws Exception {
    hostileAnswers(HOSTILE + " connections: `200` and then a chunked body that never ends", Action.endlessBody(),
        HOSTILE + 10);
  }

  @Test
  @Order(22)
  void answersOneByteASecond() throws Exception {
    hostileAnswers(HOSTILE + " connections: the whole answer sent one byte a second", Action.slowBytes(), 10);
  }

  @Test
  @Order(23)
  void answersWithAGigabyteBody() throws Exception {
    hostileAnswers(HOSTILE + " connections: `200` with a 1 GiB body", Action.hugeBody(), HOSTILE + 10);
  }

  /**
   * The first {@link #HOSTILE} requests get a hostile answer, later ones a plain 200: each hostile
   * exchange ends by the response deadline or the body cap, its connection is dropped, and the 10
   * events captured after them are delivered. With slow start, requests after one that got no
   * answer go one at a time, so the bound on the whole is one deadline per hostile request, plus
   * a margin.
   */
  private void hostileAnswers(String fault, Action hostile, int accepted) throws Exception {
    long deadlineMillis = 3_000;
    try (FaultServer server = FaultServer.start(n -> n <= HOSTILE ? hostile : Action.answer(200))) {
      Scenario scenario = Scenario.inMemory(fault, server,
          DEFAULTS.andThen(options -> options.setResponseTimeoutMillis(deadlineMillis)));
      long start = System.nanoTime();
      scenario.captureMany(HOSTILE, 0);
      scenario.captureMany(10, 0);
      boolean flushed = scenario.flush(ARRIVAL);
      long flushMillis = Duration.ofNanos(System.nanoTime() - start).toMillis();
      boolean dropped = server.awaitUntil(() -> server.hostileConnectionsEnded() == HOSTILE, ARRIVAL);
      scenario.close();
      Books books = book(scenario, "`responseTimeout` " + deadlineMillis + " ms, body cap 64 KiB (the default): all "
          + "settled " + flushMillis + " ms after the first capture; " + server.hostileConnectionsEnded()
          + " hostile connections dropped; " + (server.hostileBodyBytes() >> 10) + " KiB of hostile bodies sent");
      assertThat(flushed).isTrue();
      assertThat(flushMillis).as("every hostile answer ends by its deadline")
          .isLessThan(HOSTILE * deadlineMillis + 7_000);
      assertThat(dropped).as("the hostile connections are dropped").isTrue();
      assertThat(books.accepted()).isEqualTo(accepted);
      assertThat(server.hostileBodyBytes()).as("bodies are not read to the end").isLessThan(HOSTILE * (32L << 20));
      if (accepted < HOSTILE + 10) {
        assertThat(books.dropped()).containsExactlyEntriesOf(Map.of("network_error", (long) HOSTILE));
      }
    }
  }

  /** Events written to an outbox by a JVM killed while sending arrive after a restart. */
  @Test
  @Order(24)
  void killedWhileSending() throws Exception {
    TABLE.add(KillScenario.run(cacheDir));
  }

  /** 200 captures of 10 MB messages in a JVM with a 256 MB heap: it never runs out of memory. */
  @Test
  @Order(25)
  void hugeMessagesUnderASmallHeap() throws Exception {
    TABLE.add(HugeEventsScenario.run());
  }

  /** Sixteen threads against a small queue: no deadlock, and memory that does not grow. */
  @Test
  @Order(26)
  void sixteenThreadsWithASmallQueue() throws Exception {
    TABLE.add(LoadScenario.run());
  }

}
