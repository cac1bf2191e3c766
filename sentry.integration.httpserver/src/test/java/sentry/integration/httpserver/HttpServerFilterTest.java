package sentry.integration.httpserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import sentry.api.Breadcrumb;
import sentry.api.Hub;
import sentry.api.MaxRequestBodySize;
import sentry.api.Sentry;
import sentry.testing.Receiver;

/** The filter on a real JDK HTTP server, driven by the JDK's HTTP client; checked on the wire. */
class HttpServerFilterTest {
  private final Receiver receiver = Receiver.start();
  private final ExecutorService pool = Executors.newSingleThreadExecutor(r -> new Thread(r, "web-pool"));
  private HttpServer server;

  @AfterEach
  void stop() throws InterruptedException {
    if (server != null) {
      server.stop(0);
    }
    pool.shutdownNow();
    pool.awaitTermination(10, TimeUnit.SECONDS);
    Sentry.close();
    receiver.close();
  }

  private String start(String contextPath, HttpHandler handler) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(pool);
    HttpContext context = server.createContext(contextPath, handler);
    context.getFilters().add(new SentryHttpServerFilter());
    server.start();
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private static void answer(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Test
  void theNextRequestOnAPoolThreadSeesNothingOfThePreviousOne() throws Exception {
    Web.init(receiver, new HttpServerIntegration(), options -> {});
    String base = start("/", exchange -> {
      if (exchange.getRequestURI().getPath().equals("/alice")) {
        Sentry.setTag("user", "alice");
        Sentry.addBreadcrumb(new Breadcrumb("alice was here"));
        answer(exchange, 200, "hi alice");
      } else {
        throw new IllegalStateException("bob fails");
      }
    });

    assertThat(Web.send(Web.get(base + "/alice"))).isEqualTo(200);
    Web.send(HttpRequest.newBuilder(URI.create(base + "/bob?page=2")).DELETE().build());

    JsonNode event = Web.events(receiver, 1).get(0);
    assertThat(event.path("tags").has("user")).as("tags of %s", event).isFalse();
    assertThat(event.path("breadcrumbs").toString()).doesNotContain("alice");
    assertThat(event.at("/request/url").asText()).isEqualTo(base + "/bob");
    assertThat(event.at("/request/method").asText()).isEqualTo("DELETE");
    assertThat(event.at("/request/query_string").asText()).isEqualTo("page=2");
    assertThat(event.at("/request/env/SERVER_NAME").asText()).isEqualTo("127.0.0.1");
    assertThat(event.at("/request/env/SERVER_PORT").asText()).isEqualTo(Integer.toString(server.getAddress().getPort()));
    assertThat(event.at("/exception/values/0/value").asText()).isEqualTo("bob fails");
    assertThat(event.at("/exception/values/0/mechanism/type").asText()).isEqualTo("httpserver");
    assertThat(event.at("/exception/values/0/mechanism/handled").asBoolean(true)).isFalse();
    assertThat(event.path("level").asText()).isEqualTo("error");
    assertThat(event.path("transaction").asText()).isEqualTo("/bob");
    assertThat(event.at("/transaction_info/source").asText()).isEqualTo("url");
  }

  @Test
  void theHubIsUnboundAfterTheRequestAlsoWhenTheHandlerThrows() throws Exception {
    Web.init(receiver, new HttpServerIntegration(), options -> {});
    BlockingQueue<Hub> hubs = new LinkedBlockingQueue<>();
    String base = start("/api", exchange -> {
      hubs.add(Hub.current());
      throw new IllegalStateException("fails");
    });
    Hub before = pool.submit(Hub::current).get();

    Web.send(Web.postEmpty(base + "/api/items"));
    Hub during = hubs.poll(30, TimeUnit.SECONDS);
    Hub after = pool.submit(Hub::current).get();

    assertThat(during).isNotSameAs(before);
    assertThat(after).isSameAs(before);
    JsonNode event = Web.events(receiver, 1).get(0);
    assertThat(event.path("transaction").asText()).isEqualTo("/api");
    assertThat(event.at("/transaction_info/source").asText()).isEqualTo("route");
  }

  @Test
  void withoutSendDefaultPiiNoCookieNoAddressAndNoHeaderSecretGoesOverTheWire() throws Exception {
    Web.init(receiver, new HttpServerIntegration(), options -> {});
    String base = start("/", exchange -> {
      Sentry.captureMessage("look");
      answer(exchange, 200, "ok");
    });

    Web.send(HttpRequest.newBuilder(URI.create(base + "/p?token=s3cr3t-q&page=1"))
        .header("Authorization", "Bearer s3cr3t-a")
        .header("Cookie", "session=s3cr3t-c")
        .header("X-Api-Key", "s3cr3t-k")
        .header("X-Forwarded-For", "203.0.113.9")
        .header("Accept", "text/plain")
        .build());

    JsonNode event = Web.events(receiver, 1).get(0);
    String wire = event.toString();
    assertThat(wire).doesNotContain("s3cr3t").doesNotContain("203.0.113.9").doesNotContain("127.0.0.1\",\"REMOTE");
    assertThat(event.at("/request/headers/Authorization").asText()).isEqualTo("[Filtered]");
    assertThat(event.at("/request/headers/Cookie").asText()).isEqualTo("[Filtered]");
    assertThat(event.at("/request/headers/X-api-key").asText()).isEqualTo("[Filtered]");
    assertThat(event.at("/request/headers/Accept").asText()).isEqualTo("text/plain");
    assertThat(event.at("/request/query_string").asText()).isEqualTo("token=[Filtered]&page=1");
    assertThat(event.path("request").has("cookies")).isFalse();
    assertThat(event.at("/request/env").has("REMOTE_ADDR")).isFalse();
    assertThat(event.at("/user/ip_address").isMissingNode()).isTrue();
  }

  @Test
  void withSendDefaultPiiCookiesAddressAndUserIpAreSent() throws Exception {
    Web.init(receiver, new HttpServerIntegration(), options -> options.setSendDefaultPii(true));
    String base = start("/", exchange -> {
      Sentry.captureMessage("look");
      answer(exchange, 200, "ok");
    });

    Web.send(HttpRequest.newBuilder(URI.create(base + "/p?token=abc"))
        .header("Cookie", "session=abc; theme=dark").header("Authorization", "Bearer abc").build());
    Web.send(HttpRequest.newBuilder(URI.create(base + "/proxied"))
        .header("X-Forwarded-For", "203.0.113.9, 10.0.0.1").build());

    List<JsonNode> events = Web.events(receiver, 2);
    JsonNode proxied = events.stream().filter(e -> e.at("/request/url").asText().endsWith("/proxied")).findFirst()
        .orElseThrow();
    assertThat(proxied.at("/user/ip_address").asText()).isEqualTo("203.0.113.9");
    assertThat(proxied.at("/request/env/REMOTE_ADDR").asText()).isEqualTo("127.0.0.1");
    JsonNode event = events.stream().filter(e -> e.at("/request/url").asText().endsWith("/p")).findFirst()
        .orElseThrow();
    assertThat(event.at("/request/cookies/theme").asText()).isEqualTo("dark");
    assertThat(event.at("/request/env/REMOTE_ADDR").asText()).isEqualTo("127.0.0.1");
    assertThat(event.at("/user/ip_address").asText()).isEqualTo("127.0.0.1");
    // The event scrubber still filters denylisted keys with sendDefaultPii, as Python's does.
    assertThat(event.at("/request/cookies/session").asText()).isEqualTo("[Filtered]");
    assertThat(event.at("/request/headers/Authorization").asText()).isEqualTo("[Filtered]");
    assertThat(event.at("/request/query_string").asText()).isEqualTo("token=abc");
  }

  @Test
  void theBodyTheHandlerReadIsAttachedAndAnUnreadOrLargeOneIsNot() throws Exception {
    Web.init(receiver, new HttpServerIntegration().withMaxRequestBodySize(MaxRequestBodySize.SMALL), options -> {});
    String base = start("/", exchange -> {
      String read = "";
      if (!exchange.getRequestURI().getPath().equals("/unread")) {
        try (InputStream in = exchange.getRequestBody()) {
          read = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
      }
      Sentry.captureMessage(exchange.getRequestURI().getPath());
      answer(exchange, 200, read);
    });
    String json = "{\"name\":\"ada\",\"n\":[1,2]}";

    Web.send(post(base + "/json", "application/json", json));
    Web.send(post(base + "/form", "application/x-www-form-urlencoded", "a=1&b=two+words"));
    Web.send(post(base + "/unread", "application/json", json));
    Web.send(post(base + "/large", "application/json", "[" + "1,".repeat(600) + "1]"));
    Web.send(post(base + "/text", "text/plain", "plain"));

    List<JsonNode> events = Web.events(receiver, 5);
    assertThat(byMessage(events, "/json").at("/request/data").asText()).isEqualTo(json);
    assertThat(byMessage(events, "/form").at("/request/data/b").asText()).isEqualTo("two words");
    assertThat(byMessage(events, "/unread").at("/request").has("data")).isFalse();
    JsonNode large = byMessage(events, "/large");
    assertThat(large.at("/request").has("data")).isFalse();
    assertThat(large.at("/_meta/request/data/").toString()).isEqualTo("{\"rem\":[[\"!config\",\"x\"]]}");
    assertThat(byMessage(events, "/text").at("/request").has("data")).isFalse();
  }

  @Test
  void failedRequestStatusCodesReportResponsesThatThrewNothing() throws Exception {
    Web.init(receiver, new HttpServerIntegration().withFailedRequestStatusCodes(503), options -> {});
    String base = start("/", exchange -> answer(exchange, exchange.getRequestURI().getPath().equals("/down") ? 503 : 404, "x"));

    assertThat(Web.send(Web.get(base + "/missing"))).isEqualTo(404);
    assertThat(Web.send(Web.get(base + "/down"))).isEqualTo(503);

    JsonNode event = Web.events(receiver, 1).get(0);
    assertThat(event.at("/logentry/formatted").asText()).isEqualTo("HTTP 503 response to GET /down");
    assertThat(event.path("level").asText()).isEqualTo("error");
    assertThat(event.at("/request/url").asText()).isEqualTo(base + "/down");
    assertThat(receiver.events()).hasSize(1);
  }

  @Test
  void anErrorIsReportedAndRethrownAndTheServerGoesOn() throws Exception {
    Web.init(receiver, new HttpServerIntegration(), options -> {});
    String base = start("/", exchange -> {
      if (exchange.getRequestURI().getPath().equals("/error")) {
        throw new AssertionError("an Error, not an Exception");
      }
      answer(exchange, 200, "fine");
    });

    // The JDK's server leaves an exchange whose handler threw an Error unanswered: do not wait on it.
    CompletableFuture<?> unanswered = Web.CLIENT.sendAsync(Web.get(base + "/error"), HttpResponse.BodyHandlers.discarding());
    JsonNode event = Web.events(receiver, 1).get(0);
    assertThat(Web.send(Web.get(base + "/fine"))).isEqualTo(200);
    unanswered.cancel(true);

    assertThat(event.at("/exception/values/0/type").asText()).endsWith("AssertionError");
    assertThat(event.at("/exception/values/0/mechanism/handled").asBoolean(true)).isFalse();
    assertThat(event.at("/request/url").asText()).isEqualTo(base + "/error");
  }

  @Test
  void aClientThatDisconnectsMidRequestLeavesTheThreadClean() throws Exception {
    Web.init(receiver, new HttpServerIntegration(), options -> {});
    BlockingQueue<String> outcomes = new LinkedBlockingQueue<>();
    String base = start("/", exchange -> {
      Sentry.setTag("leftover", "yes");
      if (exchange.getRequestURI().getPath().equals("/upload")) {
        try (InputStream in = exchange.getRequestBody()) {
          in.readAllBytes();
          outcomes.add("read all");
        } catch (IOException e) {
          outcomes.add("cut off");
          throw e;
        }
      }
      Sentry.captureMessage("after");
      answer(exchange, 200, "ok");
    });
    Hub before = pool.submit(Hub::current).get();

    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.getAddress().getPort())) {
      socket.getOutputStream().write(("POST /upload HTTP/1.1\r\nHost: 127.0.0.1:" + server.getAddress().getPort()
          + "\r\nContent-Type: application/json\r\n"
          + "Content-Length: 1000\r\n\r\n{\"half\":").getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
    }
    assertThat(outcomes.poll(30, TimeUnit.SECONDS)).isEqualTo("cut off");
    assertThat(Web.send(Web.get(base + "/next"))).isEqualTo(200);

    assertThat(pool.submit(Hub::current).get()).isSameAs(before);
    List<JsonNode> events = Web.events(receiver, 2);
    JsonNode next = byMessage(events, "after");
    assertThat(next.path("tags").path("leftover").asText()).isEqualTo("yes");
    assertThat(next.at("/request/url").asText()).isEqualTo(base + "/next");
    JsonNode cut = events.stream().filter(e -> e.has("exception")).findFirst().orElseThrow();
    assertThat(cut.at("/request/url").asText()).isEqualTo(base + "/upload");
    assertThat(cut.at("/request").has("data")).as("a half-read body is not attached").isFalse();
  }

  @Test
  void addedTwiceTheFilterHandlesARequestOnce() throws Exception {
    Web.init(receiver, new HttpServerIntegration(), options -> {});
    String base = start("/unused", exchange -> answer(exchange, 404, "no"));
    HttpContext context = server.createContext("/again", exchange -> {
      throw new IllegalStateException("once again");
    });
    context.getFilters().add(new SentryHttpServerFilter());
    context.getFilters().add(new SentryHttpServerFilter());

    Web.send(Web.postEmpty(base + "/again/x"));

    List<JsonNode> events = Web.events(receiver, 1);
    assertThat(events).hasSize(1);
    assertThat(events.get(0).path("transaction").asText()).isEqualTo("/again");
    assertThat(Web.awaitSessions(receiver, 1)).containsExactly(0, 0, 1);
  }

  private static HttpRequest post(String url, String type, String body) {
    return HttpRequest.newBuilder(URI.create(url)).header("Content-Type", type)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
  }

  static JsonNode byMessage(List<JsonNode> events, String message) {
    return events.stream().filter(e -> e.at("/logentry/formatted").asText().equals(message)).findFirst()
        .orElseThrow(() -> new AssertionError("no event " + message + " in " + events));
  }
}
