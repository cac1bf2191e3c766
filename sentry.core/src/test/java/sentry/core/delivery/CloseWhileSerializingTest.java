package sentry.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import sentry.api.DropReason;
import sentry.core.accounting.DropRecorder;
import sentry.core.accounting.RateLimiter;
import sentry.core.outbox.Outbox;
import sentry.core.outbox.OutboxEntry;
import sentry.core.outbox.OutboxSettings;
import sentry.core.transport.Transports;
import sentry.testing.SdkThreads;
import sentry.testing.TestServer;
import sentry.core.transport.TestSettings;
import sentry.core.transport.TransportSettings;

/**
 * The race once seen at exit: an event captured just before {@code main} returned was neither in
 * the outbox nor counted when {@code close(0)} ran while the worker held it. Here the worker is held
 * deterministically: the envelope's first serialization waits until the test lets it go, after
 * {@code close} has returned. Whatever the worker does afterwards, the books are already right when
 * {@code close} returns, and nothing is written or counted twice.
 */
class CloseWhileSerializingTest {
  @TempDir Path root;

  private final SdkThreads sdkThreads = new SdkThreads();
  private final DropRecorder drops = new DropRecorder();
  private final List<TestServer.Request> received = new CopyOnWriteArrayList<>();
  private TestServer server;
  private Dispatcher dispatcher;
  private final Stalling stalling = new Stalling();

  @AfterEach
  void closeEverything() throws Exception {
    stalling.release.countDown();
    if (dispatcher != null) {
      dispatcher.close(Duration.ZERO);
    }
    server.close();
    assertThat(sdkThreads.leaked()).isEmpty();
  }

  private void start(OutboxSettings outbox, int maxRequestsInFlight) throws IOException {
    server = TestServer.start(request -> {
      received.add(request);
      return TestServer.Reply.status(200);
    });
    TransportSettings settings = TestSettings.of(server.endpoint(), 10, maxRequestsInFlight);
    DispatchSettings dispatch = outbox == null ? DispatchSettings.sendOnly()
        : new DispatchSettings(null, outbox, Duration.ofSeconds(1), Duration.ofSeconds(60));
    dispatcher = new Dispatcher(settings, dispatch, Transports.choose(settings), drops, new RateLimiter(),
        java.time.Clock.systemUTC());
  }

  /** Offers the stalling envelope, waits until the worker is inside its serialization, then closes with no wait. */
  private void closeWhileTheWorkerSerializes() throws InterruptedException {
    assertThat(dispatcher.offer(stalling)).isTrue();
    assertThat(stalling.entered.await(20, TimeUnit.SECONDS)).as("the worker began to serialize").isTrue();
    dispatcher.close(Duration.ZERO);
  }

  // One request in flight: the worker serializes on its own thread; four, on two cores or more and
  // without an outbox: a serializer thread does.
  @ParameterizedTest(name = "maxRequestsInFlight {0}")
  @ValueSource(ints = {1, 4})
  void withoutAnOutboxCloseCountsTheEnvelopeTheWorkerHoldsBeforeItReturns(int maxRequestsInFlight) throws Exception {
    start(null, maxRequestsInFlight);

    closeWhileTheWorkerSerializes();

    assertThat(drops.totals()).isEqualTo(Map.of("network_error/error", 1L));
    assertThat(stalling.drops).containsExactly(DropReason.NETWORK_ERROR);
    assertThat(dispatcher.pending()).isZero();

    // The worker finishes serializing after close returned: it lets go, counting nothing more.
    stalling.release.countDown();
    assertThat(sdkThreads.leaked()).isEmpty();
    assertThat(drops.totals()).isEqualTo(Map.of("network_error/error", 1L));
    assertThat(stalling.drops).containsExactly(DropReason.NETWORK_ERROR);
    assertThat(received).isEmpty();
  }

  @ParameterizedTest(name = "maxRequestsInFlight {0}")
  @ValueSource(ints = {1, 4})
  void withAnOutboxCloseWritesTheEnvelopeTheWorkerHoldsBeforeItReturns(int maxRequestsInFlight) throws Exception {
    OutboxSettings settings = new OutboxSettings(root, "http://127.0.0.1/api/42/envelope/ public", 30, 10 << 20,
        OutboxSettings.DEFAULT_MAX_AGE);
    start(settings, maxRequestsInFlight);

    closeWhileTheWorkerSerializes();

    Outbox outbox = dispatcher.outbox().orElseThrow();
    assertThat(outbox.entries()).extracting(OutboxEntry::eventId).containsExactly(stalling.eventId());
    assertThat(outbox.entries()).allSatisfy(entry -> assertThat(entry.claimedBy()).isNull());
    assertThat(drops.totals()).isEmpty();
    assertThat(stalling.drops).isEmpty();
    assertThat(dispatcher.pending()).isZero();

    stalling.release.countDown();
    assertThat(sdkThreads.leaked()).isEmpty();
    assertThat(envelopeFiles(settings.directory())).hasSize(1);
    assertThat(drops.totals()).isEmpty();
    assertThat(stalling.drops).isEmpty();
    assertThat(received).isEmpty();
  }

  private static List<Path> envelopeFiles(Path directory) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files.filter(path -> path.getFileName().toString().endsWith(".envelope")).toList();
    }
  }

  /** An event whose first serialization waits for the test, as a worker descheduled mid-way would. */
  private static final class Stalling implements OutboundEnvelope {
    final CountDownLatch entered = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    final List<DropReason> drops = new CopyOnWriteArrayList<>();
    private final TestEnvelope event = TestEnvelope.error(7);
    private final AtomicBoolean first = new AtomicBoolean(true);

    @Override
    public String eventId() {
      return event.eventId();
    }

    @Override
    public String category() {
      return event.category();
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
      if (first.compareAndSet(true, false)) {
        entered.countDown();
        try {
          release.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          // close() interrupts the worker; the stall goes on until the test lets it go.
          awaitUninterrupted();
        }
      }
      event.writeTo(out);
    }

    private void awaitUninterrupted() {
      boolean interrupted = false;
      while (true) {
        try {
          release.await(30, TimeUnit.SECONDS);
          break;
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }

    @Override
    public void dropped(DropReason reason) {
      drops.add(reason);
    }
  }
}
