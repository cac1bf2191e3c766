package sentry.integration.stdlib;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.GZIPInputStream;

/**
 * Sentry, on 127.0.0.2: another host than the target servers' 127.0.0.1, so that the rule "no
 * breadcrumbs for the DSN's host" leaves the targets alone. Keeps every envelope, gunzipped, and
 * answers 200 to every request (envelopes and anything else sent to its host).
 */
final class SentryStandIn implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ExecutorService threads = Executors.newCachedThreadPool(task -> {
    Thread thread = new Thread(task, "sentry-stand-in");
    thread.setDaemon(true);
    return thread;
  });
  private final HttpServer server;
  private final List<String> envelopes = new CopyOnWriteArrayList<>();

  SentryStandIn() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0), 0);
    server.setExecutor(threads);
    server.createContext("/", this::handle);
    server.start();
  }

  String dsn() {
    return "http://public@127.0.0.2:" + server.getAddress().getPort() + "/42";
  }

  /** A URL on the DSN's host that is not the envelope endpoint. */
  String otherUrl() {
    return "http://127.0.0.2:" + server.getAddress().getPort() + "/not-an-envelope";
  }

  /**
   * Returns the event whose payload contains a marker. Call after {@code Sentry.flush}, which
   * returns once the envelope has been answered.
   */
  JsonNode event(String marker) throws IOException {
    for (String envelope : envelopes) {
      for (String line : envelope.split("\n")) {
        if (line.contains(marker) && line.contains("\"event_id\"") && line.contains("\"platform\"")) {
          return JSON.readTree(line);
        }
      }
    }
    throw new AssertionError("no event containing " + marker + " among " + envelopes.size() + " envelopes");
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (InputStream body = exchange.getRequestBody()) {
      boolean gzip = "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"));
      byte[] bytes = (gzip ? new GZIPInputStream(body) : body).readAllBytes();
      if (exchange.getRequestURI().getPath().endsWith("/envelope/")) {
        envelopes.add(new String(bytes, StandardCharsets.UTF_8));
      }
    }
    byte[] reply = "{}".getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, reply.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(reply);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
