package sentry.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;

/**
 * A stand-in for Sentry on a loopback address ({@code 127.0.0.1} unless chosen) and a free port.
 * It records every request, headers and body, the body gunzipped when it came with {@code
 * Content-Encoding: gzip}, and only then answers it: with 200 and {@code {}}, with another status
 * and no body ({@link #answering(int)}), or never until it is closed ({@link #hanging()}). So a
 * request the client saw answered is already recorded. Close it after the test.
 *
 * <p>Thread-safe. The {@code await} methods wait for requests until a deadline, woken by each
 * arrival; they fail the test with what arrived when the deadline passes.
 */
public final class Receiver implements AutoCloseable {
  /** The public key of the DSNs it hands out. */
  public static final String PUBLIC_KEY = "publickey0123";
  /** The project id of the DSNs it hands out. */
  public static final String PROJECT_ID = "42";

  private static final int NEVER = 0;

  private final HttpServer server;
  private final ExecutorService executor;
  private final String host;
  private final int status;
  private final CountDownLatch closed = new CountDownLatch(1);
  private final List<Request> requests = new ArrayList<>(); // guarded by this

  private Receiver(String host, int status) {
    this.host = host;
    this.status = status;
    this.executor = Executors.newCachedThreadPool(task -> {
      Thread thread = new Thread(task, "receiver");
      thread.setDaemon(true);
      return thread;
    });
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(host), 0), 0);
    } catch (IOException e) {
      executor.shutdownNow();
      throw new UncheckedIOException("cannot start the receiver on " + host, e);
    }
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  /**
   * Starts a receiver on 127.0.0.1 that answers every request with 200.
   *
   * @return the running receiver
   */
  public static Receiver start() {
    return new Receiver("127.0.0.1", 200);
  }

  /**
   * Starts a receiver on 127.0.0.1 that answers every request with a status, such as 200 or 500.
   *
   * @param status the HTTP status of every answer
   * @return the running receiver
   */
  public static Receiver answering(int status) {
    if (status < 100 || status > 599) {
      throw new IllegalArgumentException("status " + status + " is not an HTTP status: expected 100 to 599");
    }
    return new Receiver("127.0.0.1", status);
  }

  /**
   * Starts a receiver on 127.0.0.1 that records each request and never answers it: a server that
   * hangs, until the receiver is closed.
   *
   * @return the running receiver
   */
  public static Receiver hanging() {
    return new Receiver("127.0.0.1", NEVER);
  }

  /**
   * Starts a receiver that answers every request with 200 on another loopback address, such as
   * {@code 127.0.0.2}: another host than servers on 127.0.0.1.
   *
   * @param loopbackAddress the address to listen on
   * @return the running receiver
   */
  public static Receiver on(String loopbackAddress) {
    return new Receiver(loopbackAddress, 200);
  }

  /**
   * Returns a DSN whose port nothing listens on: a Sentry that is down.
   *
   * @return the DSN of a receiver that was started and closed
   */
  public static String unreachableDsn() {
    try (Receiver gone = start()) {
      return gone.dsn();
    }
  }

  /**
   * Returns the path the SDK must post envelopes to.
   *
   * @return {@code /api/42/envelope/}
   */
  public static String envelopePath() {
    return "/api/" + PROJECT_ID + "/envelope/";
  }

  /**
   * Returns the port it listens on.
   *
   * @return the port
   */
  public int port() {
    return server.getAddress().getPort();
  }

  /**
   * Returns a DSN that points here, without a secret.
   *
   * @return the DSN
   */
  public String dsn() {
    return "http://" + PUBLIC_KEY + "@" + host + ":" + port() + "/" + PROJECT_ID;
  }

  /**
   * Returns a DSN that points here, with a secret.
   *
   * @param secret the secret key
   * @return the DSN
   */
  public String dsnWithSecret(String secret) {
    return "http://" + PUBLIC_KEY + ":" + secret + "@" + host + ":" + port() + "/" + PROJECT_ID;
  }

  /**
   * Returns a URL on this receiver's host and port.
   *
   * @param pathAndQuery such as {@code /not-an-envelope}
   * @return the URL
   */
  public String url(String pathAndQuery) {
    return "http://" + host + ":" + port() + pathAndQuery;
  }

  /**
   * Returns a copy of the requests received so far, in order of arrival.
   *
   * @return the requests
   */
  public synchronized List<Request> requests() {
    return List.copyOf(requests);
  }

  /**
   * Returns the envelopes received so far: the requests to {@link #envelopePath()}, parsed.
   *
   * @return the envelopes, in order of arrival
   * @throws AssertionError when one is not a well-formed, decodable envelope
   */
  public List<Envelope> envelopes() {
    return envelopes(requests());
  }

  /**
   * Returns the events received so far, in order of arrival.
   *
   * @return the payloads of the event items of every envelope
   * @throws AssertionError when an envelope or an event is malformed
   */
  public List<JsonNode> events() {
    return events(envelopes());
  }

  /**
   * Returns when the first request arrived.
   *
   * @return {@link System#nanoTime()} when its body had been read
   * @throws AssertionError when no request has arrived
   */
  public synchronized long firstArrivalNanos() {
    if (requests.isEmpty()) {
      throw new AssertionError("no request has arrived");
    }
    return requests.get(0).arrivalNanos();
  }

  /**
   * Waits until the requests received so far satisfy a condition, until a deadline.
   *
   * @param what the condition, for the failure message
   * @param condition tested on every new copy of the requests
   * @param timeout how long to wait at most
   * @return the requests that satisfied it
   * @throws AssertionError when the deadline passes first
   */
  public List<Request> await(String what, Predicate<List<Request>> condition, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (this) {
      while (!condition.test(List.copyOf(requests))) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError("timed out after " + timeout + " waiting for " + what
              + "; received " + requests.size() + " request(s): " + requests);
        }
        try {
          wait(Math.max(1, left / 1_000_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError("interrupted while waiting for " + what, e);
        }
      }
      return List.copyOf(requests);
    }
  }

  /**
   * Waits until at least {@code count} envelopes have arrived.
   *
   * @param count how many
   * @param timeout how long to wait at most
   * @return every envelope received, at least {@code count}
   * @throws AssertionError when the deadline passes first
   */
  public List<Envelope> awaitEnvelopes(int count, Duration timeout) {
    return envelopes(await(count + " envelope(s)", r -> envelopes(r).size() >= count, timeout));
  }

  /**
   * Waits until at least {@code count} events have arrived.
   *
   * @param count how many
   * @param timeout how long to wait at most
   * @return every event received, at least {@code count}
   * @throws AssertionError when the deadline passes first
   */
  public List<JsonNode> awaitEvents(int count, Duration timeout) {
    return events(envelopes(await(count + " event(s)", r -> events(envelopes(r)).size() >= count, timeout)));
  }

  /** Stops listening, and lets every request it holds unanswered go. */
  @Override
  public void close() {
    closed.countDown();
    server.stop(0);
    executor.shutdownNow();
  }

  private static List<Envelope> envelopes(List<Request> requests) {
    return requests.stream().filter(Request::isEnvelope).map(Request::envelope).toList();
  }

  private static List<JsonNode> events(List<Envelope> envelopes) {
    return envelopes.stream().flatMap(envelope -> envelope.events().stream()).toList();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try {
      byte[] raw;
      try (InputStream in = exchange.getRequestBody()) {
        raw = in.readAllBytes();
      }
      long arrivalNanos = System.nanoTime();
      Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, String.join(", ", values)));
      byte[] body = raw;
      String decodeError = null;
      if ("gzip".equalsIgnoreCase(headers.getOrDefault("Content-Encoding", ""))) {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
          body = in.readAllBytes();
        } catch (IOException e) {
          decodeError = e.toString();
        }
      }
      synchronized (this) {
        requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
            headers, raw.length, body, decodeError, arrivalNanos));
        notifyAll();
      }
      if (status == NEVER) {
        try {
          closed.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return;
      }
      answer(exchange);
    } finally {
      exchange.close();
    }
  }

  private void answer(HttpExchange exchange) throws IOException {
    if (status != 200) {
      exchange.sendResponseHeaders(status, -1);
      return;
    }
    byte[] reply = "{}".getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, reply.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(reply);
    }
  }

  /**
   * One request as it arrived.
   *
   * @param method the method
   * @param uri the path and query
   * @param headers the headers, names case-insensitive, repeated values joined with ", "
   * @param wireBytes the length of the body as sent
   * @param body the body, gunzipped when it was gzip-encoded
   * @param decodeError why gunzipping failed, or null
   * @param arrivalNanos {@link System#nanoTime()} when its body had been read
   */
  public record Request(String method, String uri, Map<String, String> headers, int wireBytes, byte[] body,
      String decodeError, long arrivalNanos) {
    /**
     * Returns a header.
     *
     * @param name the header name, in any case
     * @return its value, or null
     */
    public String header(String name) {
      return headers.get(name);
    }

    /**
     * Tells whether it was sent to the envelope endpoint, {@link Receiver#envelopePath()}.
     *
     * @return true for an envelope request
     */
    public boolean isEnvelope() {
      return URI.create(uri).getPath().equals(envelopePath());
    }

    /**
     * Parses the body as an envelope.
     *
     * @return the envelope
     * @throws AssertionError when the body could not be gunzipped or is not a well-formed envelope
     */
    public Envelope envelope() {
      if (decodeError != null) {
        throw new AssertionError("the body of " + this + " could not be gunzipped");
      }
      return Envelope.parse(body);
    }

    /**
     * Returns the body as UTF-8 text.
     *
     * @return the (gunzipped) body
     */
    public String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
      return method + " " + uri + " " + headers.keySet().stream().map(k -> k.toLowerCase(Locale.ROOT)).toList()
          + " " + body.length + " bytes" + (decodeError == null ? "" : " (not gzip: " + decodeError + ")");
    }
  }
}
