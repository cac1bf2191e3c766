package sentry.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import sentry.api.DropReason;
import sentry.core.accounting.DropRecorder;
import sentry.core.accounting.RateLimiter;
import sentry.core.transport.TestSettings;
import sentry.core.transport.TransportSettings;
import sentry.core.transport.Transports;
import sentry.testing.SdkThreads;
import sentry.testing.TestServer;

class DispatcherTest {
  private final SdkThreads sdkThreads = new SdkThreads();
  private final List<AutoCloseable> resources = new ArrayList<>();
  private final DropRecorder drops = new DropRecorder();
  private final AtomicLong clock = new AtomicLong();
  private final RateLimiter limits = new RateLimiter(clock::get);
  private final CountDownLatch release = new CountDownLatch(1);

  @AfterEach
  void closeEverything() throws Exception {
    release.countDown();
    Collections.reverse(resources);
    for (AutoCloseable resource : resources) {
      resource.close();
    }
    assertThat(sdkThreads.leaked()).isEmpty();
  }

  private TestServer server(TestServer.Handler handler) throws IOException {
    TestServer server = TestServer.start(handler);
    resources.add(server);
    return server;
  }

  private Dispatcher dispatcher(TestServer server, int maxQueueSize, int maxRequestsInFlight) {
    TransportSettings settings = TestSettings.of(server.endpoint(), maxQueueSize, maxRequestsInFlight);
    Dispatcher dispatcher = new Dispatcher(settings, Transports.choose(settings), drops, limits);
    resources.add(() -> dispatcher.close(Duration.ZERO));
    return dispatcher;
  }

  private void advanceSeconds(long seconds) {
    clock.addAndGet(TimeUnit.SECONDS.toNanos(seconds));
  }

