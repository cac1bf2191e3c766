package sentry.integration.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.servlet.http.HttpServlet;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import sentry.api.MaxRequestBodySize;
import sentry.api.Sentry;
import sentry.testing.Receiver;

/** What the filter does in any container; each container's test starts its own embedded server. */
abstract class ContainerContract {
  final Receiver receiver = Receiver.start();

  /**
   * Starts the container with these servlets (by mapping pattern), the filter registered once, or
   * twice when asked, for every dispatch type with async support; at most two request threads.
   *
   * @return the base URL, {@code http://127.0.0.1:port}
   */
  abstract String start(Map<String, HttpServlet> servlets, boolean filterTwice) throws Exception;

  /** Stops the container. */
  abstract void stopContainer() throws Exception;

  @AfterEach
  void stop() throws Exception {
    stopContainer();
    Sentry.close();
    receiver.close();
  }

  private static Map<String, HttpServlet> servlets() {
    Map<String, HttpServlet> servlets = new LinkedHashMap<>();
    servlets.put("/leak/*", new Servlets.LeakServlet());
    servlets.put("/echo/*", new Servlets.EchoServlet());
    servlets.put("/async/*", new Servlets.AsyncServlet());
    servlets.put("/error", new Servlets.ErrorServlet());
    return servlets;
  }

  @Test
  void theNextRequestOnAPoolThreadSeesNothingOfThePreviousOne() throws Exception {
    Web.init(receiver, new ServletIntegration(), options -> {});
    String base = start(servlets(), false);

    for (int i = 0; i < 5; i++) {
      assertThat(Web.send(Web.get(base + "/leak/alice"))).isEqualTo(200);
      assertThat(Web.send(HttpRequest.newBuilder(URI.create(base + "/leak/bob" + i + "?n=" + i)).DELETE().build()))
          .isEqualTo(500);
    }

    List<JsonNode> events = Web.events(receiver, 5);
    assertThat(events).hasSize(5);
    for (int i = 0; i < 5; i++) {
      JsonNode event = byException(events, "fails: /leak/bob" + i);
      assertThat(event.path("tags").has("user")).as("tags of %s", event).isFalse();
      assertThat(event.path("breadcrumbs").toString()).doesNotContain("alice");
      assertThat(event.at("/request/url").asText()).isEqualTo(base + "/leak/bob" + i);
      assertThat(event.at("/request/method").asText()).isEqualTo("DELETE");
      assertThat(event.at("/request/query_string").asText()).isEqualTo("n=" + i);
      assertThat(event.at("/request/env/SERVER_PORT").asText()).isEqualTo(base.substring(base.lastIndexOf(':') + 1));
      assertThat(event.at("/exception/values/0/mechanism/type").asText()).isEqualTo("servlet");
      assertThat(event.at("/exception/values/0/mechanism/handled").asBoolean(true)).isFalse();
      assertThat(event.path("level").asText()).isEqualTo("error");
      assertThat(event.path("transaction").asText()).isEqualTo("/leak/*");
      assertThat(event.at("/transaction_info/source").asText()).isEqualTo("route");
    }
    long[] sessions = Web.awaitSessions(receiver, 10);
    assertThat(sessions).containsExactly(5, 0, 5);
  }

  @Test
  void withoutSendDefaultPiiNoCookieNoAddressAndNoHeaderSecretGoesOverTheWire() throws Exception {
    Web.init(receiver, new ServletIntegration(), options -> {});
    String base = start(servlets(), false);

    Web.send(HttpRequest.newBuilder(URI.create(base + "/echo/p?capture=1&api_key=s3cr3t-q"))
        .header("Authorization", "Bearer s3cr3t-a").header("Cookie", "session=s3cr3t-c")
        .header("X-Auth-Token", "s3cr3t-t").header("X-Real-Ip", "203.0.113.9").build());

    JsonNode event = Web.events(receiver, 1).get(0);
    assertThat(event.toString()).doesNotContain("s3cr3t").doesNotContain("203.0.113.9").doesNotContain("REMOTE_ADDR");
    assertThat(event.path("request").has("cookies")).isFalse();
    assertThat(event.at("/user/ip_address").isMissingNode()).isTrue();
    assertThat(event.at("/request/query_string").asText()).isEqualTo("capture=1&api_key=[Filtered]");
    assertThat(headerNamed(event, "authorization")).isEqualTo("[Filtered]");
    assertThat(headerNamed(event, "x-auth-token")).isEqualTo("[Filtered]");
  }

