package sentry.integration.dedupe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import sentry.api.DropReason;
import sentry.api.EventProcessor;
import sentry.api.Hint;
import sentry.api.Integration;
import sentry.api.IntegrationContext;
import sentry.api.Sentry;
import sentry.api.SentryEvent;
import sentry.api.SentryId;
import sentry.api.SentryOptions;
import sentry.testing.Receiver;

/** The integration inside the real SDK, sending to a real HTTP server on 127.0.0.1. */
class DedupeIntegrationTest {
  private static final Duration FLUSH = Duration.ofSeconds(10);

  private Receiver receiver;
  private DropSpy spy;

  @BeforeEach
  void start() throws Exception {
    receiver = Receiver.start();
    spy = new DropSpy();
  }

  @AfterEach
  void stop() {
    Sentry.close();
    receiver.close();
  }

  private void init(Consumer<SentryOptions> more) {
    Sentry.init(options -> {
      options.setDsn(receiver.dsn());
      options.setDefaultIntegrations(false);
      // The spy runs before dedupe, so the core tells it why dedupe's drops happened.
      options.addIntegration(spy);
      options.addIntegration(new DedupeIntegration());
      more.accept(options);
    });
  }

  private List<JsonNode> sent() {
    assertThat(Sentry.flush(FLUSH)).isTrue();
    return receiver.events();
  }

  /** The payload's id, which may be written as a UUID with dashes (Relay takes both forms). */
  private static String idOf(JsonNode event) {
    return event.path("event_id").asText().replace("-", "");
  }

  @Test
  void theSameThrowableCapturedTwiceSendsOneEventAndCountsTheDrop() {
    init(options -> {});
    IllegalStateException failure = new IllegalStateException("boom");

    SentryId first = Sentry.captureException(failure);
    SentryId second = Sentry.captureException(failure);

    assertThat(first.isEmpty()).isFalse();
    assertThat(second).isEqualTo(SentryId.EMPTY);
    List<JsonNode> events = sent();
    assertThat(events).hasSize(1);
    assertThat(idOf(events.get(0))).isEqualTo(first.value());
    assertThat(events.get(0).at("/exception/values/0/value").asText()).isEqualTo("boom");
    assertThat(spy.reasons).containsExactly(DropReason.EVENT_PROCESSOR);
  }

  @Test
  void aThrowableCapturedAgainAsTheCauseOfAnotherIsDropped() {
    init(options -> {});
    IllegalStateException cause = new IllegalStateException("inner");
    Sentry.captureException(cause);

    SentryId wrapped = Sentry.captureException(new RuntimeException("outer", cause));

    assertThat(wrapped).isEqualTo(SentryId.EMPTY);
    assertThat(sent()).hasSize(1);
  }

  @Test
  void theCauseOfASentThrowableIsDroppedWhenCapturedAlone() {
    init(options -> {});
    IllegalStateException cause = new IllegalStateException("inner");
    Sentry.captureException(new RuntimeException("middle", new RuntimeException("outer", cause)));

    assertThat(Sentry.captureException(cause)).isEqualTo(SentryId.EMPTY);
    List<JsonNode> events = sent();
    assertThat(events).hasSize(1);
    assertThat(events.get(0).at("/exception/values").size()).isEqualTo(3);
  }

  @Test
  void aThrowableCapturedAgainAsASuppressedExceptionIsDropped() {
    init(options -> {});
    IllegalStateException closing = new IllegalStateException("close failed");
    Sentry.captureException(closing);
    RuntimeException primary = new RuntimeException("work failed");
    primary.addSuppressed(closing);

    assertThat(Sentry.captureException(primary)).isEqualTo(SentryId.EMPTY);
    assertThat(sent()).hasSize(1);
  }

  @Test
  void equalButDistinctThrowablesAreTwoEvents() {
    init(options -> {});

    Sentry.captureException(new AlwaysEqual("same"));
    Sentry.captureException(new AlwaysEqual("same"));

    assertThat(sent()).hasSize(2);
    assertThat(spy.reasons).isEmpty();
  }

  @Test
  void eventsWithoutAThrowablePassUntouched() {
    init(options -> {});

    Sentry.captureMessage("hello");
    Sentry.captureMessage("hello");

    assertThat(sent()).hasSize(2);
  }

  @Test
  void aCaptureDroppedByBeforeSendDoesNotCountAsSeen() {
    AtomicInteger calls = new AtomicInteger();
    init(options -> options.setBeforeSend((event, hint) -> calls.getAndIncrement() == 0 ? null : event));
    IllegalStateException failure = new IllegalStateException("boom");

    SentryId first = Sentry.captureException(failure);
    SentryId second = Sentry.captureException(failure);
    SentryId third = Sentry.captureException(failure);

    assertThat(first).isEqualTo(SentryId.EMPTY);
    assertThat(second.isEmpty()).isFalse();
    assertThat(third).isEqualTo(SentryId.EMPTY);
    List<JsonNode> events = sent();
    assertThat(events).extracting(DedupeIntegrationTest::idOf).containsExactly(second.value());
    assertThat(spy.reasons).containsExactly(DropReason.BEFORE_SEND, DropReason.EVENT_PROCESSOR);
  }

