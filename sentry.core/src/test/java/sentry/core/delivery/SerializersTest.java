package sentry.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import sentry.api.DropReason;
import sentry.core.accounting.DropRecorder;
import sentry.core.accounting.RateLimiter;
import sentry.core.transport.TestSettings;
import sentry.core.transport.TransportSettings;
import sentry.core.transport.Transports;
import sentry.core.transport.Wire;
import sentry.testing.SdkThreads;
import sentry.testing.TestServer;

/**
 * Queued envelopes are serialized in parallel on the {@link Serializers} threads, and whatever
 * one envelope throws while it is written, even an {@link Error}, loses that envelope alone,
 * counted: checked on the wire against a real server on the loopback.
 */
class SerializersTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  private final SdkThreads sdkThreads = new SdkThreads();
  private final DropRecorder drops = new DropRecorder();
  private TestServer server;
  private Dispatcher dispatcher;

  @AfterEach
  void closeEverything() throws Exception {
    if (dispatcher != null) {
      dispatcher.close(Duration.ZERO);
    }
    server.close();
    assertThat(sdkThreads.leaked()).isEmpty();
  }

  private void start(int maxRequestsInFlight) throws IOException {
    server = TestServer.start(request -> TestServer.Reply.status(200));
    TransportSettings settings = TestSettings.of(server.endpoint(), 100, maxRequestsInFlight);
    dispatcher = new Dispatcher(settings, Transports.choose(settings), drops, new RateLimiter());
  }

  /** The event ids that reached the server, one per request. */
  private List<String> idsOnTheWire() {
    List<String> ids = new ArrayList<>();
    for (TestServer.Request request : server.requests()) {
      String envelope = new String(Wire.gunzip(request.body()), StandardCharsets.UTF_8);
      int at = envelope.indexOf("\"event_id\":\"") + "\"event_id\":\"".length();
      ids.add(envelope.substring(at, at + 32));
    }
    return ids;
  }

  @Test
  void twoEnvelopesAreSerializedAtOnceOnTwoSerializerThreads() throws Exception {
    assumeTrue(Runtime.getRuntime().availableProcessors() >= 2, "one core: one serializer");
    start(4);
    // One 2xx opens the window to two requests in flight (slow start).
    assertThat(dispatcher.offer(TestEnvelope.error(0))).isTrue();
    assertThat(dispatcher.flush(WAIT)).isTrue();

    Rendezvous rendezvous = new Rendezvous();
    for (int i = 1; i <= 6; i++) {
      assertThat(dispatcher.offer(TestEnvelope.error(i).beforeWrite(rendezvous::arrive))).isTrue();
    }
    assertThat(dispatcher.flush(WAIT)).isTrue();

    // The first to serialize waited inside writeTo until a second thread serialized too: one
    // thread doing all the work in turn would have found nobody to meet.
    assertThat(rendezvous.met()).as("a second thread serialized while the first was in writeTo").isTrue();
    assertThat(rendezvous.threads()).hasSizeGreaterThanOrEqualTo(2)
        .allSatisfy(name -> assertThat(name).startsWith("sentry-serializer-"));
    assertThat(idsOnTheWire()).containsExactlyInAnyOrder(TestEnvelope.id(0), TestEnvelope.id(1), TestEnvelope.id(2),
        TestEnvelope.id(3), TestEnvelope.id(4), TestEnvelope.id(5), TestEnvelope.id(6));
    assertThat(drops.totals()).isEmpty();
    // Bounded: no more serializers than cores or request slots, all daemons; @AfterEach sees them end at close.
    assertThat(SdkThreads.sdkThreads()).filteredOn(thread -> thread.getName().startsWith("sentry-serializer-"))
        .hasSizeBetween(2, Math.min(Runtime.getRuntime().availableProcessors(), 4))
        .allSatisfy(thread -> assertThat(thread.isDaemon()).isTrue());
  }

  @Test
  void anEnvelopeThatThrowsWhileSerializedLosesOnlyItselfCounted() throws Exception {
    start(4);
    List<TestEnvelope> good = new ArrayList<>();
    List<WorkerSurvivesErrorsTest.Throwing> bad = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      if (i % 5 == 2) {
        String message = "from writeTo " + i;
        WorkerSurvivesErrorsTest.Throwing throwing = new WorkerSurvivesErrorsTest.Throwing(TestEnvelope.id(i),
            i % 2 == 0 ? () -> new AssertionError(message) : () -> new IllegalStateException(message));
        bad.add(throwing);
        assertThat(dispatcher.offer(throwing)).isTrue();
      } else {
        TestEnvelope envelope = TestEnvelope.error(i);
        good.add(envelope);
        assertThat(dispatcher.offer(envelope)).isTrue();
      }
    }
    assertThat(dispatcher.flush(WAIT)).isTrue();
    // The serializers outlived what they caught: later envelopes still go out.
    TestEnvelope after = TestEnvelope.error(100);
    good.add(after);
    assertThat(dispatcher.offer(after)).isTrue();
    assertThat(dispatcher.flush(WAIT)).isTrue();

    assertThat(idsOnTheWire()).containsExactlyInAnyOrderElementsOf(good.stream().map(TestEnvelope::eventId).toList());
    assertThat(drops.totals()).isEqualTo(Map.of("send_error/error", (long) bad.size()));
    assertThat(bad).allSatisfy(throwing -> assertThat(throwing.drops).containsExactly(DropReason.SEND_ERROR));
    assertThat(good).allSatisfy(envelope -> assertThat(envelope.drops).isEmpty());
    assertThat(dispatcher.pending()).isZero();
  }
}
