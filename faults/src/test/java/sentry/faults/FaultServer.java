package sentry.faults;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.zip.GZIPInputStream;
import sentry.testing.Envelope;

/**
 * A Sentry stand-in on 127.0.0.1 that fails on purpose, written on plain sockets so that it can do
 * what an HTTP server library will not: reset a connection halfway through a request body, accept
 * and never answer, go down and come back up on the same port. A {@link Policy} picks what to do
 * with each request by its number (1, 2, ...), before its body is read.
 *
 * <p>It keeps the server's side of the books: for every event id, the last answer it gave a
 * request carrying it, and the client-report counts of the requests it accepted (2xx).
 */
final class FaultServer implements AutoCloseable {
  /** What to do with a request. */
  record Action(Kind kind, int status, Map<String, String> headers, Duration delay) {
    enum Kind { ANSWER, HANG, RESET_MID_BODY, ENDLESS_BODY, SLOW_BYTES, HUGE_BODY }

    static Action answer(int status, String... headerPairs) {
      Map<String, String> headers = new LinkedHashMap<>();
      for (int i = 0; i + 1 < headerPairs.length; i += 2) {
        headers.put(headerPairs[i], headerPairs[i + 1]);
      }
      return new Action(Kind.ANSWER, status, headers, Duration.ZERO);
    }

    static Action hang() {
      return new Action(Kind.HANG, 0, Map.of(), Duration.ZERO);
    }

    static Action resetMidBody() {
      return new Action(Kind.RESET_MID_BODY, 0, Map.of(), Duration.ZERO);
    }

    /** A {@code 200} whose chunked body never ends: a small chunk every 10 ms. */
    static Action endlessBody() {
      return new Action(Kind.ENDLESS_BODY, 200, Map.of(), Duration.ZERO);
    }

    /** A whole {@code 200} answer, status line included, sent one byte a second. */
    static Action slowBytes() {
      return new Action(Kind.SLOW_BYTES, 200, Map.of(), Duration.ZERO);
    }

    /** A {@code 200} with a body of 1 GiB, sent as fast as the client reads it. */
    static Action hugeBody() {
      return new Action(Kind.HUGE_BODY, 200, Map.of(), Duration.ZERO);
    }

    /** The same answer, given after a delay. */
    Action after(Duration wait) {
      return new Action(kind, status, headers, wait);
    }

    String describe() {
      return kind == Kind.ANSWER ? String.valueOf(status) : kind.name().toLowerCase(Locale.ROOT);
    }

    /** Tells whether the client gets a 2xx status line at once (the body may still misbehave). */
    boolean accepts() {
      return (kind == Kind.ANSWER || kind == Kind.ENDLESS_BODY || kind == Kind.HUGE_BODY) && status / 100 == 2;
    }
  }

  /** Picks the action for the n-th request, counting from 1. */
  @FunctionalInterface
  interface Policy {
    Action decide(int requestNumber);
  }

  /** The last answer given for one event id, and how many requests carried it. */
  record Fate(String lastAnswer, int lastStatus, int requests, boolean everAccepted) {}

  private final Policy policy;
  private volatile int port;
  private final AtomicInteger requests = new AtomicInteger();
  /** Body bytes written in answers of {@link Action.Kind#ENDLESS_BODY} and {@link Action.Kind#HUGE_BODY}. */
  private final AtomicLong hostileBodyBytes = new AtomicLong();
  /** Connections that got a hostile answer and were since closed (by the client, or the server). */
  private final AtomicInteger hostileConnectionsEnded = new AtomicInteger();
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private final Map<String, Fate> fates = new HashMap<>(); // guarded by this
  private final Map<String, Long> acceptedReports = new TreeMap<>(); // guarded by this
  private final Map<String, Integer> answers = new TreeMap<>(); // guarded by this
  private volatile ServerSocket listener;
  private volatile boolean closed;

  private FaultServer(int port, Policy policy) {
    this.port = port;
    this.policy = policy;
  }

  /** Starts a server on a free port of 127.0.0.1. */
  static FaultServer start(Policy policy) {
    FaultServer server = new FaultServer(0, policy);
    server.up();
    return server;
  }

  /** Starts a server that is down: it has a port, but nothing listens on it until {@link #up()}. */
  static FaultServer down(Policy policy) {
    int port;
    try (ServerSocket probe = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port", e);
    }
    return new FaultServer(port, policy);
  }

