package sentry.integration.threading;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;

/** A stand-in for Sentry on 127.0.0.1 that keeps the event payloads of the envelopes it gets. */
final class TestReceiver implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final List<JsonNode> events = new CopyOnWriteArrayList<>();

  private TestReceiver(HttpServer server) {
    this.server = server;
  }

  static TestReceiver start() throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    TestReceiver receiver = new TestReceiver(server);
    server.createContext("/api/42/envelope/", receiver::handle);
    server.start();
    return receiver;
  }

  String dsn() {
    return "http://public-key@127.0.0.1:" + server.getAddress().getPort() + "/42";
  }

  /** The event payloads received so far, in order of arrival. */
  List<JsonNode> events() {
    return List.copyOf(events);
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private void handle(HttpExchange exchange) throws IOException {
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      boolean gzip = "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"));
      body = (gzip ? new GZIPInputStream(in) : in).readAllBytes();
    }
    // Kept before answering, so that once the SDK's flush returns the test sees the event.
    events.addAll(eventsOf(body));
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    byte[] reply = "{}".getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(200, reply.length);
    exchange.getResponseBody().write(reply);
    exchange.close();
  }

  /** Reads an envelope: a header line, then items of a header line and {@code length} bytes. */
  static List<JsonNode> eventsOf(byte[] envelope) throws IOException {
    List<JsonNode> found = new ArrayList<>();
    int position = endOfLine(envelope, 0) + 1;
    while (position < envelope.length) {
      int end = endOfLine(envelope, position);
      JsonNode header = JSON.readTree(Arrays.copyOfRange(envelope, position, end));
      int length = header.path("length").asInt();
      byte[] payload = Arrays.copyOfRange(envelope, end + 1, end + 1 + length);
      if ("event".equals(header.path("type").asText())) {
        found.add(JSON.readTree(payload));
      }
      position = end + 1 + length + 1;
    }
    return found;
  }

  private static int endOfLine(byte[] bytes, int from) {
    for (int i = from; i < bytes.length; i++) {
      if (bytes[i] == '\n') {
        return i;
      }
    }
    return bytes.length;
  }
}
