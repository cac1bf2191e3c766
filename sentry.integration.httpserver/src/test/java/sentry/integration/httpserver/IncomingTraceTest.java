package sentry.integration.httpserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import sentry.api.Sentry;
import sentry.testing.Receiver;

/**
 * Each request's scope continues the trace of its {@code sentry-trace} (else {@code traceparent})
 * and {@code baggage} headers, or starts one; malformed headers start one and break nothing.
 */
class IncomingTraceTest {
  private static final String TRACE = "771a43a4192642f0b136d5159a501700";
  private static final String SPAN = "b0e6f15b45c36b12";

  private final Receiver receiver = Receiver.start();
  private HttpServer server;
  private String base;

  @BeforeEach
  void start() throws IOException {
    Web.init(receiver, new HttpServerIntegration(), options -> {});
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    HttpContext context = server.createContext("/", IncomingTraceTest::handle);
    context.getFilters().add(new SentryHttpServerFilter());
    server.start();
    base = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterEach
  void stop() {
    server.stop(0);
    Sentry.close();
    receiver.close();
  }

  private static void handle(HttpExchange exchange) throws IOException {
    Sentry.captureMessage("request " + exchange.getRequestURI().getPath());
    byte[] body = Sentry.getTraceparent().getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(200, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private JsonNode send(String path, Map<String, String> headers) throws InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path));
    headers.forEach(request::header);
    assertThat(Web.send(request.build())).isEqualTo(200);
    List<JsonNode> events = Web.events(receiver, 1);
    return events.stream().filter(e -> e.at("/logentry/message").asText().equals("request " + path))
        .findFirst().orElseThrow();
  }

  @Test
  void aSentryTraceAndItsBaggageAreContinued() throws Exception {
    JsonNode event = send("/continued", Map.of("sentry-trace", TRACE + "-" + SPAN + "-1",
        "baggage", "sentry-trace_id=" + TRACE + ",sentry-public_key=upstream,sentry-sample_rand=0.5"));
    assertThat(event.at("/contexts/trace/trace_id").asText()).isEqualTo(TRACE);
    assertThat(event.at("/contexts/trace/parent_span_id").asText()).isEqualTo(SPAN);
    assertThat(receiver.envelopes().stream().filter(sent -> !sent.events().isEmpty()).findFirst().orElseThrow()
        .header().path("trace").path("public_key").asText()).isEqualTo("upstream");
  }

  @Test
  void aW3cTraceparentIsContinuedWhenNoSentryTraceCame() throws Exception {
    JsonNode event = send("/w3c", Map.of("traceparent", "00-" + TRACE + "-" + SPAN + "-01"));
    assertThat(event.at("/contexts/trace/trace_id").asText()).isEqualTo(TRACE);
    assertThat(event.at("/contexts/trace/parent_span_id").asText()).isEqualTo(SPAN);
  }

  @Test
  void malformedHeadersStartANewTraceForEachRequest() throws Exception {
    JsonNode first = send("/garbage", Map.of("sentry-trace", "x".repeat(10_000), "baggage", "sentry-a=1,sentry-a=2"));
    JsonNode second = send("/none", Map.of());
    for (JsonNode event : List.of(first, second)) {
      assertThat(event.at("/contexts/trace/trace_id").asText()).matches("[0-9a-f]{32}").isNotEqualTo(TRACE);
      assertThat(event.at("/contexts/trace").has("parent_span_id")).isFalse();
    }
    assertThat(first.at("/contexts/trace/trace_id").asText())
        .as("each request its own trace").isNotEqualTo(second.at("/contexts/trace/trace_id").asText());
  }
}
