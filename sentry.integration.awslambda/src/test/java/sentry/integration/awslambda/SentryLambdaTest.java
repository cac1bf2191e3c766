package sentry.integration.awslambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import sentry.api.Hub;
import sentry.api.Sentry;
import sentry.testing.Receiver;

/** Wrapped handlers, driven with a real-clock context, and what they send over the wire. */
class SentryLambdaTest {
  private static final Duration LONG = Duration.ofSeconds(60);
  private Receiver receiver;

  @BeforeEach
  void start() {
    receiver = Receiver.start();
  }

  @AfterEach
  void stop() {
    Sentry.close();
    receiver.close();
  }

  private void init(boolean timeoutWarning) {
    Sentry.init(options -> {
      options.setDsn(receiver.dsn());
      options.setDefaultIntegrations(false);
      options.setShutdownTimeoutMillis(20_000);
      options.addIntegration(new AwsLambdaIntegration().withTimeoutWarning(timeoutWarning));
    });
  }

  private static Map<String, Object> apiGatewayEvent() {
    return Map.of(
        "resource", "/orders/{id}",
        "path", "/orders/42",
        "httpMethod", "POST",
        "headers", Map.of("Host", "abc123.execute-api.eu-central-1.amazonaws.com",
            "X-Forwarded-Proto", "https", "Authorization", "Bearer secret-token",
            "X-Api-Key", "k-123", "Content-Type", "application/json"),
        "queryStringParameters", Map.of("token", "t-456"),
        "requestContext", Map.of("identity", Map.of("sourceIp", "203.0.113.7")),
        "body", "{\"card\":\"4111\"}");
  }

  @Test
  void anEscapedExceptionIsOnTheWireWithTheInvocationsContextsWhenTheWrapperReturns() {
    init(false);
    IllegalStateException thrown = new IllegalStateException("order 42 failed");
    RequestHandler<Map<String, Object>, String> handler = SentryLambda.wrap((event, context) -> {
      throw thrown;
    });
    TestContext context = new TestContext("req-1", LONG);

    assertThatThrownBy(() -> handler.handleRequest(apiGatewayEvent(), context)).isSameAs(thrown);

    // No waiting: the wrapper flushed before it returned (a frozen container loses nothing).
    assertThat(Hub.main().client().pendingEvents()).isZero();
    List<JsonNode> events = receiver.events();
    assertThat(events).hasSize(1);
    JsonNode event = events.get(0);
    JsonNode exception = event.at("/exception/values/0");
    assertThat(exception.path("type").asText()).isEqualTo("IllegalStateException");
    assertThat(exception.at("/mechanism/type").asText()).isEqualTo("aws_lambda");
    assertThat(exception.at("/mechanism/handled").asBoolean(true)).isFalse();
    assertThat(event.at("/tags/aws_region").asText()).isEqualTo("eu-central-1");
    JsonNode lambda = event.at("/contexts/aws_lambda");
    assertThat(lambda.path("aws_request_id").asText()).isEqualTo("req-1");
    assertThat(lambda.path("function_name").asText()).isEqualTo("orders");
    assertThat(lambda.path("function_version").asText()).isEqualTo("$LATEST");
    assertThat(lambda.path("invoked_function_arn").asText()).isEqualTo(TestContext.ARN);
    assertThat(lambda.path("remaining_time_in_millis").asLong()).isBetween(1L, LONG.toMillis());
    JsonNode logs = event.at("/extra/cloudwatch logs");
    assertThat(logs.path("log_group").asText()).isEqualTo("/aws/lambda/orders");
    assertThat(logs.path("url").asText())
        .startsWith("https://console.aws.amazon.com/cloudwatch/home?region=eu-central-1"
            + "#logEventViewer:group=/aws/lambda/orders;stream=2026/12/06/[$LATEST]0123456789abcdef;start=")
        .containsPattern(";start=\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ;end=\\d{4}-");
    assertThat(event.at("/extra/request").isMissingNode()).as("the protocol's request, not an extra").isTrue();
    JsonNode request = event.at("/request");
    assertThat(request.path("method").asText()).isEqualTo("POST");
    assertThat(request.path("url").asText()).isEqualTo("https://abc123.execute-api.eu-central-1.amazonaws.com/orders/42");
    assertThat(request.path("query_string").asText()).isEqualTo("token=[Filtered]");
    assertThat(request.at("/headers/Authorization").asText()).isEqualTo("[Filtered]");
    assertThat(request.at("/headers/X-Api-Key").asText()).isEqualTo("[Filtered]");
    assertThat(request.at("/headers/Content-Type").asText()).isEqualTo("application/json");
    assertThat(request.has("data")).as("no body without sendDefaultPii").isFalse();
    assertThat(event.toString()).doesNotContain("secret-token", "k-123", "t-456", "4111");
  }

