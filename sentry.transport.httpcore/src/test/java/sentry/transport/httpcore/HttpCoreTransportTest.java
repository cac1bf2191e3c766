package sentry.transport.httpcore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import sentry.api.SentryOptions;
import sentry.api.transport.TransportConfig;
import sentry.api.transport.TransportResponse;
import sentry.testing.SdkThreads;
import sentry.testing.TestServer;

/**
 * The HttpCore transport against a real server on 127.0.0.1 (plain sockets, TLS, a tunnelling
 * proxy): what it sends, what it reports, its connections, and how it fails.
 */
class HttpCoreTransportTest {
  private static final byte[] BODY = gzip("{\"event_id\":\"0123456789abcdef0123456789abcdef\"}\n");

  private final SdkThreads sdkThreads = new SdkThreads();
  private final List<AutoCloseable> resources = new ArrayList<>();

  @AfterEach
  void closeEverything() throws Exception {
    Collections.reverse(resources);
    for (AutoCloseable resource : resources) {
      resource.close();
    }
    assertThat(sdkThreads.leaked()).isEmpty();
  }

  private <T extends AutoCloseable> T use(T resource) {
    resources.add(resource);
    return resource;
  }

  private HttpCoreTransport transport(TransportConfig settings) {
    return transport(settings, null);
  }

  private HttpCoreTransport transport(TransportConfig settings, SSLContext context) {
    HttpCoreTransport transport = context == null ? new HttpCoreTransport(settings) : new HttpCoreTransport(settings, context);
    use(() -> transport.close(Duration.ZERO));
    return transport;
  }

  private static TransportResponse answer(CompletableFuture<TransportResponse> future) throws Exception {
    return future.get(10, TimeUnit.SECONDS);
  }

