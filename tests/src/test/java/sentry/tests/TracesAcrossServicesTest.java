package sentry.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import sentry.api.Level;
import sentry.api.Sentry;
import sentry.integration.httpserver.HttpServerIntegration;
import sentry.integration.httpserver.SentryHttpServerFilter;
import sentry.integration.stdlib.SentryExecChainHandler;
import sentry.integration.stdlib.SentryHttp;
import sentry.integration.stdlib.StdlibIntegration;
import sentry.testing.Envelope;
import sentry.testing.Receiver;

/**
 * Two real services in one JVM, each a JDK {@code HttpServer} with the {@code httpserver}
 * integration's filter: A's handler calls B through one of the {@code stdlib} integration's wrapped
 * clients, B's handler fails, and both report. B's error carries A's trace id, with A's span as its
 * parent, and B's envelope the sampling context A started, unchanged; every event meets the schema
 * and every envelope the wire rules.
 */
class TracesAcrossServicesTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  private static Receiver sentry;
  private static HttpServer a;
  private static HttpServer b;
  private static ExecutorService threads;
  private static final HttpClient JDK = SentryHttp.wrap(HttpClient.newHttpClient());
  private static CloseableHttpClient apache;

  /** How A calls B. */
  enum Client {
    JDK_HTTP_CLIENT {
      @Override
      int get(String url) throws Exception {
        return JDK.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding())
            .statusCode();
      }
    },
    HTTP_URL_CONNECTION {
      @Override
      int get(String url) throws Exception {
        HttpURLConnection connection = SentryHttp.open(new URL(url));
        int status = connection.getResponseCode();
        try (InputStream body = status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
          if (body != null) {
            body.readAllBytes();
          }
        }
        return status;
      }
    },
    APACHE_HTTP_CLIENT_5 {
      @Override
      int get(String url) throws Exception {
        return apache.execute(new HttpGet(url), response -> {
          EntityUtils.consume(response.getEntity());
          return response.getCode();
        });
      }
    };

    abstract int get(String url) throws Exception;
  }

  @BeforeAll
  static void start() throws IOException {
    // Sentry on another loopback address than the services: requests to the DSN's host get no trace.
    sentry = Receiver.on("127.0.0.2");
    Sentry.init(options -> {
      options.setDsn(sentry.dsn());
      options.setRelease("shop@1.4.2");
      options.setAutoSessionTracking(false); // events only: the envelopes Wire knows
      options.setDefaultIntegrations(false);
      options.addIntegration(new StdlibIntegration());
      options.addIntegration(new HttpServerIntegration());
    });
    apache = HttpClients.custom()
        .addExecInterceptorFirst(SentryExecChainHandler.NAME, new SentryExecChainHandler()).build();
    threads = Executors.newCachedThreadPool();
    InetAddress loopback = InetAddress.getByName("127.0.0.1");
    b = HttpServer.create(new InetSocketAddress(loopback, 0), 0);
    b.createContext("/b", TracesAcrossServicesTest::serviceB).getFilters().add(new SentryHttpServerFilter());
    b.setExecutor(threads);
    b.start();
    a = HttpServer.create(new InetSocketAddress(loopback, 0), 0);
    for (Client client : Client.values()) {
      HttpContext context = a.createContext("/a/" + client, exchange -> serviceA(exchange, client));
      context.getFilters().add(new SentryHttpServerFilter());
    }
    a.setExecutor(threads);
    a.start();
  }

  @AfterAll
  static void stop() throws IOException {
    a.stop(0);
    b.stop(0);
    threads.shutdownNow();
    apache.close();
    Sentry.close();
    sentry.close();
  }

  /** A: calls B, and reports B's failure as its own error. */
  private static void serviceA(HttpExchange exchange, Client client) throws IOException {
    int status;
    try {
      status = client.get("http://127.0.0.1:" + b.getAddress().getPort() + "/b?from=" + client);
    } catch (Exception e) {
      throw new IOException(e);
    }
    Sentry.captureMessage("A got " + status + " from B through " + client, Level.ERROR);
    respond(exchange, 200, "A done");
  }

  /** B: fails, reports it, and answers 500. */
  private static void serviceB(HttpExchange exchange) throws IOException {
    String from = exchange.getRequestURI().getQuery().substring("from=".length());
    Sentry.captureException(new IllegalStateException("B failed for " + from));
    respond(exchange, 500, "B failed");
  }

  private static void respond(HttpExchange exchange, int status, String text) throws IOException {
    byte[] body = text.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  /** An event that reached the receiver, with its envelope's header. */
  private record Sent(JsonNode header, JsonNode event) {}

  private static Sent await(String text) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      for (Receiver.Request request : sentry.requests()) {
        if (!request.isEnvelope()) {
          continue;
        }
        Envelope envelope = Wire.checkRequest(request, null);
        for (JsonNode event : envelope.events()) {
          if (event.toString().contains(text)) {
            EventSchema.assertValid(event);
            return new Sent(envelope.header(), event);
          }
        }
      }
      Sentry.flush(Duration.ofMillis(100));
    }
    throw new AssertionError("no event with " + text + " among " + sentry.requests().size() + " requests");
  }

  @ParameterizedTest
  @EnumSource(Client.class)
  void anErrorInBCarriesTheTraceOfA(Client client) throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + a.getAddress().getPort() + "/a/" + client)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.body()).isEqualTo("A done");

    Sent inA = await("A got 500 from B through " + client);
    Sent inB = await("B failed for " + client);
    JsonNode traceA = inA.event().at("/contexts/trace");
    JsonNode traceB = inB.event().at("/contexts/trace");
    assertThat(traceA.has("parent_span_id")).as("nobody called A with a trace: A starts one").isFalse();
    assertThat(traceB.path("trace_id").asText()).isEqualTo(traceA.path("trace_id").asText());
    assertThat(traceB.path("parent_span_id").asText()).as("B's parent is A's span")
        .isEqualTo(traceA.path("span_id").asText());
    assertThat(traceB.path("span_id").asText()).isNotEqualTo(traceA.path("span_id").asText());

    Map<String, String> dscA = Wire.samplingContext(inA.header(), inA.event());
    assertThat(dscA).containsOnlyKeys("trace_id", "public_key", "release", "environment", "sample_rand")
        .containsEntry("public_key", Receiver.PUBLIC_KEY).containsEntry("release", "shop@1.4.2");
    assertThat(Wire.samplingContext(inB.header(), inB.event())).as("B sends A's context unchanged")
        .containsExactlyEntriesOf(dscA);

    // B saw the headers A's client sent: its event's request shows them.
    JsonNode headers = inB.event().at("/request/headers");
    String sentryTrace = header(headers, "sentry-trace");
    assertThat(sentryTrace).isEqualTo(traceA.path("trace_id").asText() + "-" + traceA.path("span_id").asText());
    assertThat(header(headers, "baggage")).isEqualTo(String.join(",",
        dscA.entrySet().stream().map(e -> "sentry-" + e.getKey() + "=" + e.getValue()).toList()));
    record(client, headers, inA, inB);
  }

  private static String header(JsonNode headers, String name) {
    List<String> values = new ArrayList<>();
    headers.properties().forEach(field -> {
      if (field.getKey().equalsIgnoreCase(name)) {
        values.add(field.getValue().asText());
      }
    });
    assertThat(values).as("header %s in %s", name, headers).hasSize(1);
    return values.get(0);
  }

  /** Keeps what went over the wire in target/, as an example of linked events. */
  private static void record(Client client, JsonNode headers, Sent inA, Sent inB) throws IOException {
    Map<String, String> shown = new LinkedHashMap<>();
    shown.put("sentry-trace", header(headers, "sentry-trace"));
    shown.put("baggage", header(headers, "baggage"));
    String text = "request from A to B through " + client + ": " + shown
        + "\nA contexts.trace: " + inA.event().at("/contexts/trace") + "\nA envelope trace: " + inA.header().path("trace")
        + "\nB contexts.trace: " + inB.event().at("/contexts/trace") + "\nB envelope trace: " + inB.header().path("trace")
        + "\n";
    Path out = Path.of("target", "traces-across-services-" + client + ".txt");
    Files.createDirectories(out.getParent());
    Files.writeString(out, text, StandardCharsets.UTF_8);
  }
}
