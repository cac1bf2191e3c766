package sentry.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import sentry.api.DropReason;
import sentry.core.accounting.DropRecorder;
import sentry.core.accounting.RateLimiter;
import sentry.core.transport.TestSettings;
import sentry.core.transport.Transport;
import sentry.core.transport.TransportSettings;
import sentry.core.transport.Transports;
import sentry.testing.SdkThreads;
import sentry.testing.TestServer;

/**
 * Cold start on the delivery side: the dispatcher's transport (an HTTP client, its classes and I/O
 * threads) is made on the worker, not on the thread that calls {@code init}; what is captured
 * meanwhile waits in the queue and is delivered once it is up, or settled by a close.
 */
class DeferredTransportTest {
  private final SdkThreads sdkThreads = new SdkThreads();
  private final DropRecorder drops = new DropRecorder();
  private final CountDownLatch making = new CountDownLatch(1);
  private final CountDownLatch madeMayReturn = new CountDownLatch(1);
  private final List<String> madeOn = new CopyOnWriteArrayList<>();
  private TestServer server;
  private Dispatcher dispatcher;

  @AfterEach
  void closeEverything() throws Exception {
    madeMayReturn.countDown();
    dispatcher.close(Duration.ZERO);
    server.close();
    assertThat(sdkThreads.leaked()).isEmpty();
  }

  /** A dispatcher whose HTTP transport takes until the test says so to start, as a slow one would. */
  private void start() throws Exception {
    server = TestServer.start(request -> TestServer.Reply.status(200));
    TransportSettings settings = TestSettings.of(server.endpoint(), 10, 1);
    DeferredTransport transport = new DeferredTransport(() -> {
      madeOn.add(Thread.currentThread().getName());
      making.countDown();
      try {
        madeMayReturn.await(20, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      Transport made = Transports.choose(settings);
      return made;
    });
    dispatcher = new Dispatcher(settings, DispatchSettings.sendOnly(), transport, drops, new RateLimiter(),
        Clock.systemUTC());
  }

  @Test
  void theTransportIsMadeOnTheWorkerAndWhatWasCapturedBeforeItIsDelivered() throws Exception {
    start();
    assertThat(making.await(20, TimeUnit.SECONDS)).as("the worker began to make the transport").isTrue();

    // While it is being made, offers are queued, not refused, and do not wait for it.
    for (int i = 1; i <= 3; i++) {
      assertThat(dispatcher.offer(TestEnvelope.error(i))).isTrue();
    }
    assertThat(server.requests()).isEmpty();
    madeMayReturn.countDown();

    assertThat(dispatcher.flush(Duration.ofSeconds(20))).isTrue();
    assertThat(server.requests()).hasSize(3);
    assertThat(madeOn).containsExactly("sentry-dispatcher");
    assertThat(drops.totals()).isEmpty();
  }

  @Test
  void aCloseWhileTheTransportIsBeingMadeSettlesTheQueueAndClosesWhatIsMadeAfter() throws Exception {
    start();
    assertThat(making.await(20, TimeUnit.SECONDS)).isTrue();
    TestEnvelope early = TestEnvelope.error(1);
    assertThat(dispatcher.offer(early)).isTrue();

    dispatcher.close(Duration.ZERO);

    // No outbox: counted when close returns, not lost.
    assertThat(drops.totals()).isEqualTo(Map.of("network_error/error", 1L));
    assertThat(early.drops).containsExactly(DropReason.NETWORK_ERROR);
    // The transport made after the close is closed at once: no I/O thread outlives the test.
    madeMayReturn.countDown();
    assertThat(sdkThreads.leaked()).isEmpty();
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void aPreparedTaskRunsOnTheWorkerOnceItIsIdleAndAFailingOneDoesNotStopSending() throws Exception {
    start();
    madeMayReturn.countDown();
    CountDownLatch prepared = new CountDownLatch(1);
    List<String> preparedOn = new CopyOnWriteArrayList<>();
    dispatcher.prepare(() -> {
      throw new IllegalStateException("a bug in a preparation");
    });
    assertThat(dispatcher.offer(TestEnvelope.error(1))).isTrue();
    assertThat(dispatcher.flush(Duration.ofSeconds(20))).isTrue();
    dispatcher.prepare(() -> {
      preparedOn.add(Thread.currentThread().getName());
      prepared.countDown();
    });

    assertThat(prepared.await(20, TimeUnit.SECONDS)).as("the task ran").isTrue();
    assertThat(preparedOn).containsExactly("sentry-dispatcher");
    assertThat(dispatcher.offer(TestEnvelope.error(2))).isTrue();
    assertThat(dispatcher.flush(Duration.ofSeconds(20))).isTrue();
    assertThat(server.requests()).hasSize(2);
    assertThat(drops.totals()).isEmpty();
  }
}
