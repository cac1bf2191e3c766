package sentry.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import sentry.api.Breadcrumb;
import sentry.api.Hub;
import sentry.api.SentryEvent;
import sentry.api.SentryException;
import sentry.api.SentryOptions;
import sentry.api.StackFrame;
import sentry.core.json.JsonSupport;

/**
 * What a callback or the application changes in an event is that event's own: the scope's
 * breadcrumbs, extras and contexts reach an event merged on the capturing thread as copies, so an
 * edit made in {@code beforeSend} is on the wire for that event and not in the next one from the
 * same scope; and the exceptions a callback reads were described by the client that captured the
 * event, with its own options. Each test captures a first event, which the callback edits, then a
 * second one from the same scope, and reads both as the receiver got them.
 */
class CaptureIsolationTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private TestReceiver receiver;
  private CoreBinding sentry;
  private final List<AutoCloseable> others = new ArrayList<>();

  @BeforeEach
  void start() throws IOException {
    receiver = new TestReceiver();
    sentry = new CoreBinding();
  }

  @AfterEach
  void stop() throws Exception {
    sentry.close();
    receiver.close();
    for (AutoCloseable other : others) {
      other.close();
    }
    JsonSupport.validateParsedEvents();
  }

  /** A client that sends to the receiver and runs {@code edit} on the first event only. */
  private void initEditingFirst(Consumer<SentryEvent> edit) {
    AtomicInteger calls = new AtomicInteger();
    sentry.init(options -> {
      options.setDsn(receiver.dsn());
      options.setDefaultIntegrations(false);
      options.setBeforeSend((event, hint) -> {
        if (calls.getAndIncrement() == 0) {
          edit.accept(event);
        }
        return event;
      });
    });
  }

  /** Captures "first" and "second" and returns them as the receiver got them, in that order. */
  private List<JsonNode> captureTwo(Hub hub) throws InterruptedException {
    hub.captureMessage("first", null);
    hub.captureMessage("second", null);
    assertThat(sentry.client().flush(WAIT)).as("flushed").isTrue();
    return byMessage(receiver.awaitEvents(2, WAIT), "first", "second");
  }

  private static List<JsonNode> byMessage(List<JsonNode> events, String... messages) {
    List<JsonNode> ordered = new ArrayList<>();
    for (String message : messages) {
      JsonNode found = events.stream()
          .filter(event -> event.at("/logentry/message").asText().equals(message))
          .findFirst()
          .orElseThrow(() -> new AssertionError("no event \"" + message + "\" in " + events));
      ordered.add(found);
    }
    return ordered;
  }

  @Test
  @SuppressWarnings("unchecked") // the data as the scope keeps it: a list stays a list
  void aBreadcrumbEditedInBeforeSendIsChangedInThatEventOnly() throws InterruptedException {
    initEditingFirst(event -> {
      Breadcrumb crumb = event.getBreadcrumbs().get(0);
      crumb.getData().remove("x");
      crumb.setMessage("edited");
      ((List<Object>) crumb.getData().get("steps")).add("c");
    });
    Hub hub = sentry.currentHub();
    hub.configureScope(scope -> scope.addBreadcrumb(
        new Breadcrumb("checkout").setData("x", "1").setData("steps", List.of("a", "b"))));

    List<JsonNode> events = captureTwo(hub);

    JsonNode edited = events.get(0).at("/breadcrumbs/values/0");
    assertThat(edited.path("message").asText()).isEqualTo("edited");
    assertThat(edited.at("/data/x").isMissingNode()).as("x removed: %s", edited).isTrue();
    assertThat(edited.at("/data/steps")).hasSize(3);
    JsonNode next = events.get(1).at("/breadcrumbs/values/0");
    assertThat(next.path("message").asText()).as("the scope's breadcrumb").isEqualTo("checkout");
    assertThat(next.at("/data/x").asText()).isEqualTo("1");
    assertThat(next.at("/data/steps")).hasSize(2);
  }

  @Test
  @SuppressWarnings("unchecked") // the values as the scope keeps them: maps stay maps
  void nestedContextAndExtraValuesEditedInBeforeSendAreChangedInThatEventOnly() throws InterruptedException {
    initEditingFirst(event -> {
      ((Map<String, Object>) event.getContexts().get("basket").get("detail")).put("sku", "B");
      Map<String, Object> cart = (Map<String, Object>) event.getExtra().get("cart");
      cart.put("total", 0);
      ((List<Object>) cart.get("lines")).add("B");
    });
    Hub hub = sentry.currentHub();
    hub.configureScope(scope -> {
      scope.setContext("basket", Map.of("items", 3, "detail", Map.of("sku", "A")));
      scope.setExtra("cart", Map.of("total", 10, "lines", List.of("A")));
    });

    List<JsonNode> events = captureTwo(hub);

    assertThat(events.get(0).at("/contexts/basket/detail/sku").asText()).isEqualTo("B");
    assertThat(events.get(0).at("/extra/cart/total").asInt()).isZero();
    assertThat(events.get(0).at("/extra/cart/lines")).hasSize(2);
    assertThat(events.get(1).at("/contexts/basket/detail/sku").asText()).as("the scope's context").isEqualTo("A");
    assertThat(events.get(1).at("/extra/cart/total").asInt()).as("the scope's extra").isEqualTo(10);
    assertThat(events.get(1).at("/extra/cart/lines")).hasSize(1);
  }

  @Test
  void aContextMapChangedInBeforeSendIsSentNotDropped() throws InterruptedException {
    initEditingFirst(event -> {
      event.getContexts().get("app").put("k", "v");
      event.getContexts().get("trace").put("op", "checkout");
    });
    Hub hub = sentry.currentHub();
    hub.configureScope(scope -> scope.setContext("app", Map.of("app_name", "shop")));

    List<JsonNode> events = captureTwo(hub);

    assertThat(events.get(0).at("/contexts/app/k").asText()).isEqualTo("v");
    assertThat(events.get(0).at("/contexts/app/app_name").asText()).isEqualTo("shop");
    assertThat(events.get(0).at("/contexts/trace/op").asText()).isEqualTo("checkout");
    assertThat(events.get(1).at("/contexts/app").has("k")).as("the scope's context").isFalse();
    assertThat(events.get(1).at("/contexts/trace").has("op")).as("the scope's trace").isFalse();
    assertThat(events.get(1).at("/contexts/trace/trace_id").asText())
        .isEqualTo(events.get(0).at("/contexts/trace/trace_id").asText());
  }

  @Test
  @SuppressWarnings("unchecked") // the context as the scope keeps it: a map stays a map
  void anEventTheApplicationCapturedAndThenChangedLeavesTheScopeAlone() throws InterruptedException {
    sentry.init(options -> {
      options.setDsn(receiver.dsn());
      options.setDefaultIntegrations(false);
    });
    Hub hub = sentry.currentHub();
    hub.configureScope(scope -> {
      scope.addBreadcrumb(new Breadcrumb("checkout").setData("x", "1"));
      scope.setContext("basket", Map.of("detail", Map.of("sku", "A")));
    });
    SentryEvent own = new SentryEvent();
    hub.captureEvent(own, null);
    // The application's object, merged when the call returned: it may change it afterwards.
    own.getBreadcrumbs().get(0).setMessage("changed").getData().remove("x");
    ((Map<String, Object>) own.getContexts().get("basket").get("detail")).put("sku", "B");

    hub.captureMessage("next", null);
    assertThat(sentry.client().flush(WAIT)).as("flushed").isTrue();
    JsonNode next = byMessage(receiver.awaitEvents(2, WAIT), "next").get(0);

    assertThat(next.at("/breadcrumbs/values/0/message").asText()).isEqualTo("checkout");
    assertThat(next.at("/breadcrumbs/values/0/data/x").asText()).isEqualTo("1");
    assertThat(next.at("/contexts/basket/detail/sku").asText()).isEqualTo("A");
  }

  /**
   * Two clients in one process, each with its own in-app rules: the first counts this SDK's own
   * package ({@code sentry.core}, where this test lives) as the application, the second JUnit's.
   * The exceptions their {@code beforeSend} reads, and the frames on the wire, follow each
   * client's rules, not those of the process's global binding.
   */
  @Test
  void eachClientDescribesTheThrowableACallbackReadsWithItsOwnInAppRules() throws Exception {
    TestReceiver otherReceiver = new TestReceiver();
    others.add(otherReceiver);
    CoreBinding other = new CoreBinding();
    others.add(other::close);
    List<String> seen = new ArrayList<>();
    init(sentry, receiver, "sentry.core", seen);
    init(other, otherReceiver, "org.junit", seen);
    IllegalStateException error = new IllegalStateException("out of stock");

    sentry.currentHub().captureException(error, null);
    other.currentHub().captureException(error, null);

    assertThat(sentry.client().flush(WAIT)).isTrue();
    assertThat(other.client().flush(WAIT)).isTrue();
    assertThat(seen).as("in-app of this test's frame and of JUnit's, as beforeSend read them")
        .containsExactly("sentry.core: true false", "org.junit: false true");
    assertThat(inApp(receiver.awaitEvents(1, WAIT).get(0))).isEqualTo("true false");
    assertThat(inApp(otherReceiver.awaitEvents(1, WAIT).get(0))).isEqualTo("false true");
  }

  /**
   * An event not captured yet has no client to describe its throwable: {@code getExceptions()}
   * gives an empty list it does not keep, and the capture describes the throwable as usual.
   */
  @Test
  void anEventReadBeforeItIsCapturedIsDescribedByTheCapture() throws InterruptedException {
    sentry.init(options -> {
      options.setDsn(receiver.dsn());
      options.setDefaultIntegrations(false);
    });
    SentryEvent event = SentryEvent.fromThrowable(new IllegalStateException("out of stock"), null);

    assertThat(event.getExceptions()).isEmpty();
    assertThat(event.hasDescribedExceptions()).isFalse();
    sentry.currentHub().captureEvent(event, null);

    assertThat(sentry.client().flush(WAIT)).isTrue();
    JsonNode wire = receiver.awaitEvents(1, WAIT).get(0);
    assertThat(wire.at("/exception/values/0/type").asText()).isEqualTo("IllegalStateException");
    assertThat(wire.at("/exception/values/0/value").asText()).isEqualTo("out of stock");
  }

  private static void init(CoreBinding binding, TestReceiver to, String inApp, List<String> seen) {
    binding.init(options -> {
      options.setDsn(to.dsn());
      options.setDefaultIntegrations(false);
      options.addInAppInclude(inApp);
      options.setBeforeSend((event, hint) -> {
        List<SentryException> exceptions = event.getExceptions();
        List<StackFrame> frames = exceptions.get(exceptions.size() - 1).frames();
        // With no JUnit frame at all, allMatch would be true for nothing: that is reported instead.
        boolean anyJunit = frames.stream().anyMatch(frame -> frame.module().startsWith("org.junit"));
        boolean allJunitInApp = frames.stream().filter(frame -> frame.module().startsWith("org.junit")).allMatch(StackFrame::inApp);
        seen.add(inApp + ": " + inApp(frames.stream().filter(CaptureIsolationTest::isTest).findFirst().orElseThrow())
            + " " + (anyJunit ? String.valueOf(allJunitInApp) : "no JUnit frames"));
        return event;
      });
    });
  }

  private static boolean isTest(StackFrame frame) {
    return frame.module().equals(CaptureIsolationTest.class.getName());
  }

  private static boolean inApp(StackFrame frame) {
    return frame.inApp();
  }

  /** "in-app of this test's frame, in-app of every JUnit frame", as the wire has them. */
  private static String inApp(JsonNode event) {
    JsonNode frames = event.at("/exception/values").get(event.at("/exception/values").size() - 1)
        .at("/stacktrace/frames");
    boolean test = false;
    boolean junit = true;
    int junitFrames = 0;
    for (JsonNode frame : frames) {
      String module = frame.path("module").asText();
      if (module.equals(CaptureIsolationTest.class.getName())) {
        test = frame.path("in_app").asBoolean();
      } else if (module.startsWith("org.junit")) {
        junit &= frame.path("in_app").asBoolean();
        junitFrames++;
      }
    }
    assertThat(junitFrames).as("JUnit frames in %s", frames).isPositive();
    return test + " " + junit;
  }
}