  @Test
  void aFunctionUrlEventGivesItsRequestAndACapturedMessageIsDeliveredOnReturn() {
    init(false);
    RequestHandler<Map<String, Object>, String> handler = SentryLambda.wrap((event, context) -> {
      Sentry.captureMessage("handled " + context.getAwsRequestId());
      return "ok";
    });
    Map<String, Object> event = Map.of("version", "2.0", "rawPath", "/hello", "rawQueryString", "a=1",
        "headers", Map.of("host", "xyz.lambda-url.eu-central-1.on.aws", "cookie", "session=abc"),
        "requestContext", Map.of("domainName", "xyz.lambda-url.eu-central-1.on.aws",
            "http", Map.of("method", "GET", "path", "/hello")));

    assertThat(handler.handleRequest(event, new TestContext("req-2", LONG))).isEqualTo("ok");

    List<JsonNode> events = receiver.events();
    assertThat(events).hasSize(1);
    JsonNode request = events.get(0).at("/request");
    assertThat(request.path("method").asText()).isEqualTo("GET");
    assertThat(request.path("url").asText()).isEqualTo("https://xyz.lambda-url.eu-central-1.on.aws/hello");
    assertThat(request.path("query_string").asText()).isEqualTo("a=1");
    assertThat(request.at("/headers/cookie").asText()).isEqualTo("[Filtered]");
  }

  @Test
  void eachInvocationHasAScopeOfItsOwn() {
    init(false);
    AtomicInteger calls = new AtomicInteger();
    RequestHandler<String, String> handler = SentryLambda.wrap((input, context) -> {
      int call = calls.incrementAndGet();
      if (call == 1) {
        Sentry.setTag("first", "yes");
        Sentry.addBreadcrumb("first crumb");
      }
      Sentry.captureMessage("call " + call);
      return input;
    });

    handler.handleRequest("a", new TestContext("req-a", LONG));
    handler.handleRequest("b", new TestContext("req-b", LONG));

    List<JsonNode> events = receiver.events();
    assertThat(events).hasSize(2);
    assertThat(events.get(0).at("/tags/first").asText()).isEqualTo("yes");
    assertThat(events.get(1).path("tags").has("first")).isFalse();
    assertThat(events.get(1).path("breadcrumbs").path("values")).isEmpty();
    assertThat(events.get(1).at("/contexts/aws_lambda/aws_request_id").asText()).isEqualTo("req-b");
    assertThat(events.get(1).at("/request").isMissingNode()).as("a String input is no HTTP event").isTrue();
    assertThat(events.get(1).at("/contexts/trace/trace_id").asText()).as("a trace per invocation")
        .matches("[0-9a-f]{32}").isNotEqualTo(events.get(0).at("/contexts/trace/trace_id").asText());
  }

  @Test
  void anHttpEventContinuesTheTraceOfItsHeaders() {
    init(false);
    RequestHandler<Map<String, Object>, String> handler = SentryLambda.wrap((event, context) -> {
      Sentry.captureMessage("in the trace");
      return Sentry.getTraceparent();
    });
    String trace = "771a43a4192642f0b136d5159a501700";
    Map<String, Object> event = Map.of("version", "2.0", "rawPath", "/hello",
        "headers", Map.of("host", "xyz.lambda-url.eu-central-1.on.aws",
            "sentry-trace", trace + "-b0e6f15b45c36b12-1",
            "baggage", "sentry-trace_id=" + trace + ",sentry-public_key=upstream,sentry-sample_rand=0.5"),
        "requestContext", Map.of("domainName", "xyz.lambda-url.eu-central-1.on.aws",
            "http", Map.of("method", "GET", "path", "/hello")));

    String returned = handler.handleRequest(event, new TestContext("req-t", LONG));

    assertThat(returned).startsWith(trace + "-").endsWith("-1");
    List<Receiver.Request> requests = receiver.requests();
    assertThat(requests).hasSize(1);
    JsonNode sent = requests.get(0).envelope().events().get(0);
    assertThat(sent.at("/contexts/trace/trace_id").asText()).isEqualTo(trace);
    assertThat(sent.at("/contexts/trace/parent_span_id").asText()).isEqualTo("b0e6f15b45c36b12");
    assertThat(requests.get(0).envelope().header().path("trace").path("public_key").asText()).isEqualTo("upstream");
  }

