package sentry.tests;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
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
 * A stand-in for Sentry on 127.0.0.1 and a free port: it records every request, headers and body,
 * the body gunzipped when it came with {@code Content-Encoding: gzip}, and then answers it with 200,
 * so a request the client saw answered is already recorded. A {@link #hanging()} receiver records
 * and never answers. Close it after the test.
 */
final class Receiver implements AutoCloseable {
  /** The public key of the DSNs the tests hand out. */
  static final String PUBLIC_KEY = "publickey0123";
  /** The project id of the DSNs the tests hand out. */
  static final String PROJECT_ID = "42";

  private final HttpServer server;
  private final ExecutorService executor;
  private final boolean answers;
  private final CountDownLatch closed = new CountDownLatch(1);
  private final List<Request> requests = new ArrayList<>();

  private Receiver(HttpServer server, ExecutorService executor, boolean answers) {
    this.server = server;
    this.executor = executor;
    this.answers = answers;
  }

  /** Starts a receiver that answers every request with 200. */
  static Receiver start() {
    return start(true);
  }

  /**
   * Starts a receiver that records each request and never answers it: a server that hangs, until
   * the receiver is closed. It holds two requests at a time; more wait for a connection.
   */
  static Receiver hanging() {
    return start(false);
  }

  private static Receiver start(boolean answers) {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
        Thread thread = new Thread(r, "receiver");
        thread.setDaemon(true);
        return thread;
      });
      Receiver receiver = new Receiver(server, executor, answers);
      server.createContext("/", receiver::handle);
      server.setExecutor(executor);
      server.start();
      return receiver;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the receiver", e);
    }
  }

  /** Returns the port it listens on. */
  int port() {
    return server.getAddress().getPort();
  }

  /** Returns a DSN that points here, without a secret. */
  String dsn() {
    return "http://" + PUBLIC_KEY + "@127.0.0.1:" + port() + "/" + PROJECT_ID;
  }

  /** Returns a DSN that points here, with a secret. */
  String dsnWithSecret(String secret) {
    return "http://" + PUBLIC_KEY + ":" + secret + "@127.0.0.1:" + port() + "/" + PROJECT_ID;
  }

  /** Returns the path the SDK must post envelopes to. */
  static String envelopePath() {
    return "/api/" + PROJECT_ID + "/envelope/";
  }

  /** Returns a copy of the requests received so far. */
  synchronized List<Request> requests() {
    return List.copyOf(requests);
  }

  /**
   * Waits until the requests received so far satisfy a condition, polling until a deadline.
   *
   * @param what the condition, for the failure message
   * @param condition tested on every new copy of the requests
   * @param timeout how long to wait at most
   * @return the requests that satisfied it
   */
  List<Request> await(String what, Predicate<List<Request>> condition, Duration timeout) {
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

  private void handle(HttpExchange exchange) throws IOException {
    try {
      byte[] raw = exchange.getRequestBody().readAllBytes();
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
      if (!answers) {
        try {
          closed.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return;
      }
      byte[] answer = "{}".getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, answer.length);
      exchange.getResponseBody().write(answer);
    } finally {
      exchange.close();
    }
  }

  @Override
  public void close() {
    closed.countDown();
    server.stop(0);
    executor.shutdownNow();
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
  record Request(String method, String uri, Map<String, String> headers, int wireBytes, byte[] body,
      String decodeError, long arrivalNanos) {
    /** Returns a header, or null. */
    String header(String name) {
      return headers.get(name);
    }

    /** Parses the body as an envelope. */
    Envelope envelope() {
      return Envelope.parse(body);
    }

    @Override
    public String toString() {
      return method + " " + uri + " " + headers.keySet().stream().map(k -> k.toLowerCase(Locale.ROOT)).toList()
          + " " + body.length + " bytes" + (decodeError == null ? "" : " (not gzip: " + decodeError + ")");
    }
  }
}