  @Test
  void aCaptureDroppedByALaterProcessorDoesNotCountAsSeen() {
    AtomicInteger calls = new AtomicInteger();
    init(options -> options.addEventProcessor((event, hint) -> calls.getAndIncrement() == 0 ? null : event));
    IllegalStateException failure = new IllegalStateException("boom");

    Sentry.captureException(failure);
    Sentry.captureException(failure);

    assertThat(sent()).hasSize(1);
  }

  @Test
  void aHintReusedForTheDuplicateDoesNotUnmarkTheFirstCapture() {
    init(options -> {});
    IllegalStateException failure = new IllegalStateException("boom");
    Hint hint = Hint.of(Hint.THROWABLE, failure);

    Sentry.captureException(failure, hint);
    Sentry.captureException(failure, hint);
    Sentry.captureException(failure, hint);

    assertThat(sent()).hasSize(1);
  }

  @Test
  void aNewClientStartsWithAnEmptyMemory() throws Exception {
    init(options -> {});
    IllegalStateException failure = new IllegalStateException("boom");
    Sentry.captureException(failure);
    assertThat(sent()).hasSize(1);

    init(options -> {});
    Sentry.captureException(failure);

    assertThat(sent()).hasSize(2);
  }

  @Test
  void concurrentCapturesOfOneThrowableSendOneEvent() throws Exception {
    init(options -> {});
    IllegalStateException failure = new IllegalStateException("raced");
    int threads = 16;
    CountDownLatch go = new CountDownLatch(1);
    List<SentryId> ids = new CopyOnWriteArrayList<>();
    List<Thread> started = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      Thread thread = new Thread(() -> {
        try {
          go.await();
          ids.add(Sentry.captureException(failure));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      thread.start();
      started.add(thread);
    }
    go.countDown();
    for (Thread thread : started) {
      thread.join(10_000);
    }

    assertThat(ids).hasSize(threads);
    assertThat(ids).filteredOn(id -> !id.isEmpty()).hasSize(1);
    assertThat(sent()).hasSize(1);
    assertThat(spy.reasons).hasSize(threads - 1).containsOnly(DropReason.EVENT_PROCESSOR);
  }

  /** An exception class that overrides equals, as applications sometimes do. */
  private static final class AlwaysEqual extends RuntimeException {
    private static final long serialVersionUID = 1L;

    AlwaysEqual(String message) {
      super(message);
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof AlwaysEqual;
    }

    @Override
    public int hashCode() {
      return 1;
    }
  }

  /** An integration whose processor lets everything through and records why events were dropped. */
  private static final class DropSpy implements Integration, EventProcessor {
    final List<DropReason> reasons = new CopyOnWriteArrayList<>();

    @Override
    public String identifier() {
      return "test-drop-spy";
    }

    @Override
    public void register(IntegrationContext context) {
      context.addEventProcessor(this);
    }

    @Override
    public SentryEvent process(SentryEvent event, Hint hint) {
      return event;
    }

    @Override
    public void dropped(SentryEvent event, Hint hint, DropReason reason) {
      reasons.add(reason);
    }
  }

  /**
   * Dedupe remembers a throwable only while the application keeps it: once sent and forgotten, it
   * is collected. (It was kept for good: the table's entry held the capture, which held it.) The
   * SDK's threads may still hold the objects of the last event they handled until the next one.
   */
  @Test
  void aThrowableSentAndForgottenIsCollected() throws InterruptedException {
    init(options -> {});
    java.lang.ref.WeakReference<Throwable> sentOnce = captureAndForget();
    // Later events, so that the SDK's threads hold the last one's objects at most, not this one's.
    for (int i = 0; i < 4; i++) {
      captureAndForget();
      assertThat(Sentry.flush(FLUSH)).isTrue();
    }
    assertThat(sent()).hasSize(5);
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (sentOnce.get() != null && System.nanoTime() < deadline) {
      System.gc();
      Thread.sleep(10);
    }
    assertThat(sentOnce.get()).as("the throwable, after it was sent and forgotten").isNull();
  }

  private static java.lang.ref.WeakReference<Throwable> captureAndForget() {
    IllegalStateException failure = new IllegalStateException("sent once", new RuntimeException("cause"));
    Sentry.captureException(failure);
    return new java.lang.ref.WeakReference<>(failure);
  }
}
