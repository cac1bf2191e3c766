package sentry.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import sentry.core.json.JsonSupport;

/** A stand-in for Sentry on 127.0.0.1: keeps every request and parses the envelopes it got. */
final class TestReceiver implements AutoCloseable {
  record Request(Map<String, List<String>> headers, byte[] body) {
    String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().get(0))
          .findFirst()
          .orElse(null);
    }
  }

  private final HttpServer server;
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private volatile int status = 200;
  private volatile CountDownLatch hold = new CountDownLatch(0);

  TestReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    server.start();
  }

  String dsn() {
    return "http://public@127.0.0.1:" + server.getAddress().getPort() + "/1";
  }

  void respondWith(int status) {
    this.status = status;
  }

  /** Makes every request wait until {@link #release()}: a server that never answers. */
  void holdRequests() {
    hold = new CountDownLatch(1);
  }

  void release() {
    hold.countDown();
  }

  private void handle(HttpExchange exchange) throws IOException {
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      boolean gzip = "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"));
      body = (gzip ? new GZIPInputStream(in) : in).readAllBytes();
    }
    requests.add(new Request(Map.copyOf(exchange.getRequestHeaders()), body));
    try {
      hold.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    exchange.sendResponseHeaders(status, -1);
    exchange.close();
  }

  List<Request> requests() {
    return List.copyOf(requests);
  }

  /** Returns the event payloads received so far, parsed and kept for schema validation. */
  List<JsonNode> events() {
    List<JsonNode> events = new ArrayList<>();
    for (Request request : requests) {
      String[] lines = JsonSupport.strictUtf8(request.body()).split("\n");
      for (int i = 1; i + 1 < lines.length; i += 2) {
        JsonNode header = JsonSupport.parse(lines[i].getBytes(StandardCharsets.UTF_8));
        if (header.path("type").asText().equals("event")) {
          events.add(JsonSupport.parseEvent(lines[i + 1].getBytes(StandardCharsets.UTF_8)));
        }
      }
    }
    return events;
  }

  /** Returns the header line of every envelope received so far, parsed. */
  List<JsonNode> envelopeHeaders() {
    List<JsonNode> headers = new ArrayList<>();
    for (Request request : requests) {
      String[] lines = JsonSupport.strictUtf8(request.body()).split("\n");
      headers.add(JsonSupport.parse(lines[0].getBytes(StandardCharsets.UTF_8)));
    }
    return headers;
  }

  /** Waits until at least {@code count} events arrived. */
  List<JsonNode> awaitEvents(int count, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (requests.size() < count && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    return events();
  }

  @Override
  public void close() {
    hold.countDown();
    server.stop(0);
  }
}