  @Test
  void eachRequestContinuesItsCallersTraceOrStartsOne() throws Exception {
    Web.init(receiver, new ServletIntegration(), options -> {});
    String base = start(servlets(), false);
    String trace = "771a43a4192642f0b136d5159a501700";

    Web.send(HttpRequest.newBuilder(URI.create(base + "/echo/continued?capture=1"))
        .header("sentry-trace", trace + "-b0e6f15b45c36b12-1")
        .header("baggage", "vendor=1,sentry-trace_id=" + trace + ",sentry-public_key=upstream").build());
    Web.send(HttpRequest.newBuilder(URI.create(base + "/echo/garbage?capture=1"))
        .header("sentry-trace", trace.toUpperCase() + "-b0e6f15b45c36b12").build());
    Web.send(Web.get(base + "/echo/fresh?capture=1"));

    List<JsonNode> events = Web.events(receiver, 3);
    JsonNode continued = byMessage(events, "/echo/continued").at("/contexts/trace");
    assertThat(continued.path("trace_id").asText()).isEqualTo(trace);
    assertThat(continued.path("parent_span_id").asText()).isEqualTo("b0e6f15b45c36b12");
    Set<String> others = new HashSet<>();
    for (String path : List.of("/echo/garbage", "/echo/fresh")) {
      JsonNode own = byMessage(events, path).at("/contexts/trace");
      assertThat(own.has("parent_span_id")).as("%s starts a trace", path).isFalse();
      others.add(own.path("trace_id").asText());
    }
    assertThat(others).hasSize(2).doesNotContain(trace);
  }

  @Test
  void theBodyTheApplicationReadIsAttachedAndAnUnreadOrLargeOneIsNot() throws Exception {
    Web.init(receiver, new ServletIntegration().withMaxRequestBodySize(MaxRequestBodySize.SMALL), options -> {});
    String base = start(servlets(), false);
    String json = "{\"name\":\"ada\"}";

    Web.send(post(base + "/echo/json?capture=1&read=1", "application/json", json));
    Web.send(post(base + "/echo/reader?capture=1&reader=1", "application/json; charset=utf-8", json));
    Web.send(post(base + "/echo/unread?capture=1", "application/json", json));
    Web.send(post(base + "/echo/large?capture=1&read=1", "application/json", "[" + "1,".repeat(600) + "1]"));

    List<JsonNode> events = Web.events(receiver, 4);
    assertThat(byMessage(events, "/echo/json").at("/request/data").asText()).isEqualTo(json);
    assertThat(byMessage(events, "/echo/reader").at("/request/data").asText()).isEqualTo(json);
    assertThat(byMessage(events, "/echo/unread").path("request").has("data")).isFalse();
    JsonNode large = byMessage(events, "/echo/large");
    assertThat(large.path("request").has("data")).isFalse();
    assertThat(large.at("/_meta/request/data/").toString()).isEqualTo("{\"rem\":[[\"!config\",\"x\"]]}");
  }

  @Test
  void anAsyncTaskOnAnotherThreadKeepsTheRequestsScope() throws Exception {
    Web.init(receiver, new ServletIntegration(), options -> {});
    String base = start(servlets(), false);

    assertThat(Web.send(Web.get(base + "/async/task"))).isEqualTo(200);

    JsonNode event = byMessage(Web.events(receiver, 1), "async task");
    assertThat(event.at("/tags/phase").asText()).isEqualTo("before async");
    assertThat(event.at("/request/url").asText()).isEqualTo(base + "/async/task");
    assertThat(event.path("transaction").asText()).isEqualTo("/async/*");
    assertThat(Web.awaitSessions(receiver, 1)).containsExactly(1, 0, 0);
  }

  @Test
  void anAsyncDispatchIsServedWithTheRequestsScopeAndItsExceptionReported() throws Exception {
    Web.init(receiver, new ServletIntegration(), options -> {});
    String base = start(servlets(), false);

    assertThat(Web.send(Web.get(base + "/async/d?dispatch=1"))).isEqualTo(500);

    JsonNode event = byException(Web.events(receiver, 1), "async dispatch fails");
    assertThat(event.at("/tags/phase").asText()).isEqualTo("before async");
    assertThat(event.at("/request/url").asText()).isEqualTo(base + "/async/d");
    // The captured exception is the last value (innermost first): a container may or may not
    // have wrapped the application's exception in a ServletException by the time it reaches us.
    JsonNode values = event.at("/exception/values");
    assertThat(values.get(values.size() - 1).at("/mechanism/type").asText()).isEqualTo("servlet");
    assertThat(Web.awaitSessions(receiver, 1)).containsExactly(0, 0, 1);
  }

  @Test
  void completionOnAnApplicationThreadEndsTheRequestThere() throws Exception {
    Web.init(receiver, new ServletIntegration().withFailedRequestStatusCodes(503), options -> {});
    String base = start(servlets(), false);

    assertThat(Web.send(Web.get(base + "/async/t?thread=1"))).isEqualTo(503);

    JsonNode event = Web.events(receiver, 1).get(0);
    assertThat(event.at("/logentry/formatted").asText()).isEqualTo("HTTP 503 response to GET /async/t");
    assertThat(event.at("/tags/phase").asText()).isEqualTo("before async");
    assertThat(event.at("/request/url").asText()).isEqualTo(base + "/async/t");
    assertThat(Web.awaitSessions(receiver, 1)).containsExactly(1, 0, 0);
  }

