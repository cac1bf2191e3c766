package sentry.webservice;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;

/**
 * A stand-in for Sentry on 127.0.0.1: takes envelopes and prints, as they went over the wire, the
 * {@code request} of each event and each {@code sessions} item.
 */
final class Receiver {
  private static final JsonFactory JSON = new JsonFactory();

  private final HttpServer server;
  private final AtomicInteger events = new AtomicInteger();
  private final AtomicInteger sessions = new AtomicInteger();
  private final CountDownLatch eventArrived = new CountDownLatch(1);
  private final CountDownLatch sessionsArrived = new CountDownLatch(1);

  private Receiver(HttpServer server) {
    this.server = server;
  }

  static Receiver start() throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    Receiver receiver = new Receiver(server);
    server.createContext("/api/1/envelope/", receiver::handle);
    server.start();
    return receiver;
  }

  String dsn() {
    return "http://example-public-key@127.0.0.1:" + server.getAddress().getPort() + "/1";
  }

  int events() {
    return events.get();
  }

  int sessions() {
    return sessions.get();
  }

  /** Waits for an event and a sessions item; tells whether both came. */
  boolean await(int eventCount, int sessionsCount, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    boolean event = eventCount == 0 || eventArrived.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    long left = Math.max(0, deadline - System.nanoTime());
    return event && (sessionsCount == 0 || sessionsArrived.await(left, TimeUnit.NANOSECONDS));
  }

  void stop() {
    server.stop(0);
  }

  private void handle(HttpExchange exchange) throws IOException {
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      boolean gzip = "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"));
      body = (gzip ? new GZIPInputStream(in) : in).readAllBytes();
    }
    exchange.sendResponseHeaders(200, -1);
    exchange.close();
    String[] lines = new String(body, StandardCharsets.UTF_8).split("\n");
    for (int i = 1; i + 1 < lines.length; i += 2) {
      String type = field(lines[i], "type");
      if ("event".equals(type)) {
        System.out.println("event " + field(lines[i + 1], "event_id") + " arrived with request:");
        System.out.println("  " + field(lines[i + 1], "request"));
        events.incrementAndGet();
        eventArrived.countDown();
      } else if ("sessions".equals(type)) {
        System.out.println("sessions item arrived:");
        System.out.println("  " + lines[i + 1]);
        sessions.incrementAndGet();
        sessionsArrived.countDown();
      }
    }
  }

  /** One top-level field of a JSON object, as compact JSON (strings without their quotes). */
  private static String field(String json, String name) throws IOException {
    try (JsonParser parser = JSON.createParser(json)) {
      parser.nextToken();
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        if (field.equals(name)) {
          if (value == JsonToken.VALUE_STRING) {
            return parser.getText();
          }
          StringWriter out = new StringWriter();
          try (JsonGenerator generator = JSON.createGenerator(out)) {
            generator.copyCurrentStructure(parser);
          }
          return out.toString();
        }
        parser.skipChildren();
      }
    }
    return null;
  }
}
