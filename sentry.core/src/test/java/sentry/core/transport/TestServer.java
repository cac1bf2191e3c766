package sentry.core.transport;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;

/**
 * A small real HTTP/1.1 server on the loopback interface, for transport tests: keep-alive,
 * Content-Length and chunked request bodies, and replies that misbehave on purpose (close, reset,
 * never answer). Written on plain sockets because the patched test module cannot read
 * {@code jdk.httpserver}.
 */
public final class TestServer implements AutoCloseable {
  /** A request as the server saw it. */
  public record Request(String method, String target, Map<String, String> headers, byte[] body, int remotePort) {
    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  /** What to do with a request. */
  public record Reply(int status, Map<String, String> headers, Kind kind) {
    public enum Kind { RESPOND, CLOSE, RESET, HANG }

    public static Reply status(int status, String... headerPairs) {
      Map<String, String> headers = new TreeMap<>();
      for (int i = 0; i + 1 < headerPairs.length; i += 2) {
        headers.put(headerPairs[i], headerPairs[i + 1]);
      }
      return new Reply(status, headers, Kind.RESPOND);
    }

    public static Reply close() {
      return new Reply(0, Map.of(), Kind.CLOSE);
    }

    public static Reply reset() {
      return new Reply(0, Map.of(), Kind.RESET);
    }

    public static Reply hang() {
      return new Reply(0, Map.of(), Kind.HANG);
    }
  }

  /** Answers requests; may block (on the connection's own thread). */
  public interface Handler {
    Reply handle(Request request) throws Exception;
  }

  private final ServerSocket server;
  private final Handler handler;
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private final List<Thread> threads = new CopyOnWriteArrayList<>();
  private final AtomicInteger active = new AtomicInteger();
  private final AtomicInteger maxActive = new AtomicInteger();
  private final CountDownLatch stopping = new CountDownLatch(1);
  private final String scheme;

  private TestServer(ServerSocket server, Handler handler, String scheme) {
    this.server = server;
    this.handler = handler;
    this.scheme = scheme;
    spawn("test-server-accept", this::acceptLoop);
  }

  public static TestServer start(Handler handler) throws IOException {
    return new TestServer(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), handler, "http");
  }

  public static TestServer startTls(Handler handler, SSLContext context, InetAddress address) throws IOException {
    return new TestServer(context.getServerSocketFactory().createServerSocket(0, 50, address), handler, "https");
  }

  public int port() {
    return server.getLocalPort();
  }

  /** The envelope endpoint of project 42 on this server, by IP address. */
  public URI endpoint() {
    return endpoint("127.0.0.1");
  }

  public URI endpoint(String host) {
    return URI.create(scheme + "://" + host + ":" + port() + "/api/42/envelope/");
  }

  public List<Request> requests() {
    return List.copyOf(requests);
  }

  public Set<Integer> remotePorts() {
    return requests.stream().map(Request::remotePort).collect(Collectors.toSet());
  }

  public int maxConcurrent() {
    return maxActive.get();
  }

  /** Waits until the server has read {@code count} requests. */
  public boolean awaitRequests(int count, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (requests.size() < count) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(5);
    }
    return true;
  }

  @Override
  public void close() throws IOException {
    stopping.countDown();
    server.close();
    for (Socket socket : sockets) {
      socket.close();
    }
    try {
      for (Thread thread : threads) {
        thread.join(TimeUnit.SECONDS.toMillis(5));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void acceptLoop() {
    try {
      while (true) {
        Socket socket = server.accept();
        sockets.add(socket);
        spawn("test-server-connection", () -> serve(socket));
      }
    } catch (IOException closed) {
      // close() closed the server socket.
    }
  }

  private void serve(Socket socket) {
    try (socket) {
      InputStream in = new BufferedInputStream(socket.getInputStream());
      OutputStream out = socket.getOutputStream();
      while (true) {
        Request request = read(in, out, socket.getPort());
        if (request == null) {
          return;
        }
        requests.add(request);
        Reply reply = handle(request);
        switch (reply.kind()) {
          case CLOSE:
            return;
          case RESET:
            socket.setSoLinger(true, 0);
            return;
          case HANG:
            stopping.await();
            return;
          default:
            write(out, reply);
            if ("close".equalsIgnoreCase(request.header("Connection"))) {
              return;
            }
        }
      }
    } catch (IOException | InterruptedException e) {
      // The client went away, or the test is over.
    } finally {
      sockets.remove(socket);
    }
  }

  private Reply handle(Request request) throws InterruptedException {
    maxActive.accumulateAndGet(active.incrementAndGet(), Math::max);
    try {
      return handler.handle(request);
    } catch (InterruptedException e) {
      throw e;
    } catch (Exception e) {
      return Reply.status(599, "X-Test-Failure", e.toString());
    } finally {
      active.decrementAndGet();
    }
  }

  public static Request read(InputStream in, OutputStream out, int remotePort) throws IOException {
    String requestLine = readLine(in);
    if (requestLine == null || requestLine.isEmpty()) {
      return null;
    }
    Map<String, String> headers = readHeaders(in);
    String[] parts = requestLine.split(" ");
    if ("100-continue".equalsIgnoreCase(headers.get("expect"))) {
      out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
    }
    byte[] body;
    if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      body = readChunked(in);
    } else {
      int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
      body = in.readNBytes(length);
    }
    return new Request(parts[0], parts.length > 1 ? parts[1] : "", headers, body, remotePort);
  }

  public static Map<String, String> readHeaders(InputStream in) throws IOException {
    Map<String, String> headers = new TreeMap<>();
    String line;
    while ((line = readLine(in)) != null && !line.isEmpty()) {
      int colon = line.indexOf(':');
      headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
    }
    return headers;
  }

  public static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != -1 && b != '\n') {
      if (b != '\r') {
        line.write(b);
      }
    }
    return b == -1 && line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
  }

  private static byte[] readChunked(InputStream in) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      int size = Integer.parseInt(readLine(in).split(";")[0].trim(), 16);
      if (size == 0) {
        readHeaders(in);
        return body.toByteArray();
      }
      body.write(in.readNBytes(size));
      readLine(in);
    }
  }

  private static void write(OutputStream out, Reply reply) throws IOException {
    byte[] body = "{\"id\":\"0123456789abcdef0123456789abcdef\"}".getBytes(StandardCharsets.UTF_8);
    StringBuilder head = new StringBuilder("HTTP/1.1 ").append(reply.status()).append(" Test\r\n");
    List<String> lines = new ArrayList<>();
    reply.headers().forEach((name, value) -> lines.add(name + ": " + value));
    lines.add("Content-Type: application/json");
    lines.add("Content-Length: " + body.length);
    for (String line : lines) {
      head.append(line).append("\r\n");
    }
    head.append("\r\n");
    out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
    out.write(body);
    out.flush();
  }

  private void spawn(String name, Runnable task) {
    Thread thread = new Thread(task, name);
    thread.setDaemon(true);
    threads.add(thread);
    thread.start();
  }
}