  @Test
  void registeredTwiceTheFilterHandlesARequestOnce() throws Exception {
    Web.init(receiver, new ServletIntegration(), options -> {});
    String base = start(servlets(), true);

    assertThat(Web.send(Web.get(base + "/echo/x?fail=1"))).isEqualTo(500);
    assertThat(Web.send(Web.get(base + "/echo/y?capture=1"))).isEqualTo(200);

    assertThat(Web.events(receiver, 2)).hasSize(2);
    assertThat(Web.awaitSessions(receiver, 2)).containsExactly(1, 0, 1);
  }

  @Test
  void anErrorIsReportedAndRethrown() throws Exception {
    Web.init(receiver, new ServletIntegration(), options -> {});
    String base = start(servlets(), false);

    assertThat(Web.send(Web.get(base + "/error"))).isEqualTo(500);

    JsonNode event = Web.events(receiver, 1).get(0);
    // Innermost first: the Error itself, then what the container wrapped it in (Tomcat does).
    JsonNode values = event.at("/exception/values");
    assertThat(values.get(0).path("type").asText()).endsWith("AssertionError");
    assertThat(values.get(values.size() - 1).at("/mechanism/type").asText()).isEqualTo("servlet");
    assertThat(values.get(values.size() - 1).at("/mechanism/handled").asBoolean(true)).isFalse();
    assertThat(event.path("transaction").asText()).isEqualTo("/error");
  }

  @Test
  void aClientThatDisconnectsMidRequestIsReportedAndTheServerGoesOn() throws Exception {
    Web.init(receiver, new ServletIntegration(), options -> {});
    String base = start(servlets(), false);
    int port = Integer.parseInt(base.substring(base.lastIndexOf(':') + 1));

    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.getOutputStream().write(("POST /echo/cut?read=1&capture=1 HTTP/1.1\r\nHost: 127.0.0.1:" + port
          + "\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"half\":")
          .getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
    }
    assertThat(Web.send(Web.get(base + "/echo/next?capture=1"))).isEqualTo(200);

    // The cut request ends one way or another (its read fails); the next one is served as usual.
    assertThat(Web.awaitSessions(receiver, 2)).satisfies(t -> assertThat(t[0] + t[1] + t[2]).isEqualTo(2));
    JsonNode next = byMessage(receiver.events(), "/echo/next");
    assertThat(next.at("/request/url").asText()).isEqualTo(base + "/echo/next");
    for (JsonNode event : receiver.events()) {
      assertThat(event.path("request").has("data")).as("a half-read body is never attached").isFalse();
    }
  }

  @Test
  void aThousandConcurrentRequestsTenPercentFailing() throws Exception {
    Web.init(receiver, new ServletIntegration(), options -> options.setMaxQueueSize(2_000));
    String base = start(servlets(), false);
    Semaphore inFlight = new Semaphore(16);
    List<CompletableFuture<Integer>> answers = new ArrayList<>();
    Set<String> failing = new HashSet<>();

    for (int i = 0; i < 1_000; i++) {
      boolean fail = i % 10 == 0;
      String path = "/echo/r" + i + (fail ? "?fail=1" : "");
      if (fail) {
        failing.add(base + "/echo/r" + i);
      }
      inFlight.acquire();
      answers.add(Web.CLIENT.sendAsync(Web.get(base + path), HttpResponse.BodyHandlers.discarding())
          .thenApply(HttpResponse::statusCode).whenComplete((status, failure) -> inFlight.release()));
    }
    long served = answers.stream().map(CompletableFuture::join).filter(status -> status == 200).count();

    assertThat(served).isEqualTo(900);
    List<JsonNode> events = Web.events(receiver, 100);
    Set<String> urls = new HashSet<>();
    events.forEach(event -> urls.add(event.at("/request/url").asText()));
    assertThat(events).hasSize(100);
    assertThat(urls).isEqualTo(failing);
    assertThat(Web.awaitSessions(receiver, 1_000)).containsExactly(900, 0, 100);
  }

  static HttpRequest post(String url, String type, String body) {
    return HttpRequest.newBuilder(URI.create(url)).header("Content-Type", type)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
  }

  static String headerNamed(JsonNode event, String lowerName) {
    for (Map.Entry<String, JsonNode> header : event.at("/request/headers").properties()) {
      if (header.getKey().equalsIgnoreCase(lowerName)) {
        return header.getValue().asText();
      }
    }
    throw new AssertionError("no header " + lowerName + " in " + event.path("request"));
  }

  static JsonNode byMessage(List<JsonNode> events, String message) {
    return events.stream().filter(e -> e.at("/logentry/formatted").asText().equals(message)).findFirst()
        .orElseThrow(() -> new AssertionError("no event " + message + " in " + events));
  }

  static JsonNode byException(List<JsonNode> events, String value) {
    return events.stream().filter(e -> e.at("/exception/values/0/value").asText().equals(value)).findFirst()
        .orElseThrow(() -> new AssertionError("no exception " + value + " in " + events));
  }
}
