package sentry.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import sentry.api.DropReason;
import sentry.core.accounting.ClientReportWriter;
import sentry.core.accounting.DropRecorder;
import sentry.core.accounting.RateLimiter;
import sentry.core.json.EnvelopeWriter;
import sentry.core.json.SdkInfo;
import sentry.core.outbox.Outbox;
import sentry.core.outbox.OutboxEntry;
import sentry.core.outbox.OutboxSettings;
import sentry.core.outbox.Stored;
import sentry.core.transport.TestSettings;
import sentry.core.transport.TransportSettings;
import sentry.core.transport.Transports;
import sentry.core.transport.Wire;
import sentry.testing.SdkThreads;
import sentry.testing.TestServer;

/** The offline outbox as the dispatcher uses it: written before sending, kept on failure, sent again. */
class OutboxDeliveryTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir Path root;

  private final SdkThreads sdkThreads = new SdkThreads();
  private final List<AutoCloseable> resources = new ArrayList<>();
  private final DropRecorder drops = new DropRecorder();
  private final MutableClock clock = new MutableClock();
  private final AtomicLong nanos = new AtomicLong();
  private final RateLimiter limits = new RateLimiter(nanos::get);
  /** What every server of the test saw, in order. */
  private final List<Wire> received = new CopyOnWriteArrayList<>();

  @AfterEach
  void closeEverything() throws Exception {
    Collections.reverse(resources);
    for (AutoCloseable resource : resources) {
      resource.close();
    }
    assertThat(sdkThreads.leaked()).isEmpty();
  }

  /** Answers the n-th request, from 0. */
  private interface Replies {
    TestServer.Reply apply(int n) throws Exception;
  }

  /** A server that answers the n-th request (from 0) as {@code reply} says. */
  private TestServer server(Replies reply) throws IOException {
    AtomicInteger count = new AtomicInteger();
    TestServer server = TestServer.start(request -> {
      received.add(Wire.parse(request.body()));
      return reply.apply(count.getAndIncrement());
    });
    resources.add(server);
    return server;
  }

  private OutboxSettings outbox(String dsn, int maxItems, long maxBytes) {
    return new OutboxSettings(root, dsn, maxItems, maxBytes, OutboxSettings.DEFAULT_MAX_AGE);
  }

  private OutboxSettings outbox() {
    return outbox("http://127.0.0.1/api/42/envelope/ public", 30, 10 << 20);
  }

  private Dispatcher dispatcher(TestServer server, OutboxSettings outbox) {
    return dispatcher(server, outbox, Duration.ofSeconds(60));
  }

  private Dispatcher dispatcher(TestServer server, OutboxSettings outbox, Duration retryCap) {
    return dispatcher(server, outbox, retryCap, 100, 2);
  }

  private Dispatcher dispatcher(TestServer server, OutboxSettings outbox, int maxQueueSize, int maxRequestsInFlight) {
    return dispatcher(server, outbox, Duration.ofSeconds(60), maxQueueSize, maxRequestsInFlight);
  }

  private Dispatcher dispatcher(TestServer server, OutboxSettings outbox, Duration retryCap, int maxQueueSize,
      int maxRequestsInFlight) {
    TransportSettings settings = TestSettings.of(server.endpoint(), maxQueueSize, maxRequestsInFlight);
    Dispatcher dispatcher = new Dispatcher(settings, new DispatchSettings(null, outbox, Duration.ofSeconds(1), retryCap),
        Transports.choose(settings), drops, limits, clock);
    resources.add(() -> dispatcher.close(Duration.ZERO));
    return dispatcher;
  }

  /** Leaves ready files as an earlier process would: written, sent without success, released. */
  private void leftByAnEarlierProcess(OutboxSettings settings, int... numbers) {
    Outbox earlier = new Outbox(settings, clock, (why, category, eventId, key) -> fail("nothing to discard"));
    assertThat(earlier.open()).isTrue();
    for (int number : numbers) {
      Stored stored = earlier.write(EnvelopeBytes.gzip(TestEnvelope.error(number).body()), "error",
          TestEnvelope.id(number));
      assertThat(earlier.release(stored)).isTrue();
    }
    earlier.close();
  }

  private static List<String> fileNames(Path directory) throws IOException {
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(directory)) {
      return files.map(path -> path.getFileName().toString()).sorted().toList();
    }
  }

  private static List<String> ids(List<OutboxEntry> entries) {
    return entries.stream().map(OutboxEntry::eventId).toList();
  }

  private List<String> receivedIds() {
    return received.stream().map(Wire::eventId).toList();
  }

  private static void eventually(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        fail("timed out waiting until " + what);
      }
      Thread.sleep(10);
    }
  }

  @Test
  void eachEnvelopeIsOnDiskWhileItIsSentAndRemovedOnceTaken() throws Exception {
    OutboxSettings settings = outbox();
    List<List<String>> seenDuringRequests = new CopyOnWriteArrayList<>();
    TestServer server = server(n -> {
      try {
        seenDuringRequests.add(fileNames(settings.directory()));
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
      return TestServer.Reply.status(200);
    });
    Dispatcher dispatcher = dispatcher(server, settings);

    assertThat(dispatcher.offer(TestEnvelope.error(7))).isTrue();
    assertThat(dispatcher.flush(WAIT)).isTrue();

    assertThat(seenDuringRequests).hasSize(1);
    assertThat(seenDuringRequests.get(0)).anySatisfy(name ->
        assertThat(name).contains("-error-" + TestEnvelope.id(7) + "~").endsWith(".sending"));
    assertThat(receivedIds()).containsExactly(TestEnvelope.id(7));
    assertThat(dispatcher.outbox().orElseThrow().entries()).isEmpty();
    assertThat(drops.totals()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"500", "503", "429", "reset", "close"})
  void aFailedAttemptKeepsTheFileAndTriesAgainAfterTheBackoff(String failure) throws Exception {
    TestServer server = server(n -> n > 0 ? TestServer.Reply.status(200)
        : failure.equals("reset") ? TestServer.Reply.reset()
        : failure.equals("close") ? TestServer.Reply.close()
        : TestServer.Reply.status(Integer.parseInt(failure), "Retry-After", "1"));
    Dispatcher dispatcher = dispatcher(server, outbox());
    TestEnvelope envelope = TestEnvelope.error(1);

    assertThat(dispatcher.offer(envelope)).isTrue();
    assertThat(dispatcher.flush(WAIT)).isTrue();

    Outbox outbox = dispatcher.outbox().orElseThrow();
    assertThat(outbox.entries()).singleElement().satisfies(entry -> {
      assertThat(entry.eventId()).isEqualTo(TestEnvelope.id(1));
      assertThat(entry.claimedBy()).isNull();
    });
    assertThat(drops.totals()).isEmpty();
    assertThat(envelope.drops).isEmpty();
    assertThat(dispatcher.retries().delay()).isEqualTo(Duration.ofSeconds(1));

    // Not before the backoff is over.
    dispatcher.wake();
    assertThat(server.awaitRequests(2, Duration.ofMillis(300))).isFalse();

    clock.advance(Duration.ofSeconds(1));
    nanos.addAndGet(TimeUnit.SECONDS.toNanos(1));
    dispatcher.wake();
    assertThat(server.awaitRequests(2, WAIT)).isTrue();
    eventually("the file is removed", () -> outbox.entries().isEmpty());

    assertThat(receivedIds()).containsExactly(TestEnvelope.id(1), TestEnvelope.id(1));
    // Sent again, it says when it was sent this time.
    assertThat(received.get(1).header().path("sent_at").asText()).isEqualTo("2030-01-02T03:04:06.678Z");
    assertThat(drops.totals()).isEmpty();
  }

  @Test
  void theBackoffDoublesUpToItsCap() throws Exception {
    TestServer server = server(n -> TestServer.Reply.status(500));
    Dispatcher dispatcher = dispatcher(server, outbox(), Duration.ofSeconds(4));
    assertThat(dispatcher.offer(TestEnvelope.error(1))).isTrue();
    assertThat(dispatcher.flush(WAIT)).isTrue();

    List<Duration> delays = new ArrayList<>();
    delays.add(dispatcher.retries().delay());
    for (int attempt = 2; attempt <= 5; attempt++) {
      clock.advance(delays.get(delays.size() - 1));
      dispatcher.wake();
      int expected = attempt;
      eventually("attempt " + attempt + " failed", () -> dispatcher.retries().failures() == expected
          && dispatcher.outbox().orElseThrow().entries().stream().allMatch(entry -> entry.claimedBy() == null));
      delays.add(dispatcher.retries().delay());
    }

    assertThat(delays).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4),
        Duration.ofSeconds(4), Duration.ofSeconds(4));
    assertThat(server.requests()).hasSize(5);
    assertThat(drops.totals()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(ints = {400, 413})
  void aRefusalForGoodRemovesTheFileAndCountsASendError(int status) throws Exception {
    Dispatcher dispatcher = dispatcher(server(n -> TestServer.Reply.status(status)), outbox());
    TestEnvelope envelope = TestEnvelope.error(1);

    assertThat(dispatcher.offer(envelope)).isTrue();
    assertThat(dispatcher.flush(WAIT)).isTrue();

    assertThat(dispatcher.outbox().orElseThrow().entries()).isEmpty();
    assertThat(drops.totals()).isEqualTo(Map.of("send_error/error", 1L));
    assertThat(envelope.drops).containsExactly(DropReason.SEND_ERROR);
  }

  @Test
  void aNewProcessSendsWhatTheLastOneLeftWithTheSameEventIds() throws Exception {
    OutboxSettings settings = outbox();
    Dispatcher first = dispatcher(server(n -> TestServer.Reply.reset()), settings);
    for (int i = 1; i <= 3; i++) {
      assertThat(first.offer(TestEnvelope.error(i))).isTrue();
    }
    assertThat(first.flush(WAIT)).isTrue();
    first.close(WAIT);
    assertThat(ids(first.outbox().orElseThrow().entries()))
        .containsExactly(TestEnvelope.id(1), TestEnvelope.id(2), TestEnvelope.id(3));
    received.clear();

    nextDispatcherDeliversEverything(settings, 3, TestEnvelope.id(1), TestEnvelope.id(2), TestEnvelope.id(3));
  }

  @Test
  void closeLeavesFilesInFlightForTheNextProcess() throws Exception {
    OutboxSettings settings = outbox();
    TestServer hanging = server(n -> TestServer.Reply.hang());
    Dispatcher first = dispatcher(hanging, settings);
    assertThat(first.offer(TestEnvelope.error(1))).isTrue();
    assertThat(hanging.awaitRequests(1, WAIT)).isTrue();

    first.close(Duration.ofMillis(200));

    assertThat(first.outbox().orElseThrow().entries()).singleElement()
        .satisfies(entry -> assertThat(entry.claimedBy()).isNull());
    assertThat(drops.totals()).isEmpty();
    TestServer up = server(n -> TestServer.Reply.status(200));
    Dispatcher second = dispatcher(up, settings);
    assertThat(up.awaitRequests(1, WAIT)).isTrue();
    eventually("the outbox is empty", () -> second.outbox().orElseThrow().entries().isEmpty());
  }

  /**
   * Starts the next process's dispatcher on the same outbox against a server that answers 200, and
   * checks that it sends exactly these event ids, empties the outbox and drops nothing.
   */
  private void nextDispatcherDeliversEverything(OutboxSettings settings, int requests, String... ids)
      throws IOException, InterruptedException {
    TestServer up = server(n -> TestServer.Reply.status(200));
    Dispatcher second = dispatcher(up, settings);

    assertThat(up.awaitRequests(requests, WAIT)).isTrue();
    eventually("the outbox is empty", () -> second.outbox().orElseThrow().entries().isEmpty());
    assertThat(receivedIds()).containsExactlyInAnyOrder(ids);
    assertThat(drops.totals()).isEmpty();
  }

  /** Offers envelopes 1 to {@code count} to a dispatcher that sends one at a time, once the first is in flight. */
  private List<TestEnvelope> oneInFlightTheRestQueued(Dispatcher dispatcher, TestServer hanging, int count)
      throws InterruptedException {
    List<TestEnvelope> envelopes = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      envelopes.add(TestEnvelope.error(i));
    }
    assertThat(dispatcher.offer(envelopes.get(0))).isTrue();
    assertThat(hanging.awaitRequests(1, WAIT)).isTrue();
    for (TestEnvelope envelope : envelopes.subList(1, count)) {
      assertThat(dispatcher.offer(envelope)).isTrue();
    }
    return envelopes;
  }

  private static String[] idsOf(int... numbers) {
    return Arrays.stream(numbers).mapToObj(TestEnvelope::id).toArray(String[]::new);
  }

  @Test
  void closeWritesWhatIsStillQueuedToTheOutboxForTheNextProcess() throws Exception {
    OutboxSettings settings = outbox();
    TestServer hanging = server(n -> TestServer.Reply.hang());
    Dispatcher first = dispatcher(hanging, settings, 10, 1);
    List<TestEnvelope> envelopes = oneInFlightTheRestQueued(first, hanging, 6);

    long start = System.nanoTime();
    first.close(Duration.ofMillis(200));
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(took).isLessThan(Duration.ofMillis(200 + 2000));
    // 1 was in flight, 2 to 6 were still queued: all are on disk, ready for the next process.
    List<OutboxEntry> entries = first.outbox().orElseThrow().entries();
    assertThat(ids(entries)).containsExactlyInAnyOrder(idsOf(1, 2, 3, 4, 5, 6));
    assertThat(entries).allSatisfy(entry -> assertThat(entry.claimedBy()).isNull());
    assertThat(fileNames(settings.directory()).stream().filter(name -> name.endsWith(".envelope"))).hasSize(6);
    assertThat(drops.totals()).isEmpty();
    assertThat(envelopes).allSatisfy(envelope -> assertThat(envelope.drops).isEmpty());
    assertThat(first.pending()).isZero();
    received.clear();

    nextDispatcherDeliversEverything(settings, 6, idsOf(1, 2, 3, 4, 5, 6));
  }

  /** Answers 200, except that the first {@code hanging} requests wait for {@code answer} first. */
  private TestServer hangingUntil(CountDownLatch answer, int hanging) throws IOException {
    return server(n -> {
      if (n < hanging) {
        answer.await();
      }
      return TestServer.Reply.status(200);
    });
  }

  /**
   * Offers envelopes {@code from} to {@code to} to a dispatcher whose request slots are all taken
   * by envelopes 1 to {@code from - 1}, a queue's worth at a time, and waits each time until the
   * worker has written them all to the outbox (or the outbox removed them for room): with parking,
   * a small queue takes any number.
   */
  private List<TestEnvelope> offerWhileSlotsAreBusy(Dispatcher dispatcher, int queueSize, int from, int to)
      throws InterruptedException {
    List<TestEnvelope> offered = new ArrayList<>();
    Outbox outbox = dispatcher.outbox().orElseThrow();
    for (int i = from; i <= to; i++) {
      TestEnvelope envelope = TestEnvelope.error(i);
      offered.add(envelope);
      assertThat(dispatcher.offer(envelope)).as("offer %d", i).isTrue();
      if ((i - from + 1) % queueSize == 0 || i == to) {
        int written = i;
        eventually("the queue is written to the outbox up to " + i,
            () -> outbox.entries().size() + drops.total(DropReason.CACHE_OVERFLOW) >= written);
      }
    }
    return offered;
  }

  @Test
  void whileEveryRequestHangsTheQueueDrainsToTheOutboxAndFlushWaitsUntilItArrives() throws Exception {
    CountDownLatch answer = new CountDownLatch(1);
    TestServer server = hangingUntil(answer, 2);
    Dispatcher dispatcher = dispatcher(server, outbox("dsn", 100, 10 << 20), 5, 2);
    Outbox outbox = dispatcher.outbox().orElseThrow();
    assertThat(dispatcher.offer(TestEnvelope.error(1))).isTrue();
    assertThat(dispatcher.offer(TestEnvelope.error(2))).isTrue();
    // Slow start: a fresh dispatcher has one request in flight until a 2xx.
    assertThat(server.awaitRequests(1, WAIT)).isTrue();

    List<TestEnvelope> parked = offerWhileSlotsAreBusy(dispatcher, 5, 3, 30);

    // Nothing dropped: 1 in flight, 29 parked as ready files, all pending.
    assertThat(drops.totals()).isEmpty();
    assertThat(outbox.entries()).hasSize(30);
    assertThat(outbox.entries().stream().filter(entry -> entry.claimedBy() == null)).hasSize(29);
    assertThat(dispatcher.pending()).isEqualTo(30);
    assertThat(dispatcher.flush(Duration.ofMillis(200))).as("nothing has arrived yet").isFalse();
    assertThat(server.requests()).hasSize(1);

    answer.countDown();
    assertThat(dispatcher.flush(WAIT)).isTrue();

    // flush returned only once all had arrived.
    assertThat(receivedIds()).containsExactlyInAnyOrder(idsOf(IntStream.rangeClosed(1, 30).toArray()));
    assertThat(dispatcher.pending()).isZero();
    assertThat(outbox.entries()).isEmpty();
    assertThat(drops.totals()).isEmpty();
    assertThat(parked).allSatisfy(envelope -> assertThat(envelope.drops).isEmpty());
  }

  @Test
  void whatIsParkedWhileTheServerNeverAnswersIsOnDiskAfterCloseForTheNextProcess() throws Exception {
    OutboxSettings settings = outbox("dsn", 100, 10 << 20);
    TestServer hanging = server(n -> TestServer.Reply.hang());
    Dispatcher first = dispatcher(hanging, settings, 5, 2);
    assertThat(first.offer(TestEnvelope.error(1))).isTrue();
    assertThat(first.offer(TestEnvelope.error(2))).isTrue();
    assertThat(hanging.awaitRequests(1, WAIT)).isTrue();
    offerWhileSlotsAreBusy(first, 5, 3, 30);

    first.close(Duration.ofMillis(200));

    // 1 was in flight (slow start), 29 parked: all on disk, ready, and nothing is pending any more.
    List<OutboxEntry> entries = first.outbox().orElseThrow().entries();
    assertThat(entries).hasSize(30).allSatisfy(entry -> assertThat(entry.claimedBy()).isNull());
    assertThat(drops.totals()).isEmpty();
    assertThat(first.pending()).isZero();
    received.clear();

    nextDispatcherDeliversEverything(settings, 30, idsOf(IntStream.rangeClosed(1, 30).toArray()));
  }

  /**
   * An outbox of 5 files and requests that hang until {@code answer}: envelope 1 in flight (slow
   * start: one request until a 2xx), 2 to 5 parked (3 to 5 added to {@code parked}); the outbox is
   * full when this returns.
   */
  private Dispatcher fullOutboxWhileARequestHangs(CountDownLatch answer, List<TestEnvelope> parked)
      throws Exception {
    TestServer server = hangingUntil(answer, 2);
    Dispatcher dispatcher = dispatcher(server, outbox("dsn", 5, 10 << 20), 5, 2);
    assertThat(dispatcher.offer(TestEnvelope.error(1))).isTrue();
    assertThat(dispatcher.offer(TestEnvelope.error(2))).isTrue();
    assertThat(server.awaitRequests(1, WAIT)).isTrue();
    for (int i = 3; i <= 5; i++) {
      TestEnvelope envelope = TestEnvelope.error(i);
      parked.add(envelope);
      assertThat(dispatcher.offer(envelope)).isTrue();
    }
    Outbox outbox = dispatcher.outbox().orElseThrow();
    eventually("4 envelopes are parked", () -> outbox.entries().size() == 5);
    return dispatcher;
  }

  @Test
  void parkingOnlyUsesRoomTheOutboxHasAndPushesNoFileOut() throws Exception {
    CountDownLatch answer = new CountDownLatch(1);
    Dispatcher dispatcher = fullOutboxWhileARequestHangs(answer, new ArrayList<>());
    Outbox outbox = dispatcher.outbox().orElseThrow();
    // Full: the next is held for a slot, the queue takes 5 more, and what comes after overflows the queue:
    // nothing that is on disk is pushed out for them.
    List<Integer> accepted = new ArrayList<>(List.of(1, 2, 3, 4, 5));
    for (int i = 6; i <= 14; i++) {
      if (dispatcher.offer(TestEnvelope.error(i))) {
        accepted.add(i);
      }
    }
    assertThat(outbox.entries()).hasSize(5);
    assertThat(drops.totals()).doesNotContainKey("cache_overflow/error");

    answer.countDown();
    assertThat(dispatcher.flush(WAIT)).isTrue();

    assertThat(receivedIds()).containsExactlyInAnyOrder(idsOf(accepted.stream().mapToInt(Integer::intValue).toArray()));
    assertThat(drops.totals()).isEqualTo(Map.of("queue_overflow/error", 14L - accepted.size()));
    assertThat(dispatcher.pending()).isZero();
  }

  @Test
  void parkedFilesAnotherProcessTakesAreNoLongerPending() throws Exception {
    CountDownLatch answer = new CountDownLatch(1);
    List<TestEnvelope> parked = new ArrayList<>();
    Dispatcher dispatcher = fullOutboxWhileARequestHangs(answer, parked);
    Outbox outbox = dispatcher.outbox().orElseThrow();

    // Another process on the same directory takes them (it sent them, or made room and counted them).
    try (Stream<Path> files = Files.list(outbox.directory())) {
      for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".envelope")).toList()) {
        Files.delete(file);
      }
    }
    assertThat(dispatcher.pending()).as("not noticed before their turn").isEqualTo(5);

    answer.countDown();
    assertThat(dispatcher.flush(WAIT)).as("found gone when their turn came: no longer pending").isTrue();
    assertThat(receivedIds()).contains(idsOf(1)).doesNotContain(idsOf(2, 3, 4, 5));
    assertThat(drops.totals()).as("the other process accounts for them, not this one").isEmpty();
    assertThat(parked).allSatisfy(envelope -> assertThat(envelope.drops).isEmpty());
    assertThat(dispatcher.pending()).isZero();
  }

  @Test
  void parkedFilesOfACategoryLimitedMeanwhileStayInTheOutboxAndAreNoLongerPending() throws Exception {
    CountDownLatch answer = new CountDownLatch(1);
    TestServer server = server(n -> {
      answer.await();
      return TestServer.Reply.status(429, "X-Sentry-Rate-Limits", "60:error:key");
    });
    Dispatcher dispatcher = dispatcher(server, outbox("dsn", 100, 10 << 20), 5, 2);
    assertThat(dispatcher.offer(TestEnvelope.error(1))).isTrue();
    assertThat(dispatcher.offer(TestEnvelope.error(2))).isTrue();
    assertThat(server.awaitRequests(1, WAIT)).isTrue();
    offerWhileSlotsAreBusy(dispatcher, 5, 3, 10);

    answer.countDown();
    assertThat(dispatcher.flush(WAIT)).isTrue();

    // Like the backlog's files of a limited category, they wait in the outbox until the limit is over;
    // with slow start, the 429 was the one request in flight.
    assertThat(server.requests()).hasSize(1);
    List<OutboxEntry> entries = dispatcher.outbox().orElseThrow().entries();
    assertThat(ids(entries)).containsExactlyInAnyOrder(idsOf(IntStream.rangeClosed(1, 10).toArray()));
    assertThat(entries).allSatisfy(entry -> assertThat(entry.claimedBy()).isNull());
    assertThat(drops.totals()).isEmpty();
    assertThat(dispatcher.pending()).isZero();
  }

  @Test
  void anEnvelopeTheOutboxCannotTakeIsHeldForTheNextFreeSlot() throws Exception {
    CountDownLatch answer = new CountDownLatch(1);
    TestServer server = hangingUntil(answer, 1);
    // Too small for any envelope: each is sent from memory only, and none can be parked.
    Dispatcher dispatcher = dispatcher(server, outbox("dsn", 30, 16), 3, 1);
    assertThat(dispatcher.offer(TestEnvelope.error(1))).isTrue();
    assertThat(server.awaitRequests(1, WAIT)).isTrue();
    for (int i = 2; i <= 4; i++) {
      assertThat(dispatcher.offer(TestEnvelope.error(i))).isTrue();
    }
    assertThat(dispatcher.flush(Duration.ofMillis(200))).isFalse();

    answer.countDown();
    assertThat(dispatcher.flush(WAIT)).isTrue();

    assertThat(receivedIds()).containsExactlyInAnyOrder(idsOf(1, 2, 3, 4));
    assertThat(drops.totals()).isEmpty();
    assertThat(dispatcher.outbox().orElseThrow().entries()).isEmpty();
  }

  @Test
  void aClientReportRequestIsHeldNotParkedWhileEverySlotIsBusy() throws Exception {
    OutboxSettings settings = outbox("dsn", 100, 10 << 20);
    leftByAnEarlierProcess(settings, 1, 2);
    CountDownLatch answer = new CountDownLatch(1);
    TestServer server = hangingUntil(answer, 2);
    ClientReportWriter writer =
        new EnvelopeWriter(new SdkInfo("sentry.java.modular", "0.1.0", List.of(), List.of()), clock)::writeClientReport;
    TransportSettings transport = TestSettings.of(server.endpoint(), 5, 2);
    Dispatcher dispatcher = new Dispatcher(transport, DispatchSettings.of(writer, settings),
        Transports.choose(transport), drops, limits, clock);
    resources.add(() -> dispatcher.close(Duration.ZERO));
    // The backlog's first file takes the one slot of a fresh window (slow start), the second waits
    // its turn; they are not this process's to wait for.
    assertThat(server.awaitRequests(1, WAIT)).isTrue();
    drops.record(DropReason.SAMPLE_RATE, "error");

    // Nothing pending: the report request is queued, and taken and held by the worker.
    assertThat(dispatcher.flush(Duration.ofMillis(300))).isFalse();
    assertThat(dispatcher.pending()).isEqualTo(1);
    offerWhileSlotsAreBusy(dispatcher, 5, 3, 6);
    // The two of the backlog and the four parked; the report request is held in memory.
    assertThat(dispatcher.outbox().orElseThrow().entries()).hasSize(6);
    assertThat(dispatcher.pending()).isEqualTo(5);

    answer.countDown();
    assertThat(dispatcher.flush(WAIT)).isTrue();
    // The backlog's second file is not this process's to wait for in flush: it may still be on its way.
    eventually("the backlog's second file arrives", () -> receivedIds().contains(TestEnvelope.id(2)));

    assertThat(receivedIds()).contains(idsOf(1, 2, 3, 4, 5, 6));
    assertThat(Wire.discarded(received)).isEqualTo(Map.of("sample_rate/error", 1L));
    assertThat(drops.totals()).isEqualTo(Map.of("sample_rate/error", 1L));
    assertThat(dispatcher.pending()).isZero();
  }

  @RepeatedTest(5)
  void aCloseWhileTheWorkerParksLeavesEachEnvelopeOnDiskOrCountedAndNothingPending() throws Exception {
    OutboxSettings settings = outbox("dsn", 1000, 10 << 20);
    TestServer hanging = server(n -> TestServer.Reply.hang());
    Dispatcher dispatcher = dispatcher(hanging, settings, 5, 2);
    List<TestEnvelope> offered = new CopyOnWriteArrayList<>();
    Thread application = new Thread(() -> {
      for (int i = 1; i <= 400; i++) {
        TestEnvelope envelope = TestEnvelope.error(i);
        offered.add(envelope);
        dispatcher.offer(envelope);
        // About as fast as the worker parks, so that offers, parking and the close overlap.
        LockSupport.parkNanos(200_000);
      }
    });
    application.start();
    assertThat(hanging.awaitRequests(1, WAIT)).isTrue();
    Thread.sleep(20);

    dispatcher.close(Duration.ofMillis(50));
    application.join();

    Map<String, Long> onDisk = dispatcher.outbox().orElseThrow().entries().stream()
        .collect(Collectors.groupingBy(OutboxEntry::eventId, Collectors.counting()));
    long told = 0;
    for (TestEnvelope envelope : offered) {
      boolean written = onDisk.containsKey(envelope.eventId());
      assertThat(envelope.drops.size() + (written ? 1 : 0)).as("envelope %s: on disk %s, told %s", envelope.eventId(),
          written, envelope.drops).isEqualTo(1);
      told += envelope.drops.size();
    }
    assertThat(onDisk.values()).allMatch(count -> count == 1);
    assertThat(drops.totals().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(told);
    eventually("nothing is pending", () -> dispatcher.pending() == 0);
  }

  @Test
  void closeKeepsTheOutboxBoundsWhenItWritesWhatIsQueued() throws Exception {
    TestServer hanging = server(n -> TestServer.Reply.hang());
    Dispatcher dispatcher = dispatcher(hanging, outbox("dsn", 3, 10 << 20), 10, 1);
    List<TestEnvelope> envelopes = oneInFlightTheRestQueued(dispatcher, hanging, 6);

    dispatcher.close(Duration.ofMillis(200));

    // The newest are kept, as ever; the oldest made room and count as cache_overflow, not as lost at close.
    // (Which of 1 and 4 is kept depends on whether 1, in flight, was released before 4 was written.)
    assertThat(ids(dispatcher.outbox().orElseThrow().entries())).hasSize(3).contains(idsOf(5, 6));
    assertThat(drops.totals()).isEqualTo(Map.of("cache_overflow/error", 3L));
    assertThat(envelopes).allSatisfy(envelope -> assertThat(envelope.drops).isEmpty());
  }

  @Test
  void anEnvelopeThatCannotBeSerializedAtCloseCountsAsASendError() throws Exception {
    TestServer hanging = server(n -> TestServer.Reply.hang());
    Dispatcher dispatcher = dispatcher(hanging, outbox(), 10, 1);
    assertThat(dispatcher.offer(TestEnvelope.error(1))).isTrue();
    assertThat(hanging.awaitRequests(1, WAIT)).isTrue();
    TestEnvelope broken = TestEnvelope.broken();
    assertThat(dispatcher.offer(broken)).isTrue();
    assertThat(dispatcher.offer(TestEnvelope.error(3))).isTrue();

    dispatcher.close(Duration.ofMillis(200));

    assertThat(ids(dispatcher.outbox().orElseThrow().entries())).containsExactlyInAnyOrder(idsOf(1, 3));
    assertThat(drops.totals()).isEqualTo(Map.of("send_error/error", 1L));
    assertThat(broken.drops).containsExactly(DropReason.SEND_ERROR);
    assertThat(dispatcher.pending()).isZero();
  }

  @Test
  void closeCountsWhatIsQueuedAsANetworkErrorWhenTheOutboxCannotBeUsed() throws Exception {
    Path file = Files.createFile(root.resolve("a-file"));
    OutboxSettings settings = new OutboxSettings(file.resolve("cache"), "dsn", 30, 10 << 20,
        OutboxSettings.DEFAULT_MAX_AGE);
    TestServer hanging = server(n -> TestServer.Reply.hang());
    Dispatcher dispatcher = dispatcher(hanging, settings, 10, 1);
    List<TestEnvelope> envelopes = oneInFlightTheRestQueued(dispatcher, hanging, 3);

    dispatcher.close(Duration.ofMillis(200));

    assertThat(dispatcher.outbox().orElseThrow().status()).isEqualTo(Outbox.Status.UNUSABLE);
    assertThat(drops.totals()).isEqualTo(Map.of("network_error/error", 3L));
    assertThat(envelopes).allSatisfy(envelope -> assertThat(envelope.drops).containsExactly(DropReason.NETWORK_ERROR));
    assertThat(dispatcher.pending()).isZero();
  }

  @Test
  void eachDsnHasADirectoryOfItsOwnAndNeverSendsAnotherOnesFiles() throws Exception {
    OutboxSettings mine = outbox("https://example.test/api/1/envelope/ key-one", 30, 10 << 20);
    OutboxSettings theirs = outbox("https://example.test/api/2/envelope/ key-two", 30, 10 << 20);
    leftByAnEarlierProcess(theirs, 1);

    TestServer server = server(n -> TestServer.Reply.status(200));
    Dispatcher dispatcher = dispatcher(server, mine);
    assertThat(dispatcher.offer(TestEnvelope.error(2))).isTrue();
    assertThat(dispatcher.flush(WAIT)).isTrue();

    assertThat(mine.directory()).isNotEqualTo(theirs.directory());
    assertThat(mine.directory().getParent()).isEqualTo(root);
    assertThat(mine.directory().getFileName().toString()).matches("[0-9a-f]{32}");
    assertThat(receivedIds()).containsExactly(TestEnvelope.id(2));
    assertThat(fileNames(theirs.directory())).anySatisfy(name -> assertThat(name).contains(TestEnvelope.id(1)));
  }

  @Test
  void theCountBoundRemovesTheOldestAsCacheOverflow() throws Exception {
    Dispatcher dispatcher = dispatcher(server(n -> TestServer.Reply.reset()), outbox("dsn", 3, 10 << 20));

    for (int i = 1; i <= 5; i++) {
      assertThat(dispatcher.offer(TestEnvelope.error(i))).isTrue();
      assertThat(dispatcher.flush(WAIT)).isTrue();
    }

    assertThat(ids(dispatcher.outbox().orElseThrow().entries()))
        .containsExactly(TestEnvelope.id(3), TestEnvelope.id(4), TestEnvelope.id(5));
    assertThat(drops.totals()).isEqualTo(Map.of("cache_overflow/error", 2L));
  }

  @Test
  void theByteBoundRemovesTheOldestAsCacheOverflow() throws Exception {
    String payload = "{\"message\":\"" + "x".repeat(50) + "\"}";
    long size = EnvelopeBytes.gzip(TestEnvelope.error(1, payload).body()).length;
    Dispatcher dispatcher = dispatcher(server(n -> TestServer.Reply.reset()), outbox("dsn", 30, size * 5 / 2));

    for (int i = 1; i <= 4; i++) {
      assertThat(dispatcher.offer(TestEnvelope.error(i, payload))).isTrue();
      assertThat(dispatcher.flush(WAIT)).isTrue();
    }

    List<OutboxEntry> entries = dispatcher.outbox().orElseThrow().entries();
    assertThat(ids(entries)).containsExactly(TestEnvelope.id(3), TestEnvelope.id(4));
    assertThat(entries.stream().mapToLong(OutboxEntry::size).sum()).isLessThanOrEqualTo(size * 5 / 2);
    assertThat(drops.totals()).isEqualTo(Map.of("cache_overflow/error", 2L));
  }

  @Test
  void anEnvelopeLargerThanTheWholeBoundIsSentFromMemory() throws Exception {
    OutboxSettings settings = outbox("dsn", 30, 16);
    List<List<String>> seenDuringRequests = new CopyOnWriteArrayList<>();
    TestServer server = server(n -> {
      try {
        seenDuringRequests.add(fileNames(settings.directory()));
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
      return n == 0 ? TestServer.Reply.status(200) : TestServer.Reply.reset();
    });
    Dispatcher dispatcher = dispatcher(server, settings);

    assertThat(dispatcher.offer(TestEnvelope.error(1))).isTrue();
    assertThat(dispatcher.offer(TestEnvelope.error(2))).isTrue();
    assertThat(dispatcher.flush(WAIT)).isTrue();

    assertThat(seenDuringRequests).allSatisfy(names -> assertThat(names).noneMatch(name -> name.contains("-error-")));
    assertThat(drops.totals()).isEqualTo(Map.of("network_error/error", 1L));
  }

  @Test
  void corruptFilesAreSetAsideAndTheRestIsSent() throws Exception {
    OutboxSettings settings = outbox();
    leftByAnEarlierProcess(settings, 1, 2);
    Path directory = settings.directory();
    String prefix = String.format("%013d-%016x-%08x-error-", clock.millis(), 0xabcL, 1);
    Files.write(directory.resolve(prefix + TestEnvelope.id(3) + ".envelope"), "not gzip".getBytes(StandardCharsets.UTF_8));
    byte[] valid = EnvelopeBytes.gzip(TestEnvelope.error(4).body());
    Files.write(directory.resolve(prefix.replace("-error-", "-session-") + TestEnvelope.id(4) + ".envelope"),
        Arrays.copyOf(valid, valid.length / 2));
    Files.write(directory.resolve("junk.envelope"), valid);

    TestServer server = server(n -> TestServer.Reply.status(200));
    Dispatcher dispatcher = dispatcher(server, settings);

    assertThat(server.awaitRequests(2, WAIT)).isTrue();
    eventually("the outbox is empty", () -> dispatcher.outbox().orElseThrow().entries().isEmpty());
    assertThat(receivedIds()).containsExactlyInAnyOrder(TestEnvelope.id(1), TestEnvelope.id(2));
    assertThat(fileNames(directory.resolve("corrupt"))).hasSize(3).contains("junk.envelope");
    // The two whose names say what they were are counted; the one with a foreign name cannot be.
    assertThat(drops.totals()).isEqualTo(Map.of("send_error/error", 1L, "send_error/session", 1L));
  }

  @Test
  void twoProcessesOnOneDirectoryNeverSendOneFileTwice() throws Exception {
    OutboxSettings settings = outbox("dsn", 100, 10 << 20);
    int[] numbers = new int[40];
    Arrays.setAll(numbers, i -> i + 1);
    leftByAnEarlierProcess(settings, numbers);
    TestServer server = server(n -> {
      Thread.sleep(5);
      return TestServer.Reply.status(200);
    });

    Dispatcher one = dispatcher(server, settings);
    Dispatcher two = dispatcher(server, settings);

    eventually("both outboxes are empty", () -> one.outbox().orElseThrow().entries().isEmpty()
        && server.requests().size() >= numbers.length);
    assertThat(two.flush(WAIT)).isTrue();
    assertThat(one.flush(WAIT)).isTrue();
    Map<String, Long> timesSent = receivedIds().stream().collect(Collectors.groupingBy(id -> id, Collectors.counting()));
    assertThat(timesSent).hasSize(numbers.length);
    assertThat(timesSent.values()).allMatch(times -> times == 1);
  }

  @Test
  void claimsOfDeadProcessesAreTakenBackAndLiveOnesLeftAlone() throws Exception {
    OutboxSettings settings = outbox();
    leftByAnEarlierProcess(settings, 1, 2, 3);
    Path directory = settings.directory();
    // 1: claimed by a process that is alive.
    Outbox alive = new Outbox(settings, clock, (why, category, eventId, key) -> { });
    resources.add(alive::close);
    assertThat(alive.open()).isTrue();
    assertThat(alive.claimNext(category -> true).eventId()).isEqualTo(TestEnvelope.id(1));
    List<String> ready = fileNames(directory).stream().filter(name -> name.endsWith(".envelope")).toList();
    assertThat(ready).hasSize(2);
    // 2: its process was killed; the OS freed its lock, its lock file is still there.
    String killed = "00000000000000aa";
    Files.createFile(directory.resolve("owner-" + killed + ".lock"));
    Files.move(directory.resolve(ready.get(0)), directory.resolve(ready.get(0).replace(".envelope", "~" + killed + ".sending")));
    // 3: its process is gone without a trace.
    Files.move(directory.resolve(ready.get(1)),
        directory.resolve(ready.get(1).replace(".envelope", "~00000000000000bb.sending")));

    TestServer server = server(n -> TestServer.Reply.status(200));
    Dispatcher dispatcher = dispatcher(server, settings);
    assertThat(server.awaitRequests(2, WAIT)).isTrue();
    eventually("only the live claim is left", () -> dispatcher.outbox().orElseThrow().entries().size() == 1);
    assertThat(receivedIds()).containsExactlyInAnyOrder(TestEnvelope.id(2), TestEnvelope.id(3));
    assertThat(dispatcher.outbox().orElseThrow().entries()).singleElement()
        .satisfies(entry -> assertThat(entry.claimedBy()).isEqualTo(alive.owner()));
    assertThat(fileNames(directory)).doesNotContain("owner-" + killed + ".lock");

    // Once that process is gone too, the next look takes its claim back.
    alive.close();
    clock.advance(Dispatcher.RESCAN_INTERVAL);
    dispatcher.wake();
    assertThat(server.awaitRequests(3, WAIT)).isTrue();
    eventually("the outbox is empty", () -> dispatcher.outbox().orElseThrow().entries().isEmpty());
    // Once answered, the server's handler has seen it (it counts a request before it handles it).
    assertThat(receivedIds()).contains(TestEnvelope.id(1));
  }

  @Test
  void filesOlderThanTheMaximumAgeExpireAsCacheOverflow() throws Exception {
    OutboxSettings settings = outbox();
    leftByAnEarlierProcess(settings, 1, 2);
    clock.advance(OutboxSettings.DEFAULT_MAX_AGE.plusMinutes(1));
    TestServer server = server(n -> TestServer.Reply.status(200));

    Dispatcher dispatcher = dispatcher(server, settings);
    assertThat(dispatcher.offer(TestEnvelope.error(3))).isTrue();
    assertThat(dispatcher.flush(WAIT)).isTrue();

    assertThat(receivedIds()).containsExactly(TestEnvelope.id(3));
    assertThat(dispatcher.outbox().orElseThrow().entries()).isEmpty();
    assertThat(drops.totals()).isEqualTo(Map.of("cache_overflow/error", 2L));
  }

  @Test
  void anUnusableDirectoryWarnsOnceAndDeliveryGoesOnInMemory() throws Exception {
    Path file = Files.createFile(root.resolve("a-file"));
    OutboxSettings settings = new OutboxSettings(file.resolve("cache"), "dsn", 30, 10 << 20,
        OutboxSettings.DEFAULT_MAX_AGE);
    TestServer server = server(n -> n < 3 ? TestServer.Reply.status(200) : TestServer.Reply.reset());
    Dispatcher dispatcher = dispatcher(server, settings);

    for (int i = 1; i <= 4; i++) {
      assertThat(dispatcher.offer(TestEnvelope.error(i))).isTrue();
    }
    assertThat(dispatcher.flush(WAIT)).isTrue();

    Outbox outbox = dispatcher.outbox().orElseThrow();
    assertThat(outbox.status()).isEqualTo(Outbox.Status.UNUSABLE);
    assertThat(outbox.warnings()).isEqualTo(1);
    assertThat(receivedIds()).hasSize(4);
    // Without a usable outbox an envelope that got no answer is counted, as without one.
    assertThat(drops.totals()).isEqualTo(Map.of("network_error/error", 1L));
  }

  @Test
  void withoutACacheDirectoryThereIsNoOutbox() throws Exception {
    TestServer server = server(n -> TestServer.Reply.reset());
    Dispatcher dispatcher = dispatcher(server, null);
    assertThat(dispatcher.offer(TestEnvelope.error(1))).isTrue();
    assertThat(dispatcher.flush(WAIT)).isTrue();

    assertThat(dispatcher.outbox()).isEmpty();
    assertThat(fileNames(root)).isEmpty();
    assertThat(drops.totals()).isEqualTo(Map.of("network_error/error", 1L));
  }
}
