package sentry.transport.jdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import sentry.api.SentryOptions;
import sentry.api.transport.TransportConfig;
import sentry.api.transport.TransportResponse;

/**
 * The JDK transport against a real server on 127.0.0.1 (the JDK's HttpServer): what it sends,
 * the status and the two headers it reports, the body cap, a forwarding proxy with Basic
 * credentials and its 407, and the response deadline, asserted
 * with generous margins.
 */
class JdkTransportTest {
  private static final Duration GENEROUS = Duration.ofSeconds(20);
  private final CountDownLatch release = new CountDownLatch(1);
  private final List<HttpExchange> seen = new CopyOnWriteArrayList<>();
  private final List<byte[]> bodies = new CopyOnWriteArrayList<>();
  private HttpServer server;
  private JdkTransport transport;

  @AfterEach
  void stop() {
    release.countDown();
    if (transport != null) {
      transport.close(Duration.ZERO);
    }
    if (server != null) {
      server.stop(0);
    }
  }

  @Test
  void sendsTheGzippedEnvelopeWithItsHeadersAndReportsStatusAndRateLimitHeaders() throws Exception {
    start(exchange -> {
      bodies.add(exchange.getRequestBody().readAllBytes());
      exchange.getResponseHeaders().add("Retry-After", "7");
      exchange.getResponseHeaders().add("X-Sentry-Rate-Limits", "60:error:organization");
      respond(exchange, 429, "{}".getBytes());
    });
    transport = new JdkTransport(config(Duration.ofSeconds(30), 65536));

    TransportResponse response = transport.send(new byte[] {1, 2, 3}).get(GENEROUS.toSeconds(), TimeUnit.SECONDS);

    assertThat(response).isEqualTo(new TransportResponse(429, "7", "60:error:organization"));
    HttpExchange request = seen.get(0);
    assertThat(request.getRequestMethod()).isEqualTo("POST");
    assertThat(request.getRequestURI().getPath()).isEqualTo("/api/42/envelope/");
    assertThat(request.getRequestHeaders().getFirst("Content-Encoding")).isEqualTo("gzip");
    assertThat(request.getRequestHeaders().getFirst("Content-Type")).isEqualTo("application/x-sentry-envelope");
    assertThat(request.getRequestHeaders().getFirst("X-Sentry-Auth")).isEqualTo("Sentry sentry_key=k");
    assertThat(request.getRequestHeaders().getFirst("User-Agent")).isEqualTo("sentry.test/1");
    assertThat(bodies.get(0)).containsExactly(1, 2, 3);
  }

  /**
   * The answer completes on one of the transport's own daemon threads. With sendAsync it completed
   * through the common pool, which on one or two cores means a new thread per request (so 2.5 times
   * HttpCore's CPU per event, docs/PERFORMANCE.md); that thread was named {@code Thread-N} or
   * {@code ForkJoinPool.commonPool-worker-N}.
   */
  @Test
  void answersCompleteOnTheTransportsOwnDaemonThreadNotOnAThreadPerRequest() throws Exception {
    start(exchange -> {
      exchange.getRequestBody().readAllBytes();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      respond(exchange, 200, "{}".getBytes());
    });
    transport = new JdkTransport(config(Duration.ofSeconds(30), 65536));

    CompletableFuture<String> seen = transport.send(new byte[] {1})
        .thenApply(response -> Thread.currentThread().getName() + " daemon=" + Thread.currentThread().isDaemon());
    release.countDown();

    assertThat(seen.get(GENEROUS.toSeconds(), TimeUnit.SECONDS)).matches("sentry-http-jdk-\\d+ daemon=true");
  }

  @Test
  void aBodyPastTheCapEndsTheExchangeWithItsStatus() throws Exception {
    start(exchange -> {
      exchange.getRequestBody().readAllBytes();
      exchange.sendResponseHeaders(200, 0);
      try (OutputStream out = exchange.getResponseBody()) {
        byte[] chunk = new byte[8192];
        // Goes on until the client stops reading, or the test ends.
        while (release.getCount() > 0) {
          out.write(chunk);
          out.flush();
        }
      } catch (IOException expected) {
        // The client hung up: what the cap is for.
      }
    });
    transport = new JdkTransport(config(Duration.ofSeconds(60), 1024));

    TransportResponse response = transport.send(new byte[] {1}).get(GENEROUS.toSeconds(), TimeUnit.SECONDS);

    assertThat(response.status()).isEqualTo(200);
  }

