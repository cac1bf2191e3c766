package sentry.integration.logging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.GZIPInputStream;

/**
 * A Sentry stand-in on 127.0.0.1: keeps every envelope it receives (gunzipped) and answers each
 * with a chosen status.
 */
final class Receiver implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final ExecutorService threads;
  private final int status;
  private final List<String> envelopes = new CopyOnWriteArrayList<>();

  private Receiver(int status) throws IOException {
    this.status = status;
    this.threads = Executors.newCachedThreadPool(task -> {
      Thread thread = new Thread(task, "receiver");
      thread.setDaemon(true);
      return thread;
    });
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(threads);
    server.createContext("/", this::handle);
    server.start();
  }

  /** A receiver that answers every envelope with a status, such as 200 or 500. */
  static Receiver answering(int status) throws IOException {
    return new Receiver(status);
  }

  /** A DSN whose port nothing listens on: a Sentry that is down. */
  static String downDsn() throws IOException {
    Receiver gone = new Receiver(200);
    String dsn = gone.dsn();
    gone.close();
    return dsn;
  }

  String dsn() {
    return "http://public@127.0.0.1:" + server.getAddress().getPort() + "/42";
  }

  /** The envelopes received so far, as text. */
  List<String> envelopes() {
    return List.copyOf(envelopes);
  }

  /** The event payloads received so far, parsed. */
  List<JsonNode> events() {
    List<JsonNode> events = new ArrayList<>();
    for (String envelope : envelopes) {
      String[] lines = envelope.split("\n");
      for (int i = 1; i + 1 < lines.length; i += 2) {
        if (parse(lines[i]).path("type").asText().equals("event")) {
          events.add(parse(lines[i + 1]));
        }
      }
    }
    return events;
  }

  /** The events received so far whose {@code logger} is the given name. */
  List<JsonNode> eventsOf(String logger) {
    return events().stream().filter(event -> event.path("logger").asText().equals(logger)).toList();
  }

  static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (InputStream body = exchange.getRequestBody()) {
      boolean gzip = "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"));
      envelopes.add(new String((gzip ? new GZIPInputStream(body) : body).readAllBytes(), StandardCharsets.UTF_8));
    }
    exchange.sendResponseHeaders(status, -1);
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
