package sentry.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import sentry.api.CheckIn;
import sentry.api.Hint;
import sentry.api.Hub;
import sentry.api.Level;
import sentry.api.SentryOptions;
import sentry.core.json.JsonSupport;

/**
 * Every event carries its scope's trace ({@code contexts.trace}) and its envelope the trace's
 * dynamic sampling context ({@code trace} header); scopes share, continue and start traces as the
 * issue describes; what goes over the wire meets the event schema's {@code TraceContext}.
 */
class TraceContextTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final String TRACE = "771a43a4192642f0b136d5159a501700";
  private static final String SPAN = "b0e6f15b45c36b12";

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
      options.setRelease("shop@1.4.2");
      options.setEnvironment("staging");
      options.setDefaultIntegrations(false);
      more.accept(options);
    });
  }

  /** Each event sent, with its envelope's header, in the order the envelopes arrived. */
  private record Sent(JsonNode header, JsonNode event) {}

  private List<Sent> flushAndRead(int expected) throws InterruptedException {
    assertThat(sentry.client().flush(WAIT)).as("flushed").isTrue();
    receiver.awaitEvents(expected, WAIT);
    List<Sent> sent = new ArrayList<>();
    for (TestReceiver.Request request : receiver.requests()) {
      String[] lines = JsonSupport.strictUtf8(request.body()).split("\n");
      for (int i = 1; i + 1 < lines.length; i += 2) {
        JsonNode item = JsonSupport.parse(lines[i].getBytes(StandardCharsets.UTF_8));
        if (item.path("type").asText().equals("event")) {
          sent.add(new Sent(JsonSupport.parse(lines[0].getBytes(StandardCharsets.UTF_8)),
              JsonSupport.parseEvent(lines[i + 1].getBytes(StandardCharsets.UTF_8))));
        }
      }
    }
    assertThat(sent).hasSize(expected);
    return sent;
  }

  private static Sent withMessage(List<Sent> sent, String message) {
    return sent.stream().filter(s -> s.event().at("/logentry/message").asText().equals(message)).findFirst()
        .orElseThrow(() -> new AssertionError("no event " + message));
  }

  private static Map<String, String> strings(JsonNode object) {
    Map<String, String> values = new LinkedHashMap<>();
    object.fields().forEachRemaining(field -> {
      assertThat(field.getValue().isTextual()).as("%s is a string", field.getKey()).isTrue();
      values.put(field.getKey(), field.getValue().asText());
    });
    return values;
  }

  @Test
  void everyEventCarriesItsScopesTraceAndItsEnvelopeTheSamplingContext() throws Exception {
    init(options -> {});
    Hub hub = sentry.currentHub();
    String traceparent = hub.getTraceparent();
    String baggage = hub.getBaggage();
    hub.captureMessage("first", Level.INFO);
    hub.captureException(new IllegalStateException("second"), new Hint());

    List<Sent> sent = flushAndRead(2);
    JsonNode trace = sent.get(0).event().at("/contexts/trace");
    assertTraceContext(trace);
    assertThat(trace.path("trace_id").asText()).matches("[0-9a-f]{32}");
    assertThat(trace.path("span_id").asText()).matches("[0-9a-f]{16}");
    assertThat(trace.has("parent_span_id")).as("a trace that started here").isFalse();
    assertThat(traceparent).isEqualTo(trace.path("trace_id").asText() + "-" + trace.path("span_id").asText());
    assertThat(sent.get(1).event().at("/contexts/trace")).as("the same scope, the same trace").isEqualTo(trace);

    for (Sent one : sent) {
      Map<String, String> dsc = strings(one.header().path("trace"));
      assertThat(dsc).containsOnlyKeys("trace_id", "public_key", "release", "environment", "sample_rand")
          .containsEntry("trace_id", trace.path("trace_id").asText()).containsEntry("public_key", "public")
          .containsEntry("release", "shop@1.4.2").containsEntry("environment", "staging");
      assertThat(dsc.get("sample_rand")).matches("0\\.\\d{6}");
      assertThat(TraceHeaders.parseBaggage(baggage)).as("what goes out in baggage").isEqualTo(dsc);
    }
  }

  @Test
  void copiesShareTheTraceAndAContinuedCopyLeavesTheOriginalAlone() throws Exception {
    init(options -> {});
    Hub main = sentry.mainHub();
    Hub copy = main.copy();
    assertThat(copy.getTraceparent()).isEqualTo(main.getTraceparent());
    assertThat(sentry.currentHub().getTraceparent()).as("a thread's automatic copy").isEqualTo(main.getTraceparent());
    String[] inside = new String[1];
    main.withScope(scope -> inside[0] = sentry.currentHub().getTraceparent());
    assertThat(inside[0]).isEqualTo(main.getTraceparent());

    Hub request = main.copy();
    request.configureScope(scope -> scope.continueTrace(TRACE + "-" + SPAN + "-1", null));
    assertThat(request.getTraceparent()).startsWith(TRACE + "-").endsWith("-1");
    assertThat(main.getTraceparent()).doesNotStartWith(TRACE);
    Hub fresh = main.copy();
    fresh.configureScope(scope -> scope.continueTrace(null, null));
    assertThat(fresh.getTraceparent()).as("no header: a new trace").isNotEqualTo(main.getTraceparent());

    main.captureMessage("main", Level.INFO);
    request.captureMessage("request", Level.INFO);
    List<Sent> sent = flushAndRead(2);
    assertThat(withMessage(sent, "main").event().at("/contexts/trace/trace_id").asText()).isNotEqualTo(TRACE);
    JsonNode continued = withMessage(sent, "request").event().at("/contexts/trace");
    assertTraceContext(continued);
    assertThat(continued.path("trace_id").asText()).isEqualTo(TRACE);
    assertThat(continued.path("parent_span_id").asText()).isEqualTo(SPAN);
  }

  @Test
  void aContinuedTraceSendsTheIncomingSamplingContextUnchanged() throws Exception {
    init(options -> {});
    String incoming = "sentry-trace_id=" + TRACE + ",sentry-public_key=upstreamkey,sentry-release=front%401.0,"
        + "sentry-environment=prod,sentry-sample_rand=0.123456,sentry-sampled=true,vendor=x";
    Hub hub = sentry.mainHub().copy();
    hub.configureScope(scope -> scope.continueTrace(TRACE + "-" + SPAN + "-1", incoming));
    assertThat(hub.getBaggage()).isEqualTo("sentry-trace_id=" + TRACE + ",sentry-public_key=upstreamkey,"
        + "sentry-release=front@1.0,sentry-environment=prod,sentry-sample_rand=0.123456,sentry-sampled=true");
    hub.captureMessage("downstream", Level.WARNING);

    Sent sent = flushAndRead(1).get(0);
    assertThat(strings(sent.header().path("trace"))).containsExactly(Map.entry("trace_id", TRACE),
        Map.entry("public_key", "upstreamkey"), Map.entry("release", "front@1.0"), Map.entry("environment", "prod"),
        Map.entry("sample_rand", "0.123456"), Map.entry("sampled", "true"));
    assertThat(sent.event().at("/contexts/trace/parent_span_id").asText()).isEqualTo(SPAN);
    assertThat(sent.event().path("release").asText()).as("the event keeps its own release").isEqualTo("shop@1.4.2");
  }

  @Test
  void aTraceContextTheApplicationSetWinsAndItsEnvelopeHasNoSamplingContext() throws Exception {
    AtomicReference<Map<String, Object>> seen = new AtomicReference<>();
    init(options -> options.setBeforeSend((event, hint) -> {
      seen.set(event.getContexts().get("trace"));
      return event;
    }));
    Hub hub = sentry.mainHub().copy();
    hub.captureMessage("ours", Level.INFO);
    hub.configureScope(scope -> scope.setContext("trace", Map.of("trace_id", TRACE, "span_id", SPAN)));
    hub.captureMessage("theirs", Level.INFO);

    List<Sent> sent = flushAndRead(2);
    assertThat(seen.get()).as("beforeSend sees the trace context").containsEntry("trace_id", TRACE);
    Sent theirs = withMessage(sent, "theirs");
    assertThat(theirs.event().at("/contexts/trace/trace_id").asText()).isEqualTo(TRACE);
    assertThat(theirs.header().has("trace")).isFalse();
    assertThat(withMessage(sent, "ours").header().has("trace")).isTrue();
  }

  @Test
  void aCheckInAndAnEventOfOneScopeShareItsTrace() throws Exception {
    init(options -> {});
    Hub run = sentry.mainHub().copy();
    run.configureScope(scope -> scope.continueTrace(null, null));
    run.captureCheckIn(CheckIn.inProgress("nightly"));
    run.captureMessage("failed", Level.ERROR);

    List<Sent> sent = flushAndRead(1);
    String checkInTrace = null;
    for (TestReceiver.Request request : receiver.requests()) {
      String[] lines = JsonSupport.strictUtf8(request.body()).split("\n");
      if (JsonSupport.parse(lines[1].getBytes(StandardCharsets.UTF_8)).path("type").asText().equals("check_in")) {
        checkInTrace = JsonSupport.parse(lines[2].getBytes(StandardCharsets.UTF_8)).at("/contexts/trace/trace_id").asText();
      }
    }
    assertThat(checkInTrace).isEqualTo(sent.get(0).event().at("/contexts/trace/trace_id").asText())
        .isEqualTo(run.getTraceparent().substring(0, 32));
  }

  @Test
  void withoutADsnTheTraceIsValidAndTheBaggageEmpty() {
    sentry.init(options -> options.setDefaultIntegrations(false));
    assertThat(sentry.currentHub().getTraceparent()).matches("[0-9a-f]{32}-[0-9a-f]{16}");
    assertThat(sentry.currentHub().getBaggage()).isEmpty();
  }

  @Test
  void eachInitStartsTheMainHubOnANewTrace() {
    init(options -> {});
    String first = sentry.mainHub().getTraceparent();
    init(options -> {});
    assertThat(sentry.mainHub().getTraceparent()).isNotEqualTo(first);
  }

  @Test
  void theOptionsComeFromPropertiesAndTheEnvironment() {
    Properties system = new Properties();
    system.setProperty("sentry.propagate-traceparent", "true");
    SentryOptions options = new OptionsLoader(
        Map.of("SENTRY_TRACE_PROPAGATION_TARGETS", "api\\.example\\.com, ^https://internal/"), system,
        Path.of("no-such-directory"), null).load();
    assertThat(options.getTracePropagationTargets()).containsExactly("api\\.example\\.com", "^https://internal/");
    assertThat(options.isPropagateTraceparent()).isTrue();
    assertThat(new SentryOptions().getTracePropagationTargets()).containsExactly(".*");
    assertThat(new SentryOptions().isPropagateTraceparent()).isFalse();
  }

  /** Validates a {@code contexts.trace} against the schema's {@code TraceContext} definition. */
  private static void assertTraceContext(JsonNode trace) throws IOException {
    // JsonSupport, loaded first, lets this module read jackson-databind.
    Path file = JsonSupport.sharedDir().resolve("schemas/relay-event.schema.json");
    assumeTrue(Files.isRegularFile(file), file + " is missing: schema check skipped");
    ObjectMapper mapper = new ObjectMapper();
    JsonNode root = mapper.readTree(file.toFile());
    ObjectNode schema = mapper.createObjectNode();
    schema.put("$ref", "#/definitions/TraceContext");
    schema.set("definitions", root.get("definitions"));
    assertThat(JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(schema).validate(trace))
        .as("schema problems of %s", trace).isEmpty();
  }
}