  @Test
  void noAnswerFailsAtTheResponseDeadline() throws Exception {
    start(exchange -> {
      exchange.getRequestBody().readAllBytes();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    transport = new JdkTransport(config(Duration.ofMillis(500), 65536));

    CompletableFuture<TransportResponse> answer = transport.send(new byte[] {1});

    assertThatThrownBy(() -> answer.get(GENEROUS.toSeconds(), TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause().isInstanceOf(IOException.class).hasMessageContaining("responseTimeout (500 ms)");
  }

  @Test
  void closeFailsWhatIsInFlightAndLaterSends() throws Exception {
    CountDownLatch arrived = new CountDownLatch(1);
    start(exchange -> {
      exchange.getRequestBody().readAllBytes();
      arrived.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    transport = new JdkTransport(config(Duration.ofSeconds(60), 65536));
    CompletableFuture<TransportResponse> inFlight = transport.send(new byte[] {1});
    assertThat(arrived.await(GENEROUS.toSeconds(), TimeUnit.SECONDS)).isTrue();

    transport.close(Duration.ZERO);

    assertThatThrownBy(() -> inFlight.get(GENEROUS.toSeconds(), TimeUnit.SECONDS))
        .cause().isInstanceOf(IOException.class);
    assertThatThrownBy(() -> transport.send(new byte[] {1}).get(GENEROUS.toSeconds(), TimeUnit.SECONDS))
        .cause().isInstanceOf(IOException.class).hasMessage("Transport closed");
  }

  @Test
  void throughAProxyTheAbsoluteUriAndBasicCredentialsGoToTheProxyAndItsAnswerComesBack() throws Exception {
    // The server is the proxy: the endpoint's host does not resolve, so only the proxy can answer.
    start(exchange -> {
      exchange.getRequestBody().readAllBytes();
      boolean allowed = "Basic dXNlcjpzM2NyZXQ=".equals(exchange.getRequestHeaders().getFirst("Proxy-Authorization"));
      respond(exchange, allowed ? 200 : 407, new byte[0]);
    });
    int proxyPort = server.getAddress().getPort();
    URI endpoint = URI.create("http://sentry.invalid:9/api/42/envelope/");
    transport = new JdkTransport(new TransportConfig(endpoint, "Sentry sentry_key=k", "sentry.test/1",
        Duration.ofSeconds(5), Duration.ofSeconds(30), new SentryOptions.Proxy("127.0.0.1", proxyPort, "user", "s3cret"),
        2, Duration.ofSeconds(30), 65536));

    assertThat(transport.send(new byte[] {1}).get(GENEROUS.toSeconds(), TimeUnit.SECONDS).status()).isEqualTo(200);
    assertThat(seen.get(0).getRequestURI().toString()).isEqualTo("http://sentry.invalid:9/api/42/envelope/");

    transport.close(Duration.ZERO);
    transport = new JdkTransport(new TransportConfig(endpoint, "Sentry sentry_key=k", "sentry.test/1",
        Duration.ofSeconds(5), Duration.ofSeconds(30), new SentryOptions.Proxy("127.0.0.1", proxyPort, "user", "wrong"),
        2, Duration.ofSeconds(30), 65536));
    assertThat(transport.send(new byte[] {1}).get(GENEROUS.toSeconds(), TimeUnit.SECONDS).status())
        .as("a proxy's 407 is reported as it came, for the engine to keep the envelope").isEqualTo(407);
  }

  @Test
  void anEndpointThatIsNotHttpIsRefusedNamingIt() {
    TransportConfig config = new TransportConfig(URI.create("ftp://example.invalid/api/42/envelope/"), "a", "b",
        Duration.ofSeconds(1), Duration.ofSeconds(1), null, 1, Duration.ofSeconds(1), 1024);
    assertThatThrownBy(() -> new JdkTransport(config)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ftp://example.invalid/api/42/envelope/");
  }

  private void start(HttpHandler handler) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/", exchange -> {
      seen.add(exchange);
      handler.handle(exchange);
    });
    server.start();
  }

  private TransportConfig config(Duration responseTimeout, int maxBody) {
    URI endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api/42/envelope/");
    return new TransportConfig(endpoint, "Sentry sentry_key=k", "sentry.test/1", Duration.ofSeconds(5),
        Duration.ofSeconds(30), null, 2, responseTimeout, maxBody);
  }

  private static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }
}
