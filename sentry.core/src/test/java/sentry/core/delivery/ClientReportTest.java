package sentry.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import sentry.api.DropReason;
import sentry.core.accounting.ClientReportWriter;
import sentry.core.accounting.DropRecorder;
import sentry.core.accounting.RateLimiter;
import sentry.core.json.EnvelopeWriter;
import sentry.core.json.SdkInfo;
import sentry.core.transport.TestSettings;
import sentry.core.transport.TransportSettings;
import sentry.core.transport.Transports;
import sentry.core.transport.Wire;
import sentry.testing.SdkThreads;
import sentry.testing.TestServer;

/** Client reports: drop counts ride on envelopes or go on their own, and are never lost or doubled. */
class ClientReportTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  private final SdkThreads sdkThreads = new SdkThreads();
  private final List<AutoCloseable> resources = new ArrayList<>();
  private final DropRecorder drops = new DropRecorder();
  private final MutableClock clock = new MutableClock();
  private final AtomicLong nanos = new AtomicLong();
  private final RateLimiter limits = new RateLimiter(nanos::get);
  /** What the server saw and what it answered, in order. */
  private final List<Answered> answered = new CopyOnWriteArrayList<>();

  record Answered(Wire envelope, int status) {
    boolean taken() {
      return status / 100 == 2;
    }
  }

  @AfterEach
  void closeEverything() throws Exception {
    Collections.reverse(resources);
    for (AutoCloseable resource : resources) {
      resource.close();
    }
    assertThat(sdkThreads.leaked()).isEmpty();
  }

  /** A server that answers the n-th request (from 0) as {@code reply} says; status 0 resets the connection. */
  private TestServer server(IntFunction<TestServer.Reply> reply) throws IOException {
    AtomicInteger count = new AtomicInteger();
    TestServer server = TestServer.start(request -> {
      TestServer.Reply answer = reply.apply(count.getAndIncrement());
      answered.add(new Answered(Wire.parse(request.body()), answer.status()));
      return answer;
    });
    resources.add(server);
    return server;
  }

  private Dispatcher dispatcher(TestServer server, boolean sendClientReports) {
    TransportSettings settings = TestSettings.of(server.endpoint(), 100, 2);
    ClientReportWriter writer = sendClientReports
        ? new EnvelopeWriter(new SdkInfo("sentry.java.modular", "0.1.0", List.of(), List.of()), clock)::writeClientReport
        : null;
    Dispatcher dispatcher = new Dispatcher(settings, DispatchSettings.of(writer, null), Transports.choose(settings),
        drops, limits, clock);
    resources.add(() -> dispatcher.close(Duration.ZERO));
    return dispatcher;
  }

  private List<Wire> received() {
    return answered.stream().map(Answered::envelope).toList();
  }

  private Map<String, Long> acceptedCounts() {
    return Wire.discarded(answered.stream().filter(Answered::taken).map(Answered::envelope).toList());
  }

  @Test
  void dropsRideOnTheNextEnvelopeWithoutARequestOfTheirOwn() throws Exception {
    Dispatcher dispatcher = dispatcher(server(n -> TestServer.Reply.status(200)), true);
    drops.record(DropReason.SAMPLE_RATE, "error", 3);
    drops.record(DropReason.BEFORE_SEND, "error");

    assertThat(dispatcher.offer(TestEnvelope.error(1))).isTrue();
    assertThat(dispatcher.flush(WAIT)).isTrue();

    assertThat(received()).hasSize(1);
    Wire wire = received().get(0);
    assertThat(wire.eventId()).isEqualTo(String.format("%032x", 1));
    assertThat(wire.types()).containsExactly("event", "client_report");
    assertThat(wire.discarded()).isEqualTo(Map.of("sample_rate/error", 3L, "before_send/error", 1L));
    assertThat(wire.items().get(1).json().path("timestamp").asText()).startsWith("2030-01-02T03:04:05");
    assertThat(drops.unreported()).isEmpty();
    assertThat(drops.reported()).isEqualTo(drops.totals());
  }

  @Test
  void flushSendsWaitingCountsOnTheirOwnOnce() throws Exception {
    Dispatcher dispatcher = dispatcher(server(n -> TestServer.Reply.status(200)), true);
    drops.record(DropReason.QUEUE_OVERFLOW, "error", 2);

    assertThat(dispatcher.flush(WAIT)).isTrue();
    assertThat(dispatcher.flush(WAIT)).isTrue();

    assertThat(received()).hasSize(1);
    Wire wire = received().get(0);
    assertThat(wire.eventId()).isNull();
    assertThat(wire.types()).containsExactly("client_report");
    assertThat(wire.discarded()).isEqualTo(Map.of("queue_overflow/error", 2L));
    assertThat(drops.reported()).isEqualTo(Map.of("queue_overflow/error", 2L));
  }

  @Test
  void closeSendsCountsDroppedJustBeforeIt() throws Exception {
    Dispatcher dispatcher = dispatcher(server(n -> TestServer.Reply.status(200)), true);
    assertThat(dispatcher.offer(TestEnvelope.error(1))).isTrue();
    assertThat(dispatcher.flush(WAIT)).isTrue();
    drops.record(DropReason.EVENT_PROCESSOR, "error");

    dispatcher.close(WAIT);

    assertThat(received()).hasSize(2);
    assertThat(received().get(0).types()).containsExactly("event");
    assertThat(received().get(1).types()).containsExactly("client_report");
    assertThat(received().get(1).discarded()).isEqualTo(Map.of("event_processor/error", 1L));
    assertThat(drops.unreported()).isEmpty();
  }

  @Test
  void nothingDroppedNothingReported() throws Exception {
    Dispatcher dispatcher = dispatcher(server(n -> TestServer.Reply.status(200)), true);
    assertThat(dispatcher.offer(TestEnvelope.error(1))).isTrue();
    assertThat(dispatcher.flush(WAIT)).isTrue();
    dispatcher.close(WAIT);

    assertThat(received()).hasSize(1);
    assertThat(received().get(0).types()).containsExactly("event");
  }

  @Test
  void countsOfAnEnvelopeThatGotNoAnswerArePutBackAndSentOnceMore() throws Exception {
    Dispatcher dispatcher = dispatcher(server(n -> n == 0 ? TestServer.Reply.reset() : TestServer.Reply.status(200)),
        true);
    drops.record(DropReason.SAMPLE_RATE, "error", 2);

    assertThat(dispatcher.offer(TestEnvelope.error(1))).isTrue();
    assertThat(dispatcher.flush(WAIT)).isTrue();

    // The first request carried the counts but got no answer: they went again with the event's own drop.
    assertThat(received()).hasSize(2);
    assertThat(received().get(0).discarded()).isEqualTo(Map.of("sample_rate/error", 2L));
    assertThat(received().get(1).types()).containsExactly("client_report");
    assertThat(received().get(1).discarded()).isEqualTo(Map.of("sample_rate/error", 2L, "network_error/error", 1L));
    assertThat(drops.totals()).isEqualTo(Map.of("sample_rate/error", 2L, "network_error/error", 1L));
    assertThat(drops.reported()).isEqualTo(drops.totals());
    assertThat(drops.unreported()).isEmpty();
    assertThat(acceptedCounts()).isEqualTo(drops.totals());
  }

  @Test
  void countsOfAnEnvelopeAnswered500Or429ArePutBack() throws Exception {
    Dispatcher dispatcher = dispatcher(server(n -> n == 0 ? TestServer.Reply.status(500)
        : n == 1 ? TestServer.Reply.status(429, "Retry-After", "1") : TestServer.Reply.status(200)), true);
    drops.record(DropReason.BEFORE_SEND, "error");

    assertThat(dispatcher.offer(TestEnvelope.error(1))).isTrue();
    assertThat(dispatcher.flush(WAIT)).isTrue();
    // The 429 limited every category, internal too: the counts wait for the limit to pass.
    assertThat(received()).hasSize(2);
    assertThat(drops.unreported()).isEqualTo(Map.of("before_send/error", 1L, "send_error/error", 1L));
    nanos.addAndGet(TimeUnit.SECONDS.toNanos(2));
    assertThat(dispatcher.flush(WAIT)).isTrue();

    assertThat(received()).hasSize(3);
    assertThat(received().get(2).discarded()).isEqualTo(Map.of("before_send/error", 1L, "send_error/error", 1L));
    assertThat(drops.reported()).isEqualTo(drops.totals());
    assertThat(acceptedCounts()).isEqualTo(drops.totals());
  }

  @Test
  void countsRefusedForGoodAreNotSentAgain() throws Exception {
    Dispatcher dispatcher = dispatcher(server(n -> TestServer.Reply.status(400)), true);
    drops.record(DropReason.SAMPLE_RATE, "error");

    assertThat(dispatcher.flush(WAIT)).isTrue();
    assertThat(dispatcher.flush(WAIT)).isTrue();

    assertThat(received()).hasSize(1);
    assertThat(drops.refusedReports()).isEqualTo(Map.of("sample_rate/error", 1L));
    assertThat(drops.unreported()).isEmpty();
    // The refused report is not itself counted as a drop.
    assertThat(drops.totals()).isEqualTo(Map.of("sample_rate/error", 1L));
  }

  @Test
  void theCloseDeadlinePutsTheCountsInFlightBack() throws Exception {
    Dispatcher dispatcher = dispatcher(server(n -> TestServer.Reply.hang()), true);
    drops.record(DropReason.SAMPLE_RATE, "error");

    long start = System.nanoTime();
    dispatcher.close(Duration.ofMillis(300));

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(300 + 1500));
    assertThat(received()).hasSize(1);
    assertThat(drops.unreported()).isEqualTo(Map.of("sample_rate/error", 1L));
    assertThat(drops.reported()).isEmpty();
    assertThat(drops.totals()).isEqualTo(Map.of("sample_rate/error", 1L));
  }

  @Test
  void turnedOffNoReportIsSent() throws Exception {
    Dispatcher dispatcher = dispatcher(server(n -> TestServer.Reply.status(200)), false);
    drops.record(DropReason.SAMPLE_RATE, "error");

    assertThat(dispatcher.offer(TestEnvelope.error(1))).isTrue();
    assertThat(dispatcher.flush(WAIT)).isTrue();
    clock.advance(Duration.ofMinutes(5));
    dispatcher.wake();
    dispatcher.close(WAIT);

    assertThat(received()).hasSize(1);
    assertThat(received().get(0).types()).containsExactly("event");
    assertThat(drops.unreported()).isEqualTo(Map.of("sample_rate/error", 1L));
  }

  @Test
  void aRateLimitOnInternalHoldsReportsBackUntilItPasses() throws Exception {
    Dispatcher dispatcher = dispatcher(server(n -> n == 0
        ? TestServer.Reply.status(200, "X-Sentry-Rate-Limits", "60:internal:organization")
        : TestServer.Reply.status(200)), true);
    assertThat(dispatcher.offer(TestEnvelope.error(1))).isTrue();
    assertThat(dispatcher.flush(WAIT)).isTrue();
    drops.record(DropReason.SAMPLE_RATE, "error");

    assertThat(dispatcher.offer(TestEnvelope.error(2))).isTrue();
    assertThat(dispatcher.flush(WAIT)).isTrue();
    assertThat(received()).hasSize(2);
    assertThat(received().get(1).types()).containsExactly("event");
    assertThat(drops.unreported()).isEqualTo(Map.of("sample_rate/error", 1L));

    nanos.addAndGet(TimeUnit.SECONDS.toNanos(61));
    assertThat(dispatcher.flush(WAIT)).isTrue();
    assertThat(received()).hasSize(3);
    assertThat(received().get(2).discarded()).isEqualTo(Map.of("sample_rate/error", 1L));
  }

  @Test
  void countsThatWaitAMinuteWithNothingToRideOnAreSentByTheWorker() throws Exception {
    TestServer server = server(n -> TestServer.Reply.status(200));
    Dispatcher dispatcher = dispatcher(server, true);
    drops.record(DropReason.RATELIMIT_BACKOFF, "error");
    dispatcher.wake();
    assertThat(server.awaitRequests(1, Duration.ofMillis(300))).isFalse();

    clock.advance(Dispatcher.REPORT_INTERVAL);
    dispatcher.wake();

    assertThat(server.awaitRequests(1, WAIT)).isTrue();
    assertThat(dispatcher.flush(WAIT)).isTrue();
    assertThat(received()).singleElement().satisfies(wire -> assertThat(wire.types()).containsExactly("client_report"));
    assertThat(drops.reported()).isEqualTo(Map.of("ratelimit_backoff/error", 1L));
  }

  @Test
  void underConcurrentDropsAndFailuresEveryCountIsReportedExactlyOnce() throws Exception {
    // Every third request gets no answer; everything else is taken.
    Dispatcher dispatcher = dispatcher(server(n -> n % 3 == 1 ? TestServer.Reply.reset() : TestServer.Reply.status(200)),
        true);
    int threads = 8;
    int perThread = 400;
    List<Thread> workers = new ArrayList<>();
    CountDownLatch start = new CountDownLatch(1);
    for (int t = 0; t < threads; t++) {
      int id = t;
      Thread worker = new Thread(() -> {
        try {
          start.await();
        } catch (InterruptedException e) {
          return;
        }
        for (int i = 0; i < perThread; i++) {
          drops.record(i % 2 == 0 ? DropReason.SAMPLE_RATE : DropReason.BEFORE_SEND, "error");
          if (i % 40 == 0) {
            dispatcher.offer(TestEnvelope.error(id * perThread + i));
          }
        }
      });
      workers.add(worker);
      worker.start();
    }
    start.countDown();
    for (Thread worker : workers) {
      worker.join(TimeUnit.SECONDS.toMillis(30));
    }
    // Each flush waits for the envelopes in flight (which may carry counts), then reports what waits.
    int flushes = 0;
    do {
      assertThat(dispatcher.flush(WAIT)).isTrue();
    } while (!drops.unreported().isEmpty() && ++flushes < 10);

    assertThat(drops.unreported()).isEmpty();
    assertThat(drops.total(DropReason.SAMPLE_RATE) + drops.total(DropReason.BEFORE_SEND))
        .isEqualTo((long) threads * perThread);
    assertThat(drops.reported()).isEqualTo(drops.totals());
    // Sentry's side: the reports it took add up to exactly what was dropped.
    assertThat(acceptedCounts()).isEqualTo(new TreeMap<>(drops.totals()));
  }
}
