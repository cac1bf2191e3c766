package sentry.integration.stdlib;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The servers the tests send requests to, on 127.0.0.1: an HTTP server that answers by path
 * ({@code /ok} 200, {@code /missing} 404, {@code /broken} 500, anything else 200) and keeps the
 * headers of every request by path, and a server that accepts each connection and closes it
 * without a word.
 */
final class TargetServers implements AutoCloseable {
  private final ExecutorService threads = Executors.newCachedThreadPool(task -> {
    Thread thread = new Thread(task, "target-server");
    thread.setDaemon(true);
    return thread;
  });
  private final HttpServer http;
  private final ServerSocket dropping;
  private final Map<String, Headers> received = new ConcurrentHashMap<>();

  TargetServers() throws IOException {
    InetAddress loopback = InetAddress.getByName("127.0.0.1");
    http = HttpServer.create(new InetSocketAddress(loopback, 0), 0);
    http.setExecutor(threads);
    http.createContext("/", this::answer);
    http.start();
    dropping = new ServerSocket(0, 50, loopback);
    threads.execute(this::dropConnections);
  }

  /** A URL of the HTTP server, such as {@code http://127.0.0.1:4711/ok}. */
  String url(String pathAndQuery) {
    return "http://127.0.0.1:" + http.getAddress().getPort() + pathAndQuery;
  }

  int port() {
    return http.getAddress().getPort();
  }

  /** A URL of the server that drops every connection. */
  String droppingUrl(String pathAndQuery) {
    return "http://127.0.0.1:" + dropping.getLocalPort() + pathAndQuery;
  }

  /**
   * Returns the headers of the last request to a path, names in any case.
   *
   * @throws AssertionError when no request came to that path
   */
  Headers headers(String path) {
    Headers headers = received.get(path);
    if (headers == null) {
      throw new AssertionError("no request to " + path + " among " + received.keySet());
    }
    return headers;
  }

  private void answer(HttpExchange exchange) throws IOException {
    try (InputStream body = exchange.getRequestBody()) {
      body.readAllBytes();
    }
    String path = exchange.getRequestURI().getPath();
    Headers copy = new Headers();
    copy.putAll(exchange.getRequestHeaders());
    received.put(path, copy);
    int status = path.startsWith("/missing") ? 404 : path.startsWith("/broken") ? 500 : 200;
    byte[] reply = ("status " + status).getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, reply.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(reply);
    }
  }

  private void dropConnections() {
    while (!dropping.isClosed()) {
      try (Socket socket = dropping.accept()) {
        socket.setSoLinger(true, 0); // a reset, at once: the client sees the connection drop
      } catch (IOException e) {
        // closed, or a connection that went away first: go on until the socket is closed
      }
    }
  }

  @Override
  public void close() throws IOException {
    http.stop(0);
    dropping.close();
    threads.shutdownNow();
  }
}
