package sentry.integration.httpserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import sentry.api.Sentry;
import sentry.testing.Receiver;

/** Release health in request mode: what the session aggregates say, as they went over the wire. */
class SessionsTest {
  private final Receiver receiver = Receiver.start();
  private final ExecutorService pool = Executors.newFixedThreadPool(4);
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

  /** {@code /ok} answers, {@code /handled} captures an exception and answers, anything else throws. */
  private String start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(pool);
    server.createContext("/", exchange -> {
      String path = exchange.getRequestURI().getPath();
      if (path.startsWith("/handled")) {
        Sentry.captureException(new IllegalArgumentException("handled"));
      } else if (!path.startsWith("/ok")) {
        throw new IllegalStateException("crashed at " + path);
      }
      answer(exchange);
    }).getFilters().add(new SentryHttpServerFilter());
    server.start();
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private static void answer(HttpExchange exchange) throws IOException {
    exchange.sendResponseHeaders(200, 2);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write("ok".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }
  }

  @Test
  void eachRequestIsExitedErroredOrCrashedInPerMinuteAggregatesWithReleaseAndEnvironment() throws Exception {
    Web.init(receiver, new HttpServerIntegration(), options -> {});
    String base = start();

    for (String path : List.of("/ok", "/ok", "/ok", "/handled", "/crash")) {
      Web.send(Web.postEmpty(base + path));
    }

    assertThat(Web.awaitSessions(receiver, 5)).containsExactly(3, 1, 1);
    JsonNode item = Web.sessionItems(receiver).get(0);
    assertThat(item.at("/attrs/release").asText()).isEqualTo("web@1");
    assertThat(item.at("/attrs/environment").asText()).isEqualTo("test");
    assertThat(item.at("/aggregates/0/started").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:00Z");
  }

  @Test
  void withAutoSessionTrackingOffOrWithoutAReleaseNoSessionIsSent() throws Exception {
    Web.init(receiver, new HttpServerIntegration(), options -> options.setAutoSessionTracking(false));
    String base = start();
    Web.send(Web.postEmpty(base + "/crash"));
    Web.events(receiver, 1);
    Web.init(receiver, new HttpServerIntegration(), options -> options.setRelease(null));
    Web.send(Web.postEmpty(base + "/crash"));
    Web.events(receiver, 2);

    assertThat(Sentry.flush(Web.WAIT)).isTrue();
    assertThat(Web.sessionItems(receiver)).isEmpty();
  }

  @Test
  void aThousandConcurrentRequestsTenPercentFailing() throws Exception {
    Web.init(receiver, new HttpServerIntegration(), options -> options.setMaxQueueSize(2_000));
    String base = start();
    Semaphore inFlight = new Semaphore(16);
    List<CompletableFuture<Integer>> answers = new ArrayList<>();
    Set<String> failing = new HashSet<>();

    for (int i = 0; i < 1_000; i++) {
      String path = (i % 10 == 0 ? "/crash" : "/ok") + i;
      if (i % 10 == 0) {
        failing.add(base + path);
      }
      inFlight.acquire();
      answers.add(Web.CLIENT.sendAsync(Web.postEmpty(base + path), HttpResponse.BodyHandlers.discarding())
          .handle((response, failure) -> response == null ? -1 : response.statusCode())
          .whenComplete((status, failure) -> inFlight.release()));
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
}