  private ServerSocket listen(int onPort) {
    try {
      ServerSocket socket = new ServerSocket();
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort), 64);
      listener = socket;
      port = socket.getLocalPort();
      return socket;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on 127.0.0.1:" + onPort, e);
    }
  }

  /** Starts listening on its port; connections are accepted from now on. */
  void up() {
    startAccepting(listen(port));
  }

  int port() {
    return port;
  }

  String dsn() {
    return "http://publickey0123@127.0.0.1:" + port() + "/42";
  }

  int requestCount() {
    return requests.get();
  }

  /** Body bytes written in endless and huge answers, as far as the client took them. */
  long hostileBodyBytes() {
    return hostileBodyBytes.get();
  }

  /** How many connections that got an endless, slow or huge answer have ended. */
  int hostileConnectionsEnded() {
    return hostileConnectionsEnded.get();
  }

  /** Every event id any request carried, with the last answer it got. */
  synchronized Map<String, Fate> fates() {
    return Map.copyOf(fates);
  }

  /** Event ids accepted with a 2xx at least once. */
  synchronized Set<String> accepted() {
    Set<String> ids = new TreeSet<>();
    fates.forEach((id, fate) -> {
      if (fate.everAccepted()) {
        ids.add(id);
      }
    });
    return ids;
  }

  /** Client-report counts ({@code reason/category}) in requests this server answered with a 2xx. */
  synchronized Map<String, Long> acceptedReports() {
    return new TreeMap<>(acceptedReports);
  }

  /** How many requests got each answer ({@code 200}, {@code 500}, {@code hang}, ...). */
  synchronized Map<String, Integer> answers() {
    return new TreeMap<>(answers);
  }

  /** Waits until a condition on what arrived holds, up to a timeout; tells whether it did. */
  boolean awaitUntil(BooleanSupplier condition, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(20);
    }
    return true;
  }

  private void startAccepting(ServerSocket socket) {
    Thread acceptor = new Thread(() -> accept(socket), "fault-server-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  private void accept(ServerSocket socket) {
    while (!socket.isClosed()) {
      try {
        Socket connection = socket.accept();
        sockets.add(connection);
        Thread thread = new Thread(() -> serve(connection), "fault-server-connection");
        thread.setDaemon(true);
        thread.start();
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void serve(Socket connection) {
    try (connection) {
      InputStream in = new BufferedInputStream(connection.getInputStream());
      OutputStream out = connection.getOutputStream();
      while (!closed) {
        String requestLine = readLine(in);
        if (requestLine == null || requestLine.isEmpty()) {
          return;
        }
        Map<String, String> headers = readHeaders(in);
        Action action = policy.decide(requests.incrementAndGet());
        if (action.kind() == Action.Kind.RESET_MID_BODY) {
          long length = Long.parseLong(headers.getOrDefault("content-length", "2"));
          in.readNBytes((int) Math.max(1, length / 2));
          count("reset");
          connection.setSoLinger(true, 0); // close with an RST, not a FIN
          return;
        }
        byte[] body = readBody(in, headers);
        List<String> ids = new ArrayList<>();
        Map<String, Long> report = new TreeMap<>();
        read(body, headers, ids, report);
        if (action.kind() == Action.Kind.HANG) {
          record(ids, report, action);
          while (!closed && !connection.isClosed()) {
            Thread.sleep(50);
          }
          return;
        }
        if (!action.delay().isZero()) {
          Thread.sleep(action.delay().toMillis());
        }
        if (action.kind() == Action.Kind.ENDLESS_BODY || action.kind() == Action.Kind.SLOW_BYTES
            || action.kind() == Action.Kind.HUGE_BODY) {
          record(ids, report, action);
          try {
            misbehave(action.kind(), out);
          } finally {
            hostileConnectionsEnded.incrementAndGet();
          }
          return;
        }
        // Booked before the answer leaves: an answer the client saw is already in the books.
        record(ids, report, action);
        StringBuilder head = new StringBuilder("HTTP/1.1 ").append(action.status()).append(" Fault\r\n")
            .append("Content-Type: application/json\r\nContent-Length: 2\r\n");
        action.headers().forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        out.write(head.append("\r\n").append("{}").toString().getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
      }
    } catch (IOException e) {
      // the client went away, or the server was closed
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      sockets.remove(connection);
    }
  }

  /** Answers in one of the hostile ways until the client goes away (or the huge body is sent). */
  private void misbehave(Action.Kind kind, OutputStream out) throws IOException, InterruptedException {
    switch (kind) {
      case ENDLESS_BODY -> {
        out.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
            .getBytes(StandardCharsets.ISO_8859_1));
        byte[] chunk = "10\r\n{\"id\":\"endless\"}\r\n".getBytes(StandardCharsets.ISO_8859_1);
        while (!closed) {
          out.write(chunk);
          out.flush();
          hostileBodyBytes.addAndGet(16);
          Thread.sleep(10);
        }
      }
      case SLOW_BYTES -> {
        byte[] answer = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}"
            .getBytes(StandardCharsets.ISO_8859_1);
        for (int i = 0; i < answer.length && !closed; i++) {
          out.write(answer[i]);
          out.flush();
          Thread.sleep(1_000);
        }
      }
      case HUGE_BODY -> {
        long length = 1L << 30;
        out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + length + "\r\n\r\n")
            .getBytes(StandardCharsets.ISO_8859_1));
        byte[] block = new byte[64 * 1024];
        Arrays.fill(block, (byte) ' ');
        for (long sent = 0; sent < length && !closed; sent += block.length) {
          out.write(block);
          hostileBodyBytes.addAndGet(block.length);
        }
        out.flush();
      }
      default -> throw new IllegalArgumentException(kind + " is not a hostile answer");
    }
  }

  private synchronized void record(List<String> ids, Map<String, Long> report, Action action) {
    boolean ok = action.accepts();
    for (String id : ids) {
      Fate before = fates.get(id);
      fates.put(id, new Fate(action.describe(), action.status(), before == null ? 1 : before.requests() + 1,
          ok || before != null && before.everAccepted()));
    }
    if (ok) {
      report.forEach((key, quantity) -> acceptedReports.merge(key, quantity, Long::sum));
    }
    answers.merge(action.describe(), 1, Integer::sum);
  }

  private synchronized void count(String answer) {
    answers.merge(answer, 1, Integer::sum);
  }

  /** Reads the event ids and client-report counts of an envelope body. */
  private static void read(byte[] body, Map<String, String> headers, List<String> ids, Map<String, Long> report)
      throws IOException {
    byte[] plain = "gzip".equalsIgnoreCase(headers.get("content-encoding")) ? gunzip(body) : body;
    Envelope envelope = Envelope.parse(plain);
    for (Envelope.Item item : envelope.items()) {
      if (item.type().equals("event")) {
        ids.add(envelope.header().path("event_id").asText().replace("-", ""));
      } else if (item.type().equals("client_report")) {
        for (JsonNode discarded : item.json().path("discarded_events")) {
          report.merge(discarded.path("reason").asText() + "/" + discarded.path("category").asText(),
              discarded.path("quantity").asLong(), Long::sum);
        }
      }
    }
  }

  private static byte[] gunzip(byte[] body) throws IOException {
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
      return in.readAllBytes();
    }
  }

  private static Map<String, String> readHeaders(InputStream in) throws IOException {
    Map<String, String> headers = new HashMap<>();
    String line;
    while ((line = readLine(in)) != null && !line.isEmpty()) {
      int colon = line.indexOf(':');
      if (colon > 0) {
        headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
      }
    }
    return headers;
  }

  private static byte[] readBody(InputStream in, Map<String, String> headers) throws IOException {
    if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      while (true) {
        String size = readLine(in);
        if (size == null) {
          throw new IOException("the body ended early");
        }
        int length = Integer.parseInt(size.split(";", 2)[0].trim(), 16);
        if (length == 0) {
          readHeaders(in); // trailers
          return body.toByteArray();
        }
        body.write(in.readNBytes(length));
        readLine(in);
      }
    }
    return in.readNBytes(Integer.parseInt(headers.getOrDefault("content-length", "0")));
  }

  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != -1) {
      if (b == '\n') {
        String text = line.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
      }
      line.write(b);
    }
    return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
  }

  /** Stops listening and drops every connection: the server is down until {@link #up()}. */
  void goDown() {
    try {
      ServerSocket socket = listener;
      if (socket != null) {
        socket.close();
      }
    } catch (IOException e) {
      // closing
    }
    for (Socket socket : sockets) {
      try {
        socket.close();
      } catch (IOException e) {
        // closing
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    goDown();
  }
}
