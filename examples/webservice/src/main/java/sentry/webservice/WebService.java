package sentry.webservice;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import sentry.api.Breadcrumb;
import sentry.api.Sentry;
import sentry.integration.httpserver.SentryHttpServerFilter;

/**
 * An order service on the JDK's HTTP server with Sentry's filter on its context: every request
 * runs in its own scope, and an exception a handler lets escape arrives with the request. It
 * calls itself twice (one good order, one that fails) and prints what reached Sentry. With {@code
 * SENTRY_DSN} set, events go there; without it, to a receiver started on 127.0.0.1.
 */
public final class WebService {
  private WebService() {}

  /**
   * Runs the service and its two requests.
   *
   * @param args none
   * @throws IOException if a server cannot start
   * @throws InterruptedException if interrupted while waiting
   */
  public static void main(String[] args) throws IOException, InterruptedException {
    String dsn = System.getenv("SENTRY_DSN");
    Receiver receiver = null;
    if (dsn == null || dsn.isBlank()) {
      receiver = Receiver.start();
      dsn = receiver.dsn();
      System.out.println("No SENTRY_DSN set: sending to an embedded receiver at " + dsn);
    }
    String target = dsn;
    Sentry.init(options -> {
      options.setDsn(target);
      options.setRelease("sentry-webservice@0.1.0");
      options.setEnvironment("example");
    });

    ExecutorService pool = Executors.newFixedThreadPool(2);
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(pool);
    // The one line: Sentry's filter on the context.
    server.createContext("/orders", WebService::order).getFilters().add(new SentryHttpServerFilter());
    server.start();
    String base = "http://127.0.0.1:" + server.getAddress().getPort();

    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    System.out.println("GET /orders/7 -> " + status(client, HttpRequest.newBuilder(URI.create(base + "/orders/7")).build()));
    System.out.println("POST /orders/13 -> " + status(client, HttpRequest.newBuilder(URI.create(base + "/orders/13?coupon=SPRING"))
        .header("Content-Type", "application/json").header("Authorization", "Bearer not-for-sentry")
        .POST(HttpRequest.BodyPublishers.ofString("{\"item\":\"teapot\",\"quantity\":2}")).build()));

    boolean flushed = Sentry.flush(Duration.ofSeconds(10));
    server.stop(0);
    pool.shutdown();
    Sentry.close();
    if (receiver != null) {
      boolean complete = receiver.await(1, 1, Duration.ofSeconds(10));
      receiver.stop();
      System.out.println(receiver.events() + " event(s), " + receiver.sessions() + " sessions item(s) received"
          + (flushed ? "" : " (flush timed out)"));
      if (!complete) {
        System.exit(1);
      }
    }
  }

  /** {@code /orders/<id>}: reads the body, answers, or fails for order 13. */
  private static void order(HttpExchange exchange) throws IOException {
    String id = exchange.getRequestURI().getPath().substring("/orders/".length());
    String body;
    try (InputStream in = exchange.getRequestBody()) {
      body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Sentry.setTag("order", id);
    Sentry.addBreadcrumb(new Breadcrumb("loaded order " + id).setCategory("db"));
    if (id.equals("13")) {
      throw new IllegalStateException("order 13 cannot be placed: " + body.length() + " bytes of order");
    }
    byte[] answer = ("{\"order\":\"" + id + "\",\"status\":\"shipped\"}").getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, answer.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(answer);
    }
  }

  private static String status(HttpClient client, HttpRequest request) throws InterruptedException {
    try {
      return Integer.toString(client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode());
    } catch (IOException e) {
      // The JDK's server closes the connection when a handler throws.
      return "no answer (" + e.getClass().getSimpleName() + ")";
    }
  }
}
