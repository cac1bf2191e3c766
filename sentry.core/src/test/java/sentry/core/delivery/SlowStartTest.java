package sentry.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import sentry.core.accounting.DropRecorder;
import sentry.core.accounting.RateLimiter;
import sentry.core.transport.TestSettings;
import sentry.core.transport.TransportSettings;
import sentry.core.transport.Transports;
import sentry.testing.SdkThreads;
import sentry.testing.TestServer;

/**
 * Slow start on the wire ({@link SendWindow}): one request in flight at first and after a 429, a
 * 5xx or no answer; each 2xx doubles the window up to {@code maxRequestsInFlight}.
 */
class SlowStartTest {
  private final SdkThreads sdkThreads = new SdkThreads();
  private final List<AutoCloseable> resources = new ArrayList<>();
  private final DropRecorder drops = new DropRecorder();
  private final AtomicLong clock = new AtomicLong();
  private final RateLimiter limits = new RateLimiter(clock::get);

  @AfterEach
  void closeEverything() throws Exception {
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

  private Dispatcher dispatcher(TestServer server, int maxRequestsInFlight) {
    TransportSettings settings = TestSettings.of(server.endpoint(), 100, maxRequestsInFlight);
    Dispatcher dispatcher = new Dispatcher(settings, Transports.choose(settings), drops, limits);
    resources.add(() -> dispatcher.close(Duration.ZERO));
    return dispatcher;
  }

  @Test
  void a429OnTheFirstAnswerReachesTheServerOnceNotOncePerSlot() throws Exception {
    AtomicInteger seen = new AtomicInteger();
    TestServer server = server(request -> {
      if (seen.getAndIncrement() == 0) {
        Thread.sleep(300);
        return TestServer.Reply.status(429, "Retry-After", "60");
      }
      return TestServer.Reply.status(200);
    });
    Dispatcher dispatcher = dispatcher(server, 10);

    // The burst of the issue: 20 captures 20 ms apart; a slot-per-request engine sent 10+ before the answer.
    for (int i = 0; i < 20; i++) {
      dispatcher.offer(TestEnvelope.error(i));
      Thread.sleep(20);
    }
    assertThat(dispatcher.flush(Duration.ofSeconds(20))).isTrue();

    assertThat(server.requests().size()).as("requests that reached the server").isEqualTo(1);
    // The 429's own envelope is Sentry's to count; every other one is counted here, once.
    assertThat(drops.totals()).isEqualTo(Map.of("ratelimit_backoff/error", 19L));
  }

  @Test
  void eachSuccessDoublesTheWindowUpToMaxRequestsInFlight() throws Exception {
    Recorder recorder = new Recorder(() -> TestServer.Reply.status(200));
    TestServer server = server(recorder);
    Dispatcher dispatcher = dispatcher(server, 4);

    for (int i = 0; i < 20; i++) {
      assertThat(dispatcher.offer(TestEnvelope.error(i))).isTrue();
    }
    assertThat(dispatcher.flush(Duration.ofSeconds(60))).isTrue();

    assertThat(server.requests()).hasSize(20);
    // The second request left only once the first was answered: one in flight at first.
    assertThat(recorder.answeredBefore.get(1)).isEqualTo(1);
    assertThat(server.maxConcurrent()).isEqualTo(4);
    assertThat(drops.totals()).isEmpty();
  }

  @Test
  void a5xxDropsTheWindowBackToOne() throws Exception {
    dropsBackToOneAfter(TestServer.Reply.status(503), "send_error/error");
  }

  @Test
  void noAnswerDropsTheWindowBackToOne() throws Exception {
    dropsBackToOneAfter(TestServer.Reply.reset(), "network_error/error");
  }

  /** Opens the window to 4 with 2xx answers, then sends one envelope that gets {@code failure}. */
  private void dropsBackToOneAfter(TestServer.Reply failure, String dropKey) throws Exception {
    AtomicReference<TestServer.Reply> next = new AtomicReference<>();
    Recorder recorder = new Recorder(() -> {
      TestServer.Reply once = next.getAndSet(null);
      return once != null ? once : TestServer.Reply.status(200);
    });
    TestServer server = server(recorder);
    Dispatcher dispatcher = dispatcher(server, 4);
    for (int i = 0; i < 12; i++) {
      assertThat(dispatcher.offer(TestEnvelope.error(i))).isTrue();
    }
    assertThat(dispatcher.flush(Duration.ofSeconds(60))).isTrue();
    assertThat(server.maxConcurrent()).isEqualTo(4);

    next.set(failure);
    assertThat(dispatcher.offer(TestEnvelope.error(100))).isTrue();
    assertThat(dispatcher.flush(Duration.ofSeconds(20))).isTrue();
    assertThat(drops.totals()).isEqualTo(Map.of(dropKey, 1L));

    int first = server.requests().size();
    for (int i = 0; i < 8; i++) {
      assertThat(dispatcher.offer(TestEnvelope.error(200 + i))).isTrue();
    }
    assertThat(dispatcher.flush(Duration.ofSeconds(60))).isTrue();

    assertThat(server.requests()).hasSize(first + 8);
    // After the failure, the next request went alone: the one after it left only once it was answered.
    assertThat(recorder.answeredBefore.get(first + 1)).isGreaterThanOrEqualTo(first + 1);
    assertThat(drops.totals()).isEqualTo(Map.of(dropKey, 1L));
  }

  /**
   * A handler that answers after 300 ms and records, for each request in the order they arrive,
   * how many requests had been answered before it arrived.
   */
  private static final class Recorder implements TestServer.Handler {
    final List<Integer> answeredBefore = new CopyOnWriteArrayList<>();
    private final AtomicInteger answered = new AtomicInteger();
    private final Supplier<TestServer.Reply> reply;

    Recorder(Supplier<TestServer.Reply> reply) {
      this.reply = reply;
    }

    @Override
    public TestServer.Reply handle(TestServer.Request request) throws Exception {
      synchronized (this) {
        answeredBefore.add(answered.get());
      }
      Thread.sleep(300);
      TestServer.Reply answer = reply.get();
      // Counted before the reply is written: the client cannot see it answered before this.
      answered.incrementAndGet();
      return answer;
    }
  }
}