  @Test
  void aStreamHandlersIoExceptionIsReportedAndRethrownUnchanged() {
    init(false);
    IOException thrown = new IOException("stream broke");
    RequestStreamHandler handler = SentryLambda.wrap((RequestStreamHandler) (in, out, context) -> {
      throw thrown;
    });

    assertThatThrownBy(() -> handler.handleRequest(new ByteArrayInputStream(new byte[0]),
        new ByteArrayOutputStream(), new TestContext("req-s", LONG))).isSameAs(thrown);

    assertThat(receiver.events()).extracting(e -> e.at("/exception/values/0/type").asText())
        .containsExactly("IOException");
  }

  @Test
  void theTimeoutWarningIsDeliveredBeforeTheDeadlineOfAHandlerThatRunsPastIt() {
    init(true);
    RequestHandler<String, String> handler = SentryLambda.wrap((input, context) -> {
      // Works past its deadline, as a function that will be timed out does.
      while (context.getRemainingTimeInMillis() > 0) {
        sleep(50);
      }
      sleep(100);
      return input;
    });
    TestContext context = new TestContext("req-t", Duration.ofMillis(2000));

    handler.handleRequest("slow", context);

    List<Receiver.Request> requests = receiver.requests();
    assertThat(requests).hasSize(1);
    assertThat(requests.get(0).arrivalNanos()).as("delivered before the deadline")
        .isLessThan(context.deadlineNanos());
    JsonNode event = requests.get(0).envelope().events().get(0);
    JsonNode exception = event.at("/exception/values/0");
    assertThat(exception.path("type").asText()).isEqualTo("ServerlessTimeoutWarning");
    assertThat(exception.path("value").asText())
        .isEqualTo("WARNING : Function is expected to get timed out. Configured timeout duration = 2 seconds.");
    assertThat(event.path("level").asText()).isEqualTo("warning");
    assertThat(event.at("/contexts/aws_lambda/aws_request_id").asText()).isEqualTo("req-t");
    // The stack is the handler thread's at the time of the warning: it shows where the function waits.
    assertThat(exception.at("/stacktrace/frames").toString()).contains("SentryLambdaTest");
  }

  @Test
  void noTimeoutWarningForAHandlerThatReturnsInTimeOrWithTheOptionOff() {
    init(true);
    RequestHandler<String, Integer> handler = SentryLambda.wrap((input, context) -> TimeoutWarnings.pending());
    TestContext context = new TestContext("req-fast", Duration.ofMillis(2000));

    assertThat(handler.handleRequest("fast", context)).as("warnings scheduled while it ran").isEqualTo(1);
    assertThat(TimeoutWarnings.pending()).as("cancelled and removed when it returned").isZero();
    // And nothing arrives by the deadline, when the warning would have been sent.
    while (context.getRemainingTimeInMillis() > 0) {
      sleep(50);
    }
    assertThat(receiver.requests()).isEmpty();

    Sentry.close();
    init(false);
    assertThat(handler.handleRequest("off", new TestContext("req-off", Duration.ofMillis(2000)))).isZero();
  }

  @Test
  void initRunsOncePerContainer() {
    AtomicInteger configured = new AtomicInteger();
    boolean first = SentryLambda.init(options -> {
      configured.incrementAndGet();
      options.setDsn(receiver.dsn());
    });
    boolean second = SentryLambda.init(options -> configured.incrementAndGet());

    assertThat(first).isTrue();
    assertThat(second).isFalse();
    assertThat(configured).hasValue(1);
    assertThat(Sentry.isEnabled()).isTrue();
  }

  @Test
  void withoutAnSdkTheHandlerRunsAsItIs() {
    RequestHandler<String, String> handler = SentryLambda.wrap((input, context) -> input + "!");
    assertThat(handler.handleRequest("x", new TestContext("req-x", LONG))).isEqualTo("x!");
    assertThat(receiver.requests()).isEmpty();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
