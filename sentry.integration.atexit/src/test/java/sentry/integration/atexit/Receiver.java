package sentry.integration.atexit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;

/**
 * A Sentry stand-in on 127.0.0.1: records each envelope it receives (gunzipped), and either
 * answers 200 at once or never answers until it is closed.
 */
final class Receiver implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService threads;
  private final boolean answer;
  private final List<String> envelopes = new CopyOnWriteArrayList<>();
  private final CountDownLatch closing = new CountDownLatch(1);
  private final AtomicLong firstArrival = new AtomicLong();

  private Receiver(boolean answer) throws IOException {
    this.answer = answer;
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

  /** A receiver that answers every envelope with 200. */
  static Receiver answering() throws IOException {
    return new Receiver(true);
  }

  /** A receiver that reads each envelope and then never answers. */
  static Receiver hanging() throws IOException {
    return new Receiver(false);
  }

  String dsn() {
    return "http://public@127.0.0.1:" + server.getAddress().getPort() + "/42";
  }

  List<String> envelopes() {
    return List.copyOf(envelopes);
  }

  /** Waits until at least {@code count} envelopes have arrived; returns them all. */
  List<String> await(int count, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (envelopes.size() < count && System.nanoTime() < deadline) {
      TimeUnit.MILLISECONDS.sleep(10);
    }
    return envelopes();
  }

  /** When the first envelope arrived, by {@link System#nanoTime()}; 0 before that. */
  long firstArrivalNanos() {
    return firstArrival.get();
  }

  /** The event payload of an envelope: its third line. */
  static String event(String envelope) {
    String[] lines = envelope.split("\n");
    return lines.length > 2 ? lines[2] : "";
  }

  private void handle(HttpExchange exchange) throws IOException {
    firstArrival.compareAndSet(0, System.nanoTime());
    try (InputStream body = exchange.getRequestBody()) {
      boolean gzip = "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"));
      byte[] bytes = (gzip ? new GZIPInputStream(body) : body).readAllBytes();
      envelopes.add(new String(bytes, StandardCharsets.UTF_8));
    }
    if (!answer) {
      try {
        closing.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      exchange.close();
      return;
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
    closing.countDown();
    server.stop(0);
    threads.shutdownNow();
  }
}
