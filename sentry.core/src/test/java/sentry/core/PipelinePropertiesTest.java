package sentry.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;
import sentry.api.Breadcrumb;
import sentry.api.Hint;
import sentry.api.Hub;
import sentry.api.Level;
import sentry.api.Message;
import sentry.api.SentryEvent;
import sentry.api.SentryId;
import sentry.core.json.EventSerializer;
import sentry.core.json.JsonSupport;

/**
 * Property tests over the whole pipeline with a real HTTP receiver: hostile input never reaches the
 * application as an exception, everything sent is strict UTF-8 JSON within the limits, and hostile
 * callbacks have a defined, counted outcome.
 */
class PipelinePropertiesTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  private TestReceiver receiver;
  private CoreBinding sentry;

  @BeforeProperty
  void start() throws IOException {
    receiver = new TestReceiver();
    sentry = new CoreBinding();
  }

  @AfterProperty
  void stop() {
    sentry.close();
    receiver.close();
    JsonSupport.validateParsedEvents();
  }

  /** What a callback does. */
  enum Behaviour { PASS, RETURN_NULL, THROW_RUNTIME, THROW_ERROR, THROW_CHECKED, CAPTURE_INSIDE, BREADCRUMB_INSIDE }

  @Provide
  Arbitrary<String> nasty() {
    Arbitrary<Character> units = Arbitraries.frequencyOf(
        Tuple.of(3, Arbitraries.chars().all()),
        Tuple.of(2, Arbitraries.chars().range('\uD800', '\uDFFF')),
        Tuple.of(2, Arbitraries.chars().range('\u0000', '\u001F')),
        Tuple.of(2, Arbitraries.chars().alpha()));
    Arbitrary<String> small = units.list().ofMaxSize(200).map(PipelinePropertiesTest::join);
    Arbitrary<String> big = Arbitraries.integers().between(9_000, 1_100_000)
        .flatMap(n -> units.list().ofMinSize(1).ofMaxSize(10).map(seed -> repeat(join(seed), n)));
    return Arbitraries.frequencyOf(Tuple.of(8, small), Tuple.of(1, big));
  }

  private static String join(List<Character> chars) {
    StringBuilder out = new StringBuilder(chars.size());
    chars.forEach(out::append);
    return out.toString();
  }

  private static String repeat(String seed, int length) {
    StringBuilder out = new StringBuilder(length);
    while (out.length() < length) {
      out.append(seed);
    }
    out.setLength(length);
    return out.toString();
  }

  @SuppressWarnings("unchecked")
  private static <E extends Throwable> void sneakyThrow(Throwable t) throws E {
    throw (E) t;
  }

  @Property(tries = 50)
  void anyInputThroughThePipelineArrivesValidOrIsCounted(
      @ForAll("nasty") String message, @ForAll("nasty") String key, @ForAll("nasty") String value,
      @ForAll("nasty") String crumb) throws InterruptedException {
    sentry.init(options -> {
      options.setDsn(receiver.dsn());
      options.setDefaultIntegrations(false);
    });
    Hub hub = sentry.currentHub();
    Map<String, Object> cyclic = new LinkedHashMap<>();
    cyclic.put("self", cyclic);
    cyclic.put(key, value);
    Object hostile = new Object() {
      @Override
      public String toString() {
        throw new IllegalStateException("toString exploded");
      }
    };
    List<SentryId> ids = new ArrayList<>();
    assertThatCode(() -> {
      hub.configureScope(scope -> {
        scope.setTag(key, value);
        scope.setExtra(key, cyclic);
        scope.setExtra("hostile", hostile);
        scope.setContext("custom", cyclic);
        scope.setTransaction(crumb);
      });
      hub.addBreadcrumb(new Breadcrumb(crumb).setCategory(key), new Hint());
      SentryEvent event = new SentryEvent();
      event.setMessage(new Message(message, List.of(value), message));
      event.getExtra().put("list", List.of(cyclic, hostile));
      ids.add(hub.captureEvent(event, new Hint()));
      ids.add(hub.captureMessage(message, Level.WARNING));
      ids.add(hub.captureException(new IllegalStateException(message, new RuntimeException((String) null)), new Hint()));
    }).doesNotThrowAnyException();
    assertThat(sentry.client().flush(WAIT)).isTrue();
    long sent = ids.stream().filter(id -> !id.isEmpty()).count();
    long dropped = sentry.client().drops().totals().values().stream().mapToLong(Long::longValue).sum();
    assertThat(sent + dropped).as("every capture sent or counted").isEqualTo(3);
    List<JsonNode> events = receiver.awaitEvents((int) sent, WAIT);
    for (TestReceiver.Request request : receiver.requests()) {
      String body = JsonSupport.strictUtf8(request.body());
      for (String line : body.split("\n")) {
        assertThat(line.getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
            .isLessThanOrEqualTo(EventSerializer.MAX_EVENT_BYTES + 4096);
      }
    }
    assertThat(events).hasSize((int) sent);
    for (JsonNode event : events) {
      assertThat(event.toString().length()).isLessThanOrEqualTo(EventSerializer.MAX_EVENT_BYTES);
      assertThat(event.path("logentry").path("formatted").asText("").length()).isLessThanOrEqualTo(8192);
    }
    sentry.close();
    receiverReset();
  }

  private void receiverReset() {
    receiver.close();
    try {
      receiver = new TestReceiver();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Provide
  Arbitrary<Behaviour> eventCallbacks() {
    return Arbitraries.of(Behaviour.values());
  }

  @Provide
  Arbitrary<Behaviour> crumbCallbacks() {
    return Arbitraries.of(Behaviour.PASS, Behaviour.RETURN_NULL, Behaviour.THROW_RUNTIME, Behaviour.CAPTURE_INSIDE);
  }

  private void act(Behaviour behaviour, Hub hub) {
    switch (behaviour) {
      case THROW_RUNTIME -> throw new IllegalStateException("callback exploded");
      case THROW_ERROR -> throw new AssertionError("callback error");
      case THROW_CHECKED -> PipelinePropertiesTest.<RuntimeException>sneakyThrow(new IOException("checked"));
      case CAPTURE_INSIDE -> assertThat(hub.captureMessage("from inside", Level.INFO)).isEqualTo(SentryId.EMPTY);
      case BREADCRUMB_INSIDE -> hub.addBreadcrumb(new Breadcrumb("from inside"), new Hint());
      default -> { }
    }
  }

  /** The outcome each callback behaviour is documented to have, counted per drop reason. */
  @Property(tries = 120)
  void hostileCallbacksHaveADefinedCountedOutcome(
      @ForAll("eventCallbacks") Behaviour processor, @ForAll("eventCallbacks") Behaviour beforeSend,
      @ForAll("crumbCallbacks") Behaviour beforeBreadcrumb) throws InterruptedException {
    AtomicInteger crumbCalls = new AtomicInteger();
    sentry.init(options -> {
      options.setDsn(receiver.dsn());
      options.setDefaultIntegrations(false);
      options.addEventProcessor((event, hint) -> {
        act(processor, sentry.currentHub());
        return processor == Behaviour.RETURN_NULL ? null : event;
      });
      options.setBeforeSend((event, hint) -> {
        act(beforeSend, sentry.currentHub());
        return beforeSend == Behaviour.RETURN_NULL ? null : event;
      });
      options.setBeforeBreadcrumb((crumb, hint) -> {
        crumbCalls.incrementAndGet();
        act(beforeBreadcrumb, sentry.currentHub());
        return beforeBreadcrumb == Behaviour.RETURN_NULL ? null : crumb;
      });
    });
    Hub hub = sentry.currentHub();
    SentryId[] id = new SentryId[1];
    assertThatCode(() -> {
      hub.addBreadcrumb(new Breadcrumb("crumb"), new Hint());
      id[0] = hub.captureMessage("outer", Level.ERROR);
    }).doesNotThrowAnyException();
    assertThat(crumbCalls.get()).as("beforeBreadcrumb ran once per breadcrumb, no recursion").isLessThanOrEqualTo(3);
    assertThat(sentry.client().flush(WAIT)).isTrue();

    long inside = (beforeBreadcrumb == Behaviour.CAPTURE_INSIDE ? 1 : 0)
        + (processor == Behaviour.CAPTURE_INSIDE ? 1 : 0);
    // A processor that throws anything is skipped; one that returns null drops the event. A
    // beforeSend that returns null or throws anything drops it.
    String outerDrop = switch (processor) {
      case RETURN_NULL -> "event_processor/error";
      default -> switch (beforeSend) {
        case RETURN_NULL, THROW_RUNTIME, THROW_ERROR, THROW_CHECKED -> "before_send/error";
        default -> null;
      };
    };
    boolean beforeSendRan = processor != Behaviour.RETURN_NULL;
    if (beforeSendRan && beforeSend == Behaviour.CAPTURE_INSIDE) {
      inside++;
    }
    // A breadcrumb added from inside a callback does not run beforeBreadcrumb again.
    Map<String, Long> expected = new LinkedHashMap<>();
    if (inside > 0) {
      expected.merge("event_processor/error", inside, Long::sum);
    }
    if (outerDrop != null) {
      expected.merge(outerDrop, 1L, Long::sum);
    }
    assertThat(sentry.client().drops().totals()).as("drops").isEqualTo(expected);
    assertThat(id[0].isEmpty()).as("outer dropped").isEqualTo(outerDrop != null);
    if (outerDrop == null) {
      List<JsonNode> events = receiver.awaitEvents(1, WAIT);
      assertThat(events).hasSize(1);
      JsonNode crumbs = events.get(0).path("breadcrumbs").path("values");
      boolean kept = beforeBreadcrumb != Behaviour.RETURN_NULL;
      assertThat(crumbs.toString().contains("\"crumb\"")).as("crumb kept").isEqualTo(kept);
    }
    sentry.close();
    receiverReset();
  }

  // beforeBreadcrumb that throws anything, or adds a breadcrumb itself: the crumb is kept, nothing
  // reaches the application, nothing recurses.

  @net.jqwik.api.Example
  void beforeBreadcrumbThrowingAnErrorKeepsTheCrumb() throws InterruptedException {
    crumbHazard(Behaviour.THROW_ERROR);
  }

  @net.jqwik.api.Example
  void beforeBreadcrumbThrowingACheckedExceptionKeepsTheCrumb() throws InterruptedException {
    crumbHazard(Behaviour.THROW_CHECKED);
  }

  @net.jqwik.api.Example
  void beforeBreadcrumbAddingABreadcrumbDoesNotRecurse() throws InterruptedException {
    crumbHazard(Behaviour.BREADCRUMB_INSIDE);
  }

  private void crumbHazard(Behaviour beforeBreadcrumb) throws InterruptedException {
    AtomicInteger crumbCalls = new AtomicInteger();
    sentry.init(options -> {
      options.setDsn(receiver.dsn());
      options.setDefaultIntegrations(false);
      options.setBeforeBreadcrumb((crumb, hint) -> {
        crumbCalls.incrementAndGet();
        act(beforeBreadcrumb, sentry.currentHub());
        return crumb;
      });
    });
    Hub hub = sentry.currentHub();
    assertThatCode(() -> hub.addBreadcrumb(new Breadcrumb("crumb"), new Hint())).doesNotThrowAnyException();
    assertThat(crumbCalls.get()).as("no recursion").isLessThanOrEqualTo(2);
    SentryId id = hub.captureMessage("after", Level.ERROR);
    assertThat(id.isEmpty()).isFalse();
    assertThat(sentry.client().flush(WAIT)).isTrue();
    List<JsonNode> events = receiver.awaitEvents(1, WAIT);
    assertThat(events.get(0).path("breadcrumbs").toString()).as("the original crumb is kept").contains("\"crumb\"");
  }
}
