package sentry.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import sentry.api.DropReason;
import sentry.core.accounting.DropRecorder;
import sentry.core.accounting.RateLimiter;
import sentry.core.transport.Transport;
import sentry.core.transport.TestSettings;
import sentry.core.transport.TransportSettings;
import sentry.core.transport.Transports;
import sentry.testing.TestServer;

/**
 * Whatever one envelope's serialization throws, even an {@link Error}, the worker drops that
 * envelope (counted as {@code send_error}) and sends the next (issue 12, item 1).
 */
class WorkerSurvivesErrorsTest {
  private final List<AutoCloseable> resources = new ArrayList<>();
  private final DropRecorder drops = new DropRecorder();
  private final AtomicLong clock = new AtomicLong();

  @AfterEach
  void closeEverything() throws Exception {
    Collections.reverse(resources);
    for (AutoCloseable resource : resources) {
      resource.close();
    }
  }

  static Stream<Arguments> errors() {
    return Stream.of(
        Arguments.of("Error", (Supplier<Throwable>) () -> new Error("from the application")),
        Arguments.of("OutOfMemoryError", (Supplier<Throwable>) () -> new OutOfMemoryError("Java heap space")),
        Arguments.of("InternalError", (Supplier<Throwable>) () -> new InternalError("internal")),
        Arguments.of("StackOverflowError", (Supplier<Throwable>) StackOverflowError::new),
        Arguments.of("AssertionError", (Supplier<Throwable>) () -> new AssertionError("assert")));
  }

  /** An envelope whose serialization throws, as an application object met on the way would. */
  static final class Throwing implements OutboundEnvelope {
    final List<DropReason> drops = new CopyOnWriteArrayList<>();
    private final Supplier<Throwable> failure;
    private final String eventId;

    Throwing(Supplier<Throwable> failure) {
      this("fedcba9876543210fedcba9876543210", failure);
    }

    Throwing(String eventId, Supplier<Throwable> failure) {
      this.eventId = eventId;
      this.failure = failure;
    }

    @Override
    public String eventId() {
      return eventId;
    }

    @Override
    public String category() {
      return "error";
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
      out.write('{');
      Throwable thrown = failure.get();
      if (thrown instanceof Error error) {
        throw error;
      }
      throw (RuntimeException) thrown;
    }

    @Override
    public void dropped(DropReason reason) {
      drops.add(reason);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("errors")
  void anErrorFromOneEnvelopeDropsItAndTheNextIsSent(String name, Supplier<Throwable> failure) throws Exception {
    TestServer server = TestServer.start(request -> TestServer.Reply.status(200));
    resources.add(server);
    TransportSettings settings = TestSettings.of(server.endpoint(), 10, 1);
    Dispatcher dispatcher =
        new Dispatcher(settings, Transports.choose(settings), drops, new RateLimiter(clock::get));
    resources.add(() -> dispatcher.close(Duration.ZERO));
    Throwing throwing = new Throwing(failure);

    assertThat(dispatcher.offer(throwing)).isTrue();
    assertThat(dispatcher.flush(Duration.ofSeconds(10))).as("flushed after the " + name).isTrue();
    assertThat(dispatcher.offer(TestEnvelope.error(1))).isTrue();
    assertThat(dispatcher.offer(TestEnvelope.error(2))).isTrue();
    assertThat(dispatcher.flush(Duration.ofSeconds(10))).as("flushed the later ones").isTrue();

    assertThat(throwing.drops).containsExactly(DropReason.SEND_ERROR);
    assertThat(drops.totals()).isEqualTo(Map.of("send_error/error", 1L));
    assertThat(server.requests()).hasSize(2);
  }

  /**
   * A transport whose making throws a checked exception it never declared (as Kotlin code or
   * Lombok's {@code @SneakyThrows} do) once, on the worker as it starts: the worker goes on, and
   * the first send makes the transport again and delivers.
   */
  @Test
  void aCheckedExceptionThrownSneakilyWhileMakingTheTransportDoesNotEndTheWorker() throws Exception {
    TestServer server = TestServer.start(request -> TestServer.Reply.status(200));
    resources.add(server);
    TransportSettings settings = TestSettings.of(server.endpoint(), 10, 1);
    AtomicInteger made = new AtomicInteger();
    DeferredTransport transport = new DeferredTransport(() -> {
      if (made.getAndIncrement() == 0) {
        WorkerSurvivesErrorsTest.<RuntimeException>sneakyThrow(new IOException("keystore not readable"));
      }
      return Transports.choose(settings);
    });
    Dispatcher dispatcher = new Dispatcher(settings, DispatchSettings.sendOnly(), transport, drops,
        new RateLimiter(clock::get), java.time.Clock.systemUTC());
    resources.add(() -> dispatcher.close(Duration.ZERO));

    assertThat(dispatcher.offer(TestEnvelope.error(1))).isTrue();
    assertThat(dispatcher.flush(Duration.ofSeconds(10))).as("flushed: the worker is alive").isTrue();
    assertThat(server.requests()).hasSize(1);
    assertThat(made).hasValue(2);
  }

  @SuppressWarnings("unchecked")
  private static <E extends Throwable> void sneakyThrow(Throwable t) throws E {
    throw (E) t;
  }
}