  private static byte[] gunzip(byte[] body) throws IOException {
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
      return in.readAllBytes();
    }
  }

  @Test
  void sendsEachEnvelopeGzippedWithTheProtocolHeaders() throws Exception {
    TestServer server = server(request -> TestServer.Reply.status(200));
    Dispatcher dispatcher = dispatcher(server, 10, 2);
    TestEnvelope envelope = TestEnvelope.error(1);

    assertThat(dispatcher.offer(envelope)).isTrue();
    assertThat(dispatcher.flush(Duration.ofSeconds(10))).isTrue();

    assertThat(server.requests()).hasSize(1);
    TestServer.Request request = server.requests().get(0);
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.target()).isEqualTo("/api/42/envelope/");
    assertThat(request.header("X-Sentry-Auth")).isEqualTo(TestSettings.AUTH);
    assertThat(request.header("User-Agent")).isEqualTo(TestSettings.USER_AGENT);
    assertThat(request.header("Content-Type")).isEqualTo("application/x-sentry-envelope");
    assertThat(request.header("Content-Encoding")).isEqualTo("gzip");
    assertThat(gunzip(request.body())).isEqualTo(envelope.body());
    assertThat(drops.totals()).isEmpty();
    assertThat(envelope.drops).isEmpty();
    assertThat(dispatcher.pending()).isZero();
  }

  @Test
  void reusesConnectionsAcrossEnvelopes() throws Exception {
    TestServer server = server(request -> TestServer.Reply.status(200));
    Dispatcher dispatcher = dispatcher(server, 20, 2);

    for (int i = 0; i < 12; i++) {
      assertThat(dispatcher.offer(TestEnvelope.error(i))).isTrue();
    }
    assertThat(dispatcher.flush(Duration.ofSeconds(10))).isTrue();

    assertThat(server.requests()).hasSize(12);
    assertThat(server.remotePorts().size()).isLessThanOrEqualTo(2);
  }

  @Test
  void keepsSeveralRequestsInFlight() throws Exception {
    TestServer server = server(request -> {
      Thread.sleep(200);
      return TestServer.Reply.status(200);
    });
    Dispatcher dispatcher = dispatcher(server, 20, 4);

    for (int i = 0; i < 8; i++) {
      assertThat(dispatcher.offer(TestEnvelope.error(i))).isTrue();
    }
    assertThat(dispatcher.flush(Duration.ofSeconds(20))).isTrue();

    assertThat(server.requests()).hasSize(8);
    assertThat(server.maxConcurrent()).isGreaterThan(1).isLessThanOrEqualTo(4);
  }

  @Test
  void a429WithRetryAfterHoldsBackEverythingUntilItExpires() throws Exception {
    TestServer server = server(request -> server429Once());
    Dispatcher dispatcher = dispatcher(server, 10, 1);

    assertThat(dispatcher.offer(TestEnvelope.error(1))).isTrue();
    assertThat(dispatcher.flush(Duration.ofSeconds(10))).isTrue();
    // A 429 is accounted for by Sentry: nothing counted for the envelope that got it.
    assertThat(drops.totals()).isEmpty();

    TestEnvelope error = TestEnvelope.error(2);
    TestEnvelope session = TestEnvelope.of("session", "{}");
    assertThat(dispatcher.offer(error)).isFalse();
    assertThat(dispatcher.offer(session)).isFalse();
    assertThat(error.drops).containsExactly(DropReason.RATELIMIT_BACKOFF);
    assertThat(session.drops).containsExactly(DropReason.RATELIMIT_BACKOFF);
    assertThat(drops.totals()).isEqualTo(Map.of("ratelimit_backoff/error", 1L, "ratelimit_backoff/session", 1L));

    advanceSeconds(29);
    assertThat(dispatcher.offer(TestEnvelope.error(3))).isFalse();
    advanceSeconds(2);
    assertThat(dispatcher.offer(TestEnvelope.error(4))).isTrue();
    assertThat(dispatcher.flush(Duration.ofSeconds(10))).isTrue();
    assertThat(server.requests()).hasSize(2);
    assertThat(drops.total(DropReason.RATELIMIT_BACKOFF)).isEqualTo(3);
    assertThat(drops.total(DropReason.SEND_ERROR)).isZero();
  }

  private final AtomicLong answered = new AtomicLong();

  private TestServer.Reply server429Once() {
    return answered.getAndIncrement() == 0 ? TestServer.Reply.status(429, "Retry-After", "30")
        : TestServer.Reply.status(200);
  }

  @Test
  void rateLimitsOnASuccessLimitOnlyTheirCategories() throws Exception {
    TestServer server = server(request -> TestServer.Reply.status(200, "X-Sentry-Rate-Limits", "60:error:key"));
    Dispatcher dispatcher = dispatcher(server, 10, 1);

    assertThat(dispatcher.offer(TestEnvelope.of("session", "{}"))).isTrue();
    assertThat(dispatcher.flush(Duration.ofSeconds(10))).isTrue();

    assertThat(dispatcher.offer(TestEnvelope.error(1))).isFalse();
    assertThat(dispatcher.offer(TestEnvelope.of("session", "{}"))).isTrue();
    assertThat(dispatcher.flush(Duration.ofSeconds(10))).isTrue();
    assertThat(drops.totals()).isEqualTo(Map.of("ratelimit_backoff/error", 1L));
    assertThat(dispatcher.rateLimiter().isLimited("error")).isTrue();
  }

  @Test
  void queuedEnvelopesAreCheckedAgainAfterALimitArrives() throws Exception {
    CountDownLatch firstSeen = new CountDownLatch(1);
    TestServer server = server(request -> {
      firstSeen.countDown();
      release.await();
      return TestServer.Reply.status(429, "X-Sentry-Rate-Limits", "60:error:key");
    });
    Dispatcher dispatcher = dispatcher(server, 10, 1);
    assertThat(dispatcher.offer(TestEnvelope.error(1))).isTrue();
    assertThat(firstSeen.await(10, TimeUnit.SECONDS)).isTrue();
    TestEnvelope queued = TestEnvelope.error(2);
    assertThat(dispatcher.offer(queued)).isTrue();

    release.countDown();
    assertThat(dispatcher.flush(Duration.ofSeconds(10))).isTrue();

    assertThat(server.requests()).hasSize(1);
    assertThat(queued.drops).containsExactly(DropReason.RATELIMIT_BACKOFF);
    assertThat(drops.totals()).isEqualTo(Map.of("ratelimit_backoff/error", 1L));
  }

  @Test
  void refusalsCountAsSendErrors() throws Exception {
    int[] statuses = {500, 413, 400};
    server(request -> TestServer.Reply.status(statuses[(int) answered.getAndIncrement()]));
    TestServer server = (TestServer) resources.get(0);
    Dispatcher dispatcher = dispatcher(server, 10, 1);
    List<TestEnvelope> envelopes = List.of(TestEnvelope.error(1), TestEnvelope.error(2), TestEnvelope.of("session", "{}"));

    for (TestEnvelope envelope : envelopes) {
      assertThat(dispatcher.offer(envelope)).isTrue();
      assertThat(dispatcher.flush(Duration.ofSeconds(10))).isTrue();
    }

    assertThat(drops.totals()).isEqualTo(Map.of("send_error/error", 2L, "send_error/session", 1L));
    assertThat(envelopes).allSatisfy(envelope -> assertThat(envelope.drops).containsExactly(DropReason.SEND_ERROR));
  }

  @Test
  void aResetConnectionCountsAsANetworkError() throws Exception {
    TestServer server = server(request -> TestServer.Reply.reset());
    Dispatcher dispatcher = dispatcher(server, 10, 1);
    TestEnvelope envelope = TestEnvelope.error(1);

    assertThat(dispatcher.offer(envelope)).isTrue();
    assertThat(dispatcher.flush(Duration.ofSeconds(10))).isTrue();

    assertThat(drops.totals()).isEqualTo(Map.of("network_error/error", 1L));
    assertThat(envelope.drops).containsExactly(DropReason.NETWORK_ERROR);
  }

  @Test
  void aConnectionClosedWithoutAnswerCountsAsANetworkError() throws Exception {
    TestServer server = server(request -> TestServer.Reply.close());
    Dispatcher dispatcher = dispatcher(server, 10, 1);

    assertThat(dispatcher.offer(TestEnvelope.error(1))).isTrue();
    assertThat(dispatcher.offer(TestEnvelope.error(2))).isTrue();
    assertThat(dispatcher.flush(Duration.ofSeconds(10))).isTrue();

    assertThat(drops.totals()).isEqualTo(Map.of("network_error/error", 2L));
  }

  @Test
  void aFullQueueDropsNewEnvelopesAsQueueOverflow() throws Exception {
    TestServer server = server(request -> {
      release.await();
      return TestServer.Reply.status(200);
    });
    Dispatcher dispatcher = dispatcher(server, 2, 1);
    assertThat(dispatcher.offer(TestEnvelope.error(0))).isTrue();
    // The worker holds the one in flight and takes no more until it is answered.
    assertThat(server.awaitRequests(1, Duration.ofSeconds(10))).isTrue();

    assertThat(dispatcher.offer(TestEnvelope.error(1))).isTrue();
    assertThat(dispatcher.offer(TestEnvelope.error(2))).isTrue();
    TestEnvelope overflow = TestEnvelope.error(3);
    TestEnvelope session = TestEnvelope.of("session", "{}");
    assertThat(dispatcher.offer(overflow)).isFalse();
    assertThat(dispatcher.offer(session)).isFalse();

    assertThat(overflow.drops).containsExactly(DropReason.QUEUE_OVERFLOW);
    assertThat(session.drops).containsExactly(DropReason.QUEUE_OVERFLOW);
    assertThat(drops.totals()).isEqualTo(Map.of("queue_overflow/error", 1L, "queue_overflow/session", 1L));
    assertThat(dispatcher.pending()).isEqualTo(3);

    release.countDown();
    assertThat(dispatcher.flush(Duration.ofSeconds(10))).isTrue();
    assertThat(server.requests()).hasSize(3);
    assertThat(dispatcher.pending()).isZero();
  }

  @Test
  void theQueueIsBoundedInBytesAsWellAsInEnvelopes() throws Exception {
    TestServer server = server(request -> {
      release.await();
      return TestServer.Reply.status(200);
    });
    TransportSettings base = TestSettings.of(server.endpoint(), 100, 1);
    TransportSettings settings = new TransportSettings(base.endpoint(), base.authHeader(), base.userAgent(),
        base.connectTimeout(), base.readTimeout(), null, 100, 1, base.responseTimeout(), base.maxResponseBodyBytes(),
        3_000);
    Dispatcher dispatcher = new Dispatcher(settings, Transports.choose(settings), drops, limits);
    resources.add(() -> dispatcher.close(Duration.ZERO));
    assertThat(dispatcher.offer(TestEnvelope.error(0).holding(1_000))).isTrue();
    // In flight until answered: it still holds its room.
    assertThat(server.awaitRequests(1, Duration.ofSeconds(10))).isTrue();
    assertThat(dispatcher.offer(TestEnvelope.error(1).holding(1_500))).isTrue();

    TestEnvelope tooMuch = TestEnvelope.error(2).holding(1_000);
    assertThat(dispatcher.offer(tooMuch)).isFalse();
    assertThat(dispatcher.offer(TestEnvelope.error(3).holding(500))).isTrue();

    assertThat(tooMuch.drops).containsExactly(DropReason.QUEUE_OVERFLOW);
    assertThat(drops.totals()).isEqualTo(Map.of("queue_overflow/error", 1L));
    release.countDown();
    assertThat(dispatcher.flush(Duration.ofSeconds(10))).isTrue();
    assertThat(server.requests()).hasSize(3);
    // Sent: the room is free again, and one envelope larger than the whole bound fits an empty queue.
    assertThat(dispatcher.offer(TestEnvelope.error(4).holding(10_000))).isTrue();
    assertThat(dispatcher.flush(Duration.ofSeconds(10))).isTrue();
    assertThat(server.requests()).hasSize(4);
    assertThat(drops.totals()).isEqualTo(Map.of("queue_overflow/error", 1L));
  }

  @Test
  void flushReportsWhetherItDrained() throws Exception {
    TestServer server = server(request -> {
      release.await();
      return TestServer.Reply.status(200);
    });
    Dispatcher dispatcher = dispatcher(server, 10, 1);
    assertThat(dispatcher.flush(Duration.ZERO)).isTrue();
    assertThat(dispatcher.offer(TestEnvelope.error(1))).isTrue();

    long start = System.nanoTime();
    assertThat(dispatcher.flush(Duration.ofMillis(200))).isFalse();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(150));
    assertThat(dispatcher.pending()).isEqualTo(1);

    release.countDown();
    assertThat(dispatcher.flush(Duration.ofSeconds(10))).isTrue();
    assertThat(dispatcher.pending()).isZero();
  }

  @Test
  void closeReturnsInTimeAgainstAServerThatNeverAnswersAndCountsWhatIsLeft() throws Exception {
    TestServer server = server(request -> TestServer.Reply.hang());
    Dispatcher dispatcher = dispatcher(server, 10, 1);
    List<TestEnvelope> envelopes = List.of(TestEnvelope.error(1), TestEnvelope.error(2), TestEnvelope.of("session", "{}"));
    for (TestEnvelope envelope : envelopes) {
      assertThat(dispatcher.offer(envelope)).isTrue();
    }
    assertThat(server.awaitRequests(1, Duration.ofSeconds(10))).isTrue();

    long start = System.nanoTime();
    dispatcher.close(Duration.ofMillis(500));
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(took).isLessThan(Duration.ofMillis(500 + 1500));
    assertThat(drops.totals()).isEqualTo(Map.of("network_error/error", 2L, "network_error/session", 1L));
    assertThat(envelopes).allSatisfy(envelope -> assertThat(envelope.drops).containsExactly(DropReason.NETWORK_ERROR));
    assertThat(dispatcher.pending()).isZero();
  }

  @Test
  void closeSendsWhatIsPendingFirst() throws Exception {
    TestServer server = server(request -> TestServer.Reply.status(200));
    Dispatcher dispatcher = dispatcher(server, 10, 2);
    for (int i = 0; i < 5; i++) {
      assertThat(dispatcher.offer(TestEnvelope.error(i))).isTrue();
    }

    dispatcher.close(Duration.ofSeconds(10));

    assertThat(server.requests()).hasSize(5);
    assertThat(drops.totals()).isEmpty();
  }

  @Test
  void offersAfterCloseAreRefusedAndCounted() throws Exception {
    TestServer server = server(request -> TestServer.Reply.status(200));
    Dispatcher dispatcher = dispatcher(server, 10, 2);
    dispatcher.close(Duration.ofSeconds(1));
    TestEnvelope late = TestEnvelope.error(1);

    assertThat(dispatcher.offer(late)).isFalse();

    assertThat(late.drops).containsExactly(DropReason.QUEUE_OVERFLOW);
    assertThat(drops.totals()).isEqualTo(Map.of("queue_overflow/error", 1L));
    long start = System.nanoTime();
    dispatcher.close(Duration.ofSeconds(5));
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
  }

  @Test
  void aSerializerFailureCountsAsSendErrorAndTheRestGoesOn() throws Exception {
    TestServer server = server(request -> TestServer.Reply.status(200));
    Dispatcher dispatcher = dispatcher(server, 10, 1);
    TestEnvelope broken = TestEnvelope.broken();

    assertThat(dispatcher.offer(broken)).isTrue();
    assertThat(dispatcher.offer(TestEnvelope.error(1))).isTrue();
    assertThat(dispatcher.flush(Duration.ofSeconds(10))).isTrue();

    assertThat(broken.drops).containsExactly(DropReason.SEND_ERROR);
    assertThat(drops.totals()).isEqualTo(Map.of("send_error/error", 1L));
    assertThat(server.requests()).hasSize(1);
  }

  @Test
  void runsItsWorkerOnADaemonThreadNamedForTheSdk() throws Exception {
    TestServer server = server(request -> TestServer.Reply.status(200));
    dispatcher(server, 10, 1);

    assertThat(SdkThreads.sdkThreads()).anySatisfy(thread -> {
      assertThat(thread.getName()).isEqualTo("sentry-dispatcher");
      assertThat(thread.isDaemon()).isTrue();
    });
  }
}
