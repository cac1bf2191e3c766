package sentry.benchmarks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;

/**
 * Stands in for Sentry: an in-process {@link HttpServer} on 127.0.0.1 that answers every envelope
 * with 200, optionally after a fixed delay, and counts the event items it received. Both SDKs
 * send gzipped envelopes; the server unzips each one and reads only the item headers, so that its
 * own cost per event is small and the same for both. Thread-safe.
 */
final class LoopbackServer implements AutoCloseable {
  private static final byte[] OK = "{}".getBytes(StandardCharsets.US_ASCII);

  static {
    // The JDK's server writes a response's headers and body as two segments; without TCP_NODELAY
    // the body waits for the client's delayed ACK, up to 40 ms per request on a kept-alive
    // connection (a new connection per request escapes it through TCP's quick-ACK start).
    // Sentry's servers send without that delay; read once, when the first server is made.
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  private final HttpServer server;
  private final ExecutorService handlers;
  private final long delayMillis;
  private final AtomicLong events = new AtomicLong();
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong wireBytes = new AtomicLong();
  private final AtomicLong envelopeBytes = new AtomicLong();
  private final AtomicLong firstEventNanos = new AtomicLong();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger maxInFlight = new AtomicInteger();

  private LoopbackServer(Duration delay) throws IOException {
    this.delayMillis = delay.toMillis();
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
    // Enough handler threads that a slow server still takes every request an SDK sends at once.
    this.handlers = Executors.newCachedThreadPool(runnable -> {
      Thread thread = new Thread(runnable, "loopback-server");
      thread.setDaemon(true);
      return thread;
    });
    server.setExecutor(handlers);
    server.createContext("/", this::handle);
    server.start();
  }

  /**
   * Starts a server that answers at once.
   *
   * @return the started server
   * @throws IOException if it cannot bind
   */
  static LoopbackServer fast() throws IOException {
    return new LoopbackServer(Duration.ZERO);
  }

  /**
   * Starts a server that waits before it answers each request.
   *
   * @param delay how long each request takes
   * @return the started server
   * @throws IOException if it cannot bind
   */
  static LoopbackServer slow(Duration delay) throws IOException {
    return new LoopbackServer(delay);
  }

  /**
   * Returns a DSN for this server: the same shape for both SDKs.
   *
   * @return {@code http://<key>@127.0.0.1:<port>/<project>}
   */
  String dsn() {
    return "http://0123456789abcdef0123456789abcdef@127.0.0.1:" + server.getAddress().getPort() + "/42";
  }

  /** Returns how many event items arrived so far. */
  long events() {
    return events.get();
  }

  /** Returns how many requests arrived so far. */
  long requests() {
    return requests.get();
  }

  /** Returns the request bytes received as sent (gzipped). */
  long wireBytes() {
    return wireBytes.get();
  }

  /** Returns the envelope bytes received, unzipped. */
  long envelopeBytes() {
    return envelopeBytes.get();
  }

  /** Returns {@link System#nanoTime()} when the first event arrived, or 0 if none has. */
  long firstEventNanos() {
    return firstEventNanos.get();
  }

  /** Returns the most requests this server handled at the same time. */
  int maxConcurrentRequests() {
    return maxInFlight.get();
  }

  /** Forgets what arrived so far. */
  void reset() {
    events.set(0);
    requests.set(0);
    wireBytes.set(0);
    envelopeBytes.set(0);
    firstEventNanos.set(0);
    maxInFlight.set(0);
  }

  /**
   * Waits until at least {@code count} events arrived or the timeout passed.
   *
   * @return true if they arrived
   */
  boolean awaitEvents(long count, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (events.get() < count) {
      if (System.nanoTime() >= deadline) {
        return false;
      }
      Thread.sleep(1);
    }
    return true;
  }

  private void handle(HttpExchange exchange) throws IOException {
    int now = inFlight.incrementAndGet();
    maxInFlight.accumulateAndGet(now, Math::max);
    try (exchange) {
      byte[] body = readBody(exchange);
      requests.incrementAndGet();
      envelopeBytes.addAndGet(body.length);
      dump(body);
      int count = countEvents(body);
      if (count > 0) {
        firstEventNanos.compareAndSet(0, System.nanoTime());
        events.addAndGet(count);
      }
      if (delayMillis > 0) {
        Thread.sleep(delayMillis);
      }
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, OK.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(OK);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      inFlight.decrementAndGet();
    }
  }

  private byte[] readBody(HttpExchange exchange) throws IOException {
    boolean gzip = "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"));
    try (InputStream raw = new CountingInputStream(exchange.getRequestBody(), wireBytes);
        InputStream in = gzip ? new GZIPInputStream(raw, 8192) : raw) {
      ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
      in.transferTo(out);
      return out.toByteArray();
    }
  }

  /** With {@code -Dbench.dump=DIR}, keeps each envelope as a file there, for looking at by hand. */
  private void dump(byte[] body) throws IOException {
    String dir = System.getProperty("bench.dump");
    if (dir != null) {
      java.nio.file.Files.write(java.nio.file.Path.of(dir, "envelope-" + requests.get() + ".txt"), body);
    }
  }

  /** Counts the bytes read through it. */
  private static final class CountingInputStream extends java.io.FilterInputStream {
    private final AtomicLong count;

    CountingInputStream(InputStream in, AtomicLong count) {
      super(in);
      this.count = count;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count.incrementAndGet();
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      if (n > 0) {
        count.addAndGet(n);
      }
      return n;
    }
  }

  /**
   * Counts the items of type {@code event} in an envelope: a header line, then per item a header
   * line and a payload of {@code length} bytes (or up to the next newline without one).
   */
  static int countEvents(byte[] envelope) {
    int position = nextLine(envelope, 0);
    int count = 0;
    while (position < envelope.length) {
      int end = lineEnd(envelope, position);
      String header = new String(envelope, position, end - position, StandardCharsets.UTF_8);
      if (header.isBlank()) {
        position = end + 1;
        continue;
      }
      if (header.contains("\"type\":\"event\"")) {
        count++;
      }
      long length = lengthOf(header);
      position = length >= 0 ? (int) Math.min(envelope.length, end + 1 + length + 1) : nextLine(envelope, end + 1);
    }
    return count;
  }

  private static long lengthOf(String header) {
    int at = header.indexOf("\"length\":");
    if (at < 0) {
      return -1;
    }
    int i = at + "\"length\":".length();
    long value = 0;
    boolean digits = false;
    while (i < header.length() && Character.isDigit(header.charAt(i))) {
      value = value * 10 + (header.charAt(i++) - '0');
      digits = true;
    }
    return digits ? value : -1;
  }

  private static int lineEnd(byte[] bytes, int from) {
    int i = from;
    while (i < bytes.length && bytes[i] != '\n') {
      i++;
    }
    return i;
  }

  private static int nextLine(byte[] bytes, int from) {
    return Math.min(bytes.length, lineEnd(bytes, from) + 1);
  }

  @Override
  public void close() {
    server.stop(0);
    handlers.shutdownNow();
    try {
      handlers.awaitTermination(1, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
