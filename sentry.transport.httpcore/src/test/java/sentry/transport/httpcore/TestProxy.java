package sentry.transport.httpcore;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import sentry.testing.TestServer;

/**
 * A small {@code CONNECT} proxy on the loopback interface: checks {@code Proxy-Authorization}
 * when asked to, opens the tunnel and copies bytes both ways.
 */
final class TestProxy implements AutoCloseable {
  private final ServerSocket server;
  private final String requiredAuthorization;
  private final List<TestServer.Request> requests = new CopyOnWriteArrayList<>();
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private final List<Thread> threads = new CopyOnWriteArrayList<>();

  /**
   * Starts a proxy.
   *
   * @param requiredAuthorization the {@code Proxy-Authorization} value to insist on, or null
   */
  TestProxy(String requiredAuthorization) throws IOException {
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.requiredAuthorization = requiredAuthorization;
    spawn(this::acceptLoop);
  }

  int port() {
    return server.getLocalPort();
  }

  List<TestServer.Request> requests() {
    return List.copyOf(requests);
  }

  @Override
  public void close() throws IOException {
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
        Socket client = server.accept();
        sockets.add(client);
        spawn(() -> tunnel(client));
      }
    } catch (IOException closed) {
      // close() closed the server socket.
    }
  }

  private void tunnel(Socket client) {
    try (client) {
      InputStream in = new BufferedInputStream(client.getInputStream());
      OutputStream out = client.getOutputStream();
      TestServer.Request request = TestServer.read(in, out, client.getPort());
      if (request == null) {
        return;
      }
      requests.add(request);
      if (!request.method().equals("CONNECT")) {
        reply(out, "HTTP/1.1 405 Only CONNECT\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        return;
      }
      if (requiredAuthorization != null && !requiredAuthorization.equals(request.header("Proxy-Authorization"))) {
        reply(out, "HTTP/1.1 407 Proxy Authentication Required\r\nContent-Length: 0\r\n\r\n");
        return;
      }
      String[] hostPort = request.target().split(":");
      try (Socket upstream = new Socket(hostPort[0], Integer.parseInt(hostPort[1]))) {
        sockets.add(upstream);
        reply(out, "HTTP/1.1 200 Connection established\r\n\r\n");
        spawn(() -> copy(in, upstream));
        copy(upstream.getInputStream(), client);
      }
    } catch (IOException e) {
      // Either side went away.
    }
  }

  private static void copy(InputStream from, Socket to) {
    try {
      from.transferTo(to.getOutputStream());
      to.shutdownOutput();
    } catch (IOException e) {
      // Either side went away.
    }
  }

  private static void reply(OutputStream out, String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  private void spawn(Runnable task) {
    Thread thread = new Thread(task, "test-proxy");
    thread.setDaemon(true);
    threads.add(thread);
    thread.start();
  }
}