  @Test
  void postsTheBodyUnchangedWithTheProtocolHeaders() throws Exception {
    TestServer server = use(TestServer.start(request -> TestServer.Reply.status(200)));
    HttpCoreTransport transport = transport(TestConfig.of(server.endpoint(), 2));

    assertThat(answer(transport.send(BODY)).status()).isEqualTo(200);

    TestServer.Request request = server.requests().get(0);
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.target()).isEqualTo("/api/42/envelope/");
    assertThat(request.header("Host")).isEqualTo("127.0.0.1:" + server.port());
    assertThat(request.header("X-Sentry-Auth")).isEqualTo(TestConfig.AUTH);
    assertThat(request.header("User-Agent")).isEqualTo(TestConfig.USER_AGENT);
    assertThat(request.header("Content-Type")).isEqualTo("application/x-sentry-envelope");
    assertThat(request.header("Content-Encoding")).isEqualTo("gzip");
    assertThat(request.header("Content-Length")).isEqualTo(String.valueOf(BODY.length));
    assertThat(request.header("Expect")).isNull();
    assertThat(request.header("Proxy-Authorization")).isNull();
    assertThat(request.body()).isEqualTo(BODY);
  }

  @Test
  void reportsStatusAndRateLimitHeaders() throws Exception {
    TestServer server = use(TestServer.start(request -> TestServer.Reply.status(429,
        "Retry-After", "17", "X-Sentry-Rate-Limits", "60:error:key")));
    HttpCoreTransport transport = transport(TestConfig.of(server.endpoint(), 2));

    assertThat(answer(transport.send(BODY))).isEqualTo(new TransportResponse(429, "17", "60:error:key"));
  }

  @Test
  void reusesOneKeptAliveConnectionForSequentialRequests() throws Exception {
    TestServer server = use(TestServer.start(request -> TestServer.Reply.status(200)));
    HttpCoreTransport transport = transport(TestConfig.of(server.endpoint(), 4));

    for (int i = 0; i < 5; i++) {
      assertThat(answer(transport.send(BODY)).status()).isEqualTo(200);
    }

    assertThat(server.requests()).hasSize(5);
    assertThat(server.remotePorts()).hasSize(1);
  }

  @Test
  void sendsConcurrentlyOnAtMostMaxRequestsInFlightConnections() throws Exception {
    TestServer server = use(TestServer.start(request -> {
      Thread.sleep(200);
      return TestServer.Reply.status(200);
    }));
    HttpCoreTransport transport = transport(TestConfig.of(server.endpoint(), 3));

    List<CompletableFuture<TransportResponse>> answers = new ArrayList<>();
    for (int i = 0; i < 9; i++) {
      answers.add(transport.send(BODY));
    }
    for (CompletableFuture<TransportResponse> future : answers) {
      assertThat(answer(future).status()).isEqualTo(200);
    }

    assertThat(server.maxConcurrent()).isGreaterThan(1).isLessThanOrEqualTo(3);
    assertThat(server.remotePorts().size()).isLessThanOrEqualTo(3);
  }

  @Test
  void completesOnANamedDaemonReactorThread() throws Exception {
    CountDownLatch answer = new CountDownLatch(1);
    TestServer server = use(TestServer.start(request -> {
      answer.await();
      return TestServer.Reply.status(200);
    }));
    HttpCoreTransport transport = transport(TestConfig.of(server.endpoint(), 2));

    CompletableFuture<String> seen = transport.send(BODY)
        .thenApply(response -> Thread.currentThread().getName() + " daemon=" + Thread.currentThread().isDaemon());
    answer.countDown();

    assertThat(seen.get(10, TimeUnit.SECONDS)).matches("sentry-http-io-\\d+ daemon=true");
    assertThat(SdkThreads.sdkThreads()).allMatch(Thread::isDaemon);
  }

  @Test
  void failsWhenTheServerResetsTheConnection() throws Exception {
    TestServer server = use(TestServer.start(request -> TestServer.Reply.reset()));
    HttpCoreTransport transport = transport(TestConfig.of(server.endpoint(), 2));

    assertThatThrownBy(() -> answer(transport.send(BODY))).isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(IOException.class);
  }

  @Test
  void failsWhenTheServerClosesWithoutAnswering() throws Exception {
    TestServer server = use(TestServer.start(request -> TestServer.Reply.close()));
    HttpCoreTransport transport = transport(TestConfig.of(server.endpoint(), 2));

    assertThatThrownBy(() -> answer(transport.send(BODY))).hasCauseInstanceOf(IOException.class);
  }

  @Test
  void failsWhenNothingListens() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    HttpCoreTransport transport = transport(
        TestConfig.of(URI.create("http://127.0.0.1:" + port + "/api/42/envelope/"), 2));

    assertThatThrownBy(() -> answer(transport.send(BODY))).hasCauseInstanceOf(IOException.class);
  }

  @Test
  void givesUpAfterTheReadTimeout() throws Exception {
    TestServer server = use(TestServer.start(request -> TestServer.Reply.hang()));
    HttpCoreTransport transport = transport(TestConfig.of(server.endpoint(), null, Duration.ofMillis(300), 2));

    assertThatThrownBy(() -> answer(transport.send(BODY))).hasCauseInstanceOf(IOException.class);
  }

  @Test
  void closeAbortsRequestsInFlightAndRefusesNewOnes() throws Exception {
    TestServer server = use(TestServer.start(request -> TestServer.Reply.hang()));
    HttpCoreTransport transport = transport(TestConfig.of(server.endpoint(), 2));
    CompletableFuture<TransportResponse> stuck = transport.send(BODY);
    assertThat(server.awaitRequests(1, Duration.ofSeconds(10))).isTrue();

    long start = System.nanoTime();
    transport.close(Duration.ofMillis(100));

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    assertThat(stuck).isCompletedExceptionally();
    assertThat(transport.send(BODY)).isCompletedExceptionally();
    transport.close(Duration.ZERO);
  }

  @Test
  void rejectsEndpointsThatAreNotHttp() {
    assertThatThrownBy(() -> new HttpCoreTransport(TestConfig.of(URI.create("ftp://host/api/1/envelope/"), 1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ftp://host/api/1/envelope/");
  }

  @Test
  void speaksTlsToATrustedCertificateForTheRightHost() throws Exception {
    TestServer server = use(TestServer.startTls(request -> TestServer.Reply.status(200), TestCertificates.server(),
        InetAddress.getByName("localhost")));
    HttpCoreTransport transport = transport(TestConfig.of(server.endpoint("localhost"), 2),
        TestCertificates.trustingClient());

    assertThat(answer(transport.send(BODY)).status()).isEqualTo(200);
    assertThat(server.requests().get(0).body()).isEqualTo(BODY);
  }

  @Test
  void refusesACertificateForAnotherHostName() throws Exception {
    InetAddress localhost = InetAddress.getByName("localhost");
    TestServer server = use(TestServer.startTls(request -> TestServer.Reply.status(200), TestCertificates.server(),
        localhost));
    // The certificate names localhost, not its address.
    String literal = localhost instanceof Inet6Address ? "[" + localhost.getHostAddress() + "]" : localhost.getHostAddress();
    HttpCoreTransport transport = transport(TestConfig.of(server.endpoint(literal), 2),
        TestCertificates.trustingClient());

    assertThatThrownBy(() -> answer(transport.send(BODY))).hasCauseInstanceOf(IOException.class);
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void refusesAnUntrustedCertificate() throws Exception {
    TestServer server = use(TestServer.startTls(request -> TestServer.Reply.status(200), TestCertificates.server(),
        InetAddress.getByName("localhost")));
    HttpCoreTransport transport = transport(TestConfig.of(server.endpoint("localhost"), 2));

    assertThatThrownBy(() -> answer(transport.send(BODY))).hasCauseInstanceOf(IOException.class);
    assertThat(server.requests()).isEmpty();
  }

  @Test
  void sendsTheAbsoluteUriAndCredentialsToAnHttpProxy() throws Exception {
    TestServer proxy = use(TestServer.start(request -> TestServer.Reply.status(200)));
    URI endpoint = URI.create("http://sentry.invalid:9000/api/42/envelope/");
    HttpCoreTransport transport = transport(TestConfig.of(endpoint,
        new SentryOptions.Proxy("127.0.0.1", proxy.port(), "user", "pä:ss"), 2));

    assertThat(answer(transport.send(BODY)).status()).isEqualTo(200);
    assertThat(answer(transport.send(BODY)).status()).isEqualTo(200);

    TestServer.Request request = proxy.requests().get(1);
    assertThat(request.target()).isEqualTo("http://sentry.invalid:9000/api/42/envelope/");
    assertThat(request.header("Host")).isEqualTo("sentry.invalid:9000");
    assertThat(request.header("Proxy-Authorization")).isEqualTo(basic("user:pä:ss"));
    assertThat(request.header("X-Sentry-Auth")).isEqualTo(TestConfig.AUTH);
    assertThat(request.body()).isEqualTo(BODY);
    assertThat(proxy.remotePorts()).hasSize(1);
  }

  @Test
  void tunnelsHttpsThroughAProxyWithConnect() throws Exception {
    TestServer server = use(TestServer.startTls(request -> TestServer.Reply.status(200), TestCertificates.server(),
        InetAddress.getByName("localhost")));
    TestProxy proxy = use(new TestProxy(basic("user:secret")));
    HttpCoreTransport transport = transport(TestConfig.of(server.endpoint("localhost"),
        new SentryOptions.Proxy("127.0.0.1", proxy.port(), "user", "secret"), 2),
        TestCertificates.trustingClient());

    assertThat(answer(transport.send(BODY)).status()).isEqualTo(200);
    assertThat(answer(transport.send(BODY)).status()).isEqualTo(200);

    assertThat(proxy.requests()).hasSize(1);
    TestServer.Request connect = proxy.requests().get(0);
    assertThat(connect.method()).isEqualTo("CONNECT");
    assertThat(connect.target()).isEqualTo("localhost:" + server.port());
    assertThat(connect.header("Proxy-Authorization")).isEqualTo(basic("user:secret"));
    TestServer.Request request = server.requests().get(1);
    assertThat(request.target()).isEqualTo("/api/42/envelope/");
    assertThat(request.header("Proxy-Authorization")).isNull();
    assertThat(request.header("X-Sentry-Auth")).isEqualTo(TestConfig.AUTH);
    assertThat(request.body()).isEqualTo(BODY);
  }

  @Test
  void failsWhenTheProxyRefusesTheTunnel() throws Exception {
    TestServer server = use(TestServer.startTls(request -> TestServer.Reply.status(200), TestCertificates.server(),
        InetAddress.getByName("localhost")));
    TestProxy proxy = use(new TestProxy(basic("user:secret")));
    HttpCoreTransport transport = transport(TestConfig.of(server.endpoint("localhost"),
        new SentryOptions.Proxy("127.0.0.1", proxy.port(), "user", "wrong"), 2),
        TestCertificates.trustingClient());

    assertThatThrownBy(() -> answer(transport.send(BODY))).hasCauseInstanceOf(IOException.class)
        .hasStackTraceContaining("407");
    assertThat(server.requests()).isEmpty();
  }

  static String basic(String credentials) {
    return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
  }

  static byte[] gzip(String text) {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(buffer)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    return buffer.toByteArray();
  }
}
