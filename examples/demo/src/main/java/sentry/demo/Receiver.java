package sentry.demo;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;

/**
 * A stand-in for Sentry on 127.0.0.1: takes envelopes, prints a short summary of each event, and
 * with the system property {@code sentry.demo.out} set also writes each envelope there.
 */
final class Receiver {
  private static final JsonFactory JSON = new JsonFactory();

  private final HttpServer server;
  private final AtomicInteger events = new AtomicInteger();
  private final Semaphore arrived = new Semaphore(0);

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
    return "http://demo-public-key@127.0.0.1:" + server.getAddress().getPort() + "/1";
  }

  int count() {
    return events.get();
  }

  void awaitEvents(int count, Duration timeout) throws InterruptedException {
    if (arrived.tryAcquire(count, timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      arrived.release(count);
    }
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
    save(body);
    String[] lines = new String(body, StandardCharsets.UTF_8).split("\n");
    for (int i = 1; i + 1 < lines.length; i += 2) {
      Map<String, Object> header = parse(lines[i]);
      if ("event".equals(header.get("type"))) {
        System.out.println(summary(parse(lines[i + 1])));
        events.incrementAndGet();
        arrived.release();
      }
    }
  }

  private void save(byte[] body) throws IOException {
    String out = System.getProperty("sentry.demo.out");
    if (out != null) {
      Path dir = Files.createDirectories(Path.of(out));
      Files.write(dir.resolve(String.format("%04d.envelope", events.get() + 1)), body);
    }
  }

  @SuppressWarnings("unchecked")
  static String summary(Map<String, Object> event) {
    StringBuilder text = new StringBuilder();
    text.append("--- event ").append(event.get("event_id"))
        .append("  level=").append(event.getOrDefault("level", "error"))
        .append("  release=").append(event.get("release"))
        .append("  environment=").append(event.get("environment")).append('\n');
    Map<String, Object> exception = (Map<String, Object>) event.get("exception");
    if (exception != null) {
      List<Object> values = (List<Object>) exception.get("values");
      for (int i = values.size() - 1; i >= 0; i--) {
        Map<String, Object> value = (Map<String, Object>) values.get(i);
        List<Object> frames = (List<Object>) ((Map<String, Object>) value.get("stacktrace")).get("frames");
        text.append(i == values.size() - 1 ? "  exception: " : "    caused by: ")
            .append(value.get("module")).append('.').append(value.get("type")).append(": ")
            .append(value.get("value")).append("  (").append(frames.size()).append(" frames)\n");
      }
    }
    Map<String, Object> logentry = (Map<String, Object>) event.get("logentry");
    if (logentry != null) {
      text.append("  message: ").append(logentry.get("formatted")).append('\n');
    }
    text.append("  tags: ").append(event.get("tags")).append('\n');
    text.append("  user: ").append(event.get("user")).append('\n');
    Map<String, Object> crumbs = (Map<String, Object>) event.get("breadcrumbs");
    List<Object> crumbList = crumbs == null ? List.of() : (List<Object>) crumbs.get("values");
    text.append("  breadcrumbs: ").append(crumbList.size());
    for (Object crumb : crumbList) {
      text.append("\n    - ").append(((Map<String, Object>) crumb).get("message"));
    }
    Map<String, Object> sdk = (Map<String, Object>) event.get("sdk");
    text.append("\n  sdk: ").append(sdk.get("name")).append(' ').append(sdk.get("version"))
        .append(", integrations ").append(sdk.getOrDefault("integrations", List.of()));
    Map<String, Object> contexts = (Map<String, Object>) event.get("contexts");
    if (contexts != null) {
      text.append("\n  contexts: ").append(contexts.keySet());
    }
    return text.toString();
  }

  static Map<String, Object> parse(String json) throws IOException {
    try (JsonParser parser = JSON.createParser(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)))) {
      parser.nextToken();
      @SuppressWarnings("unchecked")
      Map<String, Object> value = (Map<String, Object>) read(parser);
      return value;
    }
  }

  private static Object read(JsonParser parser) throws IOException {
    JsonToken token = parser.currentToken();
    switch (token) {
      case START_OBJECT: {
        Map<String, Object> map = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String name = parser.currentName();
          parser.nextToken();
          map.put(name, read(parser));
        }
        return map;
      }
      case START_ARRAY: {
        List<Object> list = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          list.add(read(parser));
        }
        return list;
      }
      case VALUE_STRING:
        return parser.getText();
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
        return parser.getNumberValue();
      case VALUE_TRUE:
      case VALUE_FALSE:
        return parser.getBooleanValue();
      default:
        return null;
    }
  }
}
