package sentry.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import sentry.api.Breadcrumb;
import sentry.api.DropReason;
import sentry.api.EventProcessor;
import sentry.api.Hint;
import sentry.api.Hub;
import sentry.api.Level;
import sentry.api.SentryEvent;
import sentry.api.SentryId;
import sentry.api.SentryOptions;
import sentry.api.User;
import sentry.core.json.JsonSupport;

/** The capture pipeline end to end: what the application does, and the JSON that reaches Sentry. */
class PipelineTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private TestReceiver receiver;
  private CoreBinding sentry;

  @BeforeEach
  void start() throws IOException {
    receiver = new TestReceiver();
    sentry = new CoreBinding();
  }

  @AfterEach
  void stop() {
    sentry.close();
    receiver.close();
    JsonSupport.validateParsedEvents();
  }

  private void init(Consumer<SentryOptions> more) {
    sentry.init(options -> {
      options.setDsn(receiver.dsn());
      options.setRelease("app@1.0");
      options.setDefaultIntegrations(false);
      more.accept(options);
    });
  }

  private List<JsonNode> flushAndRead(int expected) throws InterruptedException {
    assertThat(sentry.client().flush(WAIT)).as("flushed").isTrue();
    return receiver.awaitEvents(expected, WAIT);
  }

  @Test
  void exceptionEventCarriesScopeAndOptionsOnTheWire() throws InterruptedException {
    init(options -> options.setTag("team", "payments"));
    Hub hub = sentry.currentHub();
    hub.configureScope(scope -> {
      scope.setTag("region", "eu");
      scope.setUser(User.ofId("u-1"));
      scope.setExtra("order", 7);
    });
    hub.addBreadcrumb(new Breadcrumb("clicked pay").setCategory("ui"), new Hint());
    Exception error = new IllegalStateException("outer", new UncheckedIOException(new IOException("inner")));
    SentryId id = hub.captureException(error, new Hint());

    List<JsonNode> events = flushAndRead(1);
    assertThat(events).hasSize(1);
    JsonNode event = events.get(0);
    assertThat(event.path("event_id").asText().replace("-", "")).isEqualTo(id.value());
    assertThat(event.path("platform").asText()).isEqualTo("java");
    assertThat(event.path("level").asText()).isEqualTo("error");
    assertThat(event.path("release").asText()).isEqualTo("app@1.0");
    assertThat(event.path("environment").asText()).isEqualTo("production");
    assertThat(event.path("tags").path("team").asText()).isEqualTo("payments");
    assertThat(event.path("tags").path("region").asText()).isEqualTo("eu");
    assertThat(event.path("user").path("id").asText()).isEqualTo("u-1");
    assertThat(event.path("extra").path("order").asInt()).isEqualTo(7);
    assertThat(event.path("breadcrumbs").path("values").get(0).path("message").asText()).isEqualTo("clicked pay");
    JsonNode values = event.path("exception").path("values");
    assertThat(values).hasSize(3);
    assertThat(values.get(0).path("type").asText()).isEqualTo("IOException");
    assertThat(values.get(2).path("type").asText()).isEqualTo("IllegalStateException");
    assertThat(values.get(2).path("mechanism").path("type").asText()).isEqualTo("generic");
    assertThat(values.get(2).path("mechanism").path("handled").asBoolean()).isTrue();
    assertThat(event.path("contexts").has("os")).isTrue();
    assertThat(event.path("contexts").has("runtime")).isTrue();
    assertThat(event.path("contexts").has("device")).isTrue();
    assertThat(event.path("server_name").asText()).isNotBlank();
    assertThat(event.path("sdk").path("name").asText()).isEqualTo("sentry.java.modular");
    assertThat(hub.lastEventId()).isEqualTo(id);
  }

  @Test
  void aNullHintOrThrowableNeverThrowsIntoTheCaller() throws InterruptedException {
    init(options -> {});
    Hub hub = sentry.currentHub();
    SentryId withNullHint = hub.captureException(new IllegalStateException("no hint"), null);
    SentryId withNullEvent = hub.captureEvent(null, null);
    hub.addBreadcrumb(null, null);
    assertThat(withNullHint.isEmpty()).isFalse();
    assertThat(withNullEvent).isEqualTo(SentryId.EMPTY);
    List<JsonNode> events = flushAndRead(1);
    assertThat(events).hasSize(1);
    assertThat(events.get(0).path("exception").path("values").get(0).path("value").asText())
        .isEqualTo("no hint");
  }

  @Test
  void headersFollowTheProtocol() throws InterruptedException {
    init(options -> {});
    sentry.currentHub().captureMessage("hello", Level.INFO);
    flushAndRead(1);
    TestReceiver.Request request = receiver.requests().get(0);
    assertThat(request.header("X-Sentry-Auth"))
        .isEqualTo("Sentry sentry_version=7, sentry_client=sentry.java.modular/" + ClientFactory.SDK_VERSION
            + ", sentry_key=public");
    assertThat(request.header("User-Agent")).isEqualTo("sentry.java.modular/" + ClientFactory.SDK_VERSION);
    assertThat(request.header("Content-Type")).isEqualTo("application/x-sentry-envelope");
    assertThat(request.header("Content-Encoding")).isEqualTo("gzip");
  }

  @Test
  void messageBecomesLogentryAtItsLevel() throws InterruptedException {
    init(options -> {});
    sentry.currentHub().captureMessage("disk almost full", Level.WARNING);
    JsonNode event = flushAndRead(1).get(0);
    assertThat(event.path("logentry").path("formatted").asText()).isEqualTo("disk almost full");
    assertThat(event.path("level").asText()).isEqualTo("warning");
    assertThat(event.has("exception")).isFalse();
  }

  @Test
  void sampleRateZeroDropsAndCounts() throws InterruptedException {
    init(options -> options.setSampleRate(0.0));
    assertThat(sentry.currentHub().captureMessage("x", Level.INFO)).isEqualTo(SentryId.EMPTY);
    flushAndRead(0);
    // flush() sends the drop in a client report; no event goes out.
    assertThat(receiver.events()).isEmpty();
    assertThat(sentry.client().drops().totals()).containsEntry("sample_rate/error", 1L);
  }

  @Test
  void ignoredTypesAndSubclassesAreDroppedAndCounted() throws InterruptedException {
    init(options -> options.addIgnoredExceptionForType(RuntimeException.class));
    assertThat(sentry.currentHub().captureException(new IllegalArgumentException("x"), new Hint()))
        .isEqualTo(SentryId.EMPTY);
    sentry.currentHub().captureException(new IOException("kept"), new Hint());
    assertThat(flushAndRead(1)).hasSize(1);
    assertThat(sentry.client().drops().totals()).containsEntry("event_processor/error", 1L);
  }

  @Test
  void processorsRunInOrderAndHearOfLaterDrops() throws InterruptedException {
    List<String> order = new ArrayList<>();
    AtomicReference<DropReason> heard = new AtomicReference<>();
    EventProcessor first = new EventProcessor() {
      @Override
      public SentryEvent process(SentryEvent event, Hint hint) {
        order.add("options");
        return event;
      }

      @Override
      public void dropped(SentryEvent event, Hint hint, DropReason reason) {
        heard.set(reason);
      }
    };
    init(options -> {
      options.addEventProcessor(first);
      options.setBeforeSend((event, hint) -> {
        order.add("beforeSend");
        return event.getMessage() != null && event.getMessage().formatted().equals("drop me") ? null : event;
      });
    });
    sentry.currentHub().configureScope(scope -> scope.addEventProcessor((event, hint) -> {
      order.add("scope");
      return event;
    }));
    sentry.currentHub().captureMessage("drop me", Level.INFO);
    assertThat(order).containsExactly("scope", "options", "beforeSend");
    assertThat(heard.get()).isEqualTo(DropReason.BEFORE_SEND);
    assertThat(sentry.client().drops().totals()).containsEntry("before_send/error", 1L);
  }

  @Test
  void throwingProcessorIsSkippedAndThrowingBeforeSendDrops() throws InterruptedException {
    AtomicInteger calls = new AtomicInteger();
    init(options -> {
      options.addEventProcessor((event, hint) -> {
        throw new IllegalStateException("broken processor");
      });
      options.setBeforeSend((event, hint) -> {
        if (calls.incrementAndGet() == 2) {
          throw new IllegalStateException("broken callback");
        }
        event.getTags().put("seen-by", "beforeSend");
        return event;
      });
    });
    assertThat(sentry.currentHub().captureMessage("one", Level.INFO).isEmpty()).isFalse();
    assertThat(sentry.currentHub().captureMessage("two", Level.INFO)).isEqualTo(SentryId.EMPTY);
    List<JsonNode> events = flushAndRead(1);
    assertThat(events).hasSize(1);
    assertThat(events.get(0).path("tags").path("seen-by").asText()).isEqualTo("beforeSend");
    assertThat(sentry.client().drops().totals()).containsEntry("before_send/error", 1L);
  }

  @Test
  void captureFromInsideACallbackIsDroppedNotRecursed() throws InterruptedException {
    AtomicReference<SentryId> inner = new AtomicReference<>();
    init(options -> options.setBeforeSend((event, hint) -> {
      inner.set(sentry.currentHub().captureMessage("from inside", Level.INFO));
      return event;
    }));
    sentry.currentHub().captureMessage("outer", Level.INFO);
    assertThat(inner.get()).isEqualTo(SentryId.EMPTY);
    assertThat(flushAndRead(1)).hasSize(1);
    assertThat(sentry.client().drops().totals()).containsEntry("event_processor/error", 1L);
  }

  @Test
  void beforeBreadcrumbMayDropOrEditAndAThrowKeepsTheOriginal() throws InterruptedException {
    init(options -> options.setBeforeBreadcrumb((crumb, hint) -> {
      assertThat(hint).isNotNull();
      switch (crumb.getMessage()) {
        case "drop":
          return null;
        case "boom":
          throw new IllegalStateException("broken");
        default:
          return crumb.setMessage(crumb.getMessage().toUpperCase());
      }
    }));
    Hub hub = sentry.currentHub();
    hub.addBreadcrumb(new Breadcrumb("drop"), null);
    hub.addBreadcrumb(new Breadcrumb("boom"), new Hint());
    hub.addBreadcrumb(new Breadcrumb("edit"), new Hint());
    hub.captureMessage("m", Level.INFO);
    JsonNode crumbs = flushAndRead(1).get(0).path("breadcrumbs").path("values");
    assertThat(crumbs).extracting(c -> c.path("message").asText()).containsExactly("boom", "EDIT");
  }

  @Test
  void scopeKeepsTheNewestMaxBreadcrumbs() throws InterruptedException {
    init(options -> options.setMaxBreadcrumbs(100));
    Hub hub = sentry.currentHub();
    for (int i = 0; i < 150; i++) {
      hub.addBreadcrumb(new Breadcrumb("crumb " + i), new Hint());
    }
    hub.captureMessage("m", Level.INFO);
    JsonNode crumbs = flushAndRead(1).get(0).path("breadcrumbs").path("values");
    assertThat(crumbs).hasSize(100);
    assertThat(crumbs.get(0).path("message").asText()).isEqualTo("crumb 50");
    assertThat(crumbs.get(99).path("message").asText()).isEqualTo("crumb 149");
  }

  @Test
  void withScopeChangesStayInside() throws InterruptedException {
    init(options -> {});
    Hub hub = sentry.currentHub();
    hub.withScope(scope -> {
      scope.setTag("inside", "yes");
      sentry.currentHub().captureMessage("in", Level.INFO);
    });
    hub.captureMessage("out", Level.INFO);
    List<JsonNode> events = flushAndRead(2);
    assertThat(events).hasSize(2);
    for (JsonNode event : events) {
      boolean inside = event.path("logentry").path("formatted").asText().equals("in");
      assertThat(event.path("tags").has("inside")).isEqualTo(inside);
    }
  }

  @Test
  void withScopePutsTheThreadsHubBackWhateverTheCallbackDoes() throws InterruptedException {
    init(options -> {});
    Hub own = sentry.currentHub();
    own.configureScope(scope -> scope.setTag("own", "yes"));
    RuntimeException thrown = new IllegalStateException("callback failed");
    assertThatThrownBy(() -> own.withScope(scope -> {
      scope.setTag("inner", "yes");
      sentry.currentHub().withScope(nested -> nested.setTag("nested", "yes"));
      sentry.currentHub().captureMessage("inner", Level.INFO);
      throw thrown;
    })).as("the callback's exception reaches the caller").isSameAs(thrown);
    assertThat(sentry.currentHub()).isSameAs(own);
    // A scope pushed on another hub (the main hub) is current during the callback only.
    sentry.mainHub().withScope(scope -> {
      scope.setTag("main", "yes");
      sentry.currentHub().captureMessage("main", Level.INFO);
    });
    assertThat(sentry.currentHub()).isSameAs(own);
    own.captureMessage("own", Level.INFO);
    List<JsonNode> events = flushAndRead(3);
    assertThat(events).hasSize(3);
    for (JsonNode event : events) {
      String message = event.path("logentry").path("formatted").asText();
      JsonNode tags = event.path("tags");
      assertThat(tags.has("inner")).as(message).isEqualTo(message.equals("inner"));
      assertThat(tags.has("nested")).as(message).isFalse();
      assertThat(tags.has("main")).as(message).isEqualTo(message.equals("main"));
      assertThat(tags.has("own")).as(message).isEqualTo(!message.equals("main"));
    }
  }

  /**
   * A binding closed on another thread than the one that bound it (an async completion, say)
   * leaves the binding thread's current hub alone: that thread may serve another request by then.
   */
  @Test
  void aBindingClosedOnAnotherThreadLeavesTheBindingThreadsHubAlone() throws Exception {
    init(options -> {});
    Hub request = sentry.currentHub().copy();
    Hub.Binding binding = request.bind();
    try {
      Thread other = new Thread(binding::close);
      other.start();
      other.join();
      assertThat(sentry.currentHub()).as("this thread's hub after the other thread closed the binding")
          .isSameAs(request);
    } finally {
      binding.close();
    }
    assertThat(sentry.currentHub()).as("after the close on this thread").isNotSameAs(request);
  }

  @Test
  void threadsStartFromTheirOwnCopyOfTheMainHubAndCopiesCanBeBound() throws Exception {
    init(options -> {});
    sentry.mainHub().configureScope(scope -> scope.setTag("global", "1"));
    sentry.currentHub().configureScope(scope -> scope.setTag("mydata", "42"));
    Hub threadHub = sentry.currentHub().copy();
    List<Hub> seen = new ArrayList<>();
    Thread plain = new Thread(() -> {
      seen.add(sentry.currentHub());
      sentry.currentHub().captureMessage("plain", Level.INFO);
    });
    Thread bound = new Thread(() -> {
      Hub.Binding binding = threadHub.bind();
      try {
        sentry.currentHub().captureMessage("bound", Level.INFO);
      } finally {
        binding.close();
      }
    });
    plain.start();
    plain.join();
    bound.start();
    bound.join();
    assertThat(seen.get(0)).isNotSameAs(sentry.mainHub()).isNotSameAs(sentry.currentHub());
    List<JsonNode> events = flushAndRead(2);
    for (JsonNode event : events) {
      String message = event.path("logentry").path("formatted").asText();
      assertThat(event.path("tags").path("global").asText()).isEqualTo("1");
      assertThat(event.path("tags").has("mydata")).as(message).isEqualTo(message.equals("bound"));
    }
  }

  @Test
  void noDsnSendsNothingAndStartsNoThreads() {
    sentry.init(options -> options.setDsn(""));
    assertThat(sentry.client().isEnabled()).isFalse();
    assertThat(sentry.currentHub().captureException(new RuntimeException("x"), new Hint())).isEqualTo(SentryId.EMPTY);
    assertThat(Thread.getAllStackTraces().keySet())
        .noneMatch(t -> t.getName().startsWith("sentry-") && t.isAlive() && t.getName().contains("dispatcher"));
  }

  @Test
  void badDsnFailsInitAndKeepsThePreviousClient() {
    init(options -> {});
    CoreClient before = sentry.client();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> sentry.init(o -> o.setDsn("https://pub:hush@host/x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("project id \"x\"")
        .hasMessageNotContaining("hush");
    assertThat(sentry.client()).isSameAs(before);
    assertThat(before.isEnabled()).isTrue();
  }

  @Test
  void secondInitSwapsClientsAndClosesTheFirst() throws Exception {
    init(options -> {});
    CoreClient first = sentry.client();
    try (TestReceiver second = new TestReceiver()) {
      sentry.init(options -> options.setDsn(second.dsn()));
      assertThat(first.isEnabled()).isFalse();
      sentry.currentHub().captureMessage("to the second", Level.INFO);
      assertThat(sentry.client().flush(WAIT)).isTrue();
      assertThat(second.awaitEvents(1, WAIT)).hasSize(1);
    }
    assertThat(receiver.requests()).isEmpty();
  }

  @Test
  void closeReturnsWithinTheShutdownTimeoutAgainstAServerThatNeverAnswers() {
    receiver.holdRequests();
    init(options -> options.setShutdownTimeoutMillis(500));
    for (int i = 0; i < 5; i++) {
      sentry.currentHub().captureMessage("stuck " + i, Level.INFO);
    }
    long start = System.nanoTime();
    sentry.close();
    long tookMillis = (System.nanoTime() - start) / 1_000_000;
    assertThat(tookMillis).isLessThan(500 + 1_500);
    assertThat(sentry.currentHub().captureMessage("after close", Level.INFO)).isEqualTo(SentryId.EMPTY);
  }
}
