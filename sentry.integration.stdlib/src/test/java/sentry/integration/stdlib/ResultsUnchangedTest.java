package sentry.integration.stdlib;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Proxy;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.HttpsURLConnection;
import org.apache.hc.client5.http.HttpRoute;
import org.apache.hc.client5.http.async.AsyncExecChain;
import org.apache.hc.client5.http.async.AsyncExecRuntime;
import org.apache.hc.client5.http.classic.ExecChain;
import org.apache.hc.client5.http.classic.ExecRuntime;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.concurrent.CancellableDependency;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.message.BasicClassicHttpResponse;
import org.apache.hc.core5.http.message.BasicHttpRequest;
import org.apache.hc.core5.http.message.BasicHttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import sentry.api.Hint;

/** The wrappers hand back the very objects the clients produced: responses, futures' outcomes, exceptions. */
class ResultsUnchangedTest {
  private static TargetServers servers;

  @BeforeAll
  static void startServers() throws IOException {
    servers = new TargetServers();
  }

  @AfterAll
  static void stopServers() throws IOException {
    servers.close();
  }

  private static HttpRequest get(String url) {
    return HttpRequest.newBuilder(URI.create(url)).build();
  }

  @Test
  void jdkSendReturnsTheClientsResponseAndThrowsItsException() throws Exception {
    try (SentryHarness harness = SentryHarness.start()) {
      SpyHttpClient spy = new SpyHttpClient(HttpClient.newHttpClient());
      HttpClient wrapped = SentryHttp.wrap(spy);

      HttpResponse<String> response = wrapped.send(get(servers.url("/missing")), HttpResponse.BodyHandlers.ofString());
      Throwable thrown = catchThrowable(() -> wrapped.send(get(servers.droppingUrl("/x")), HttpResponse.BodyHandlers.ofString()));

      assertThat(response).isSameAs(spy.responses.get(0));
      assertThat(thrown).isInstanceOf(IOException.class).isSameAs(spy.thrown.get(0));
      assertThat(harness.breadcrumbs("httplib")).hasSize(2);
      assertThat(harness.hints("httplib").get(1).hint().get(Hint.THROWABLE)).containsSame(thrown);
    }
  }

  @Test
  void jdkSendAsyncCompletesWithTheClientsResponseAndException() throws Exception {
    try (SentryHarness harness = SentryHarness.start()) {
      SpyHttpClient spy = new SpyHttpClient(HttpClient.newHttpClient());
      HttpClient wrapped = SentryHttp.wrap(spy);

      HttpResponse<String> response = wrapped.sendAsync(get(servers.url("/ok")), HttpResponse.BodyHandlers.ofString()).join();
      Throwable failure = wrapped.sendAsync(get(servers.droppingUrl("/x")), HttpResponse.BodyHandlers.ofString(), null)
          .handle((ignored, error) -> error).join();

      assertThat(response).isSameAs(spy.futures.get(0).join());
      assertThat(failure).isNotNull().isSameAs(spy.futures.get(1).handle((ignored, error) -> error).join());
      assertThat(harness.breadcrumbs("httplib")).hasSize(2);
    }
  }

  @Test
  void cancellingTheReturnedFutureCancelsTheClients() throws Exception {
    try (SentryHarness harness = SentryHarness.start();
        ServerSocket silent = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
      // Never accepted: the kernel completes the connection, and no answer ever comes.
      SpyHttpClient spy = new SpyHttpClient(HttpClient.newHttpClient());
      HttpClient wrapped = SentryHttp.wrap(spy);

      boolean cancelled = wrapped.sendAsync(get("http://127.0.0.1:" + silent.getLocalPort() + "/"),
          HttpResponse.BodyHandlers.discarding()).cancel(true);

      assertThat(cancelled).isTrue();
      // Recorded by the time cancel() returns, on the cancelling thread: nothing to wait for.
      assertThat(harness.hints("httplib")).as("breadcrumbs recorded when cancel() returned").hasSize(1);
      // The JDK's client may settle its own future as cancelled or, racing with its exchange, as
      // failed with the cancellation as cause: either way it is over, and exceptionally.
      assertThat(spy.futures.get(0)).as("the client's future").isCompletedExceptionally();
      // The cancelled request counts as one that failed: a breadcrumb without status.
      assertThat(harness.breadcrumbs("httplib")).singleElement()
          .satisfies(crumb -> assertThat(crumb.path("data").has("http.response.status_code")).isFalse());
      // The JDK's HttpClient fails its pending exchanges once the client object is unreachable:
      // keep it alive, or a GC during the test would complete the future before it is cancelled.
      java.lang.ref.Reference.reachabilityFence(wrapped);
    }
  }

  @Test
  void wrappingKeepsTheClientsConfigurationAndIsIdempotent() {
    HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
        .version(HttpClient.Version.HTTP_1_1).build();
    HttpClient wrapped = SentryHttp.wrap(client);

    assertThat(SentryHttp.wrap(wrapped)).isSameAs(wrapped);
    assertThat(wrapped.followRedirects()).isEqualTo(HttpClient.Redirect.NORMAL);
    assertThat(wrapped.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
    assertThat(wrapped.sslContext()).isSameAs(client.sslContext());
  }

  @Test
  void onJdk21AndLaterClosingTheWrapperClosesTheClient() throws Exception {
    assumeThat(Runtime.version().feature()).as("HttpClient.close() exists from JDK 21").isGreaterThanOrEqualTo(21);
    HttpClient client = HttpClient.newHttpClient();
    HttpClient wrapped = SentryHttp.wrap(client);

    HttpClient.class.getMethod("close").invoke(wrapped);

    assertThat(HttpClient.class.getMethod("isTerminated").invoke(client)).isEqualTo(true);
    assertThat(HttpClient.class.getMethod("isTerminated").invoke(wrapped)).isEqualTo(true);
  }

  @Test
  void urlConnectionGivesTheConnectionsStreamsAndExceptions() throws Exception {
    try (SentryHarness harness = SentryHarness.start()) {
      HttpURLConnection plain = (HttpURLConnection) new URL(servers.url("/ok")).openConnection();
      HttpURLConnection wrapped = SentryHttp.wrap(plain);
      try (InputStream body = wrapped.getInputStream()) {
        assertThat(body).isSameAs(plain.getInputStream());
        body.readAllBytes();
      }
      FailingConnection failing = new FailingConnection(new URL(servers.url("/never")));
      Throwable thrown = catchThrowable(() -> SentryHttp.wrap(failing).getResponseCode());

      assertThat(thrown).isSameAs(failing.failure);
      List<JsonNode> crumbs = harness.breadcrumbs("httplib");
      assertThat(crumbs).extracting(crumb -> crumb.path("data").path("http.response.status_code").asText())
          .containsExactly("200", "");
      assertThat(harness.hints("httplib").get(1).hint().get(Hint.THROWABLE)).containsSame(failing.failure);
    }
  }

  @Test
  void urlConnectionRecordsTheStatusWhenGetInputStreamThrowsForIt() throws Exception {
    try (SentryHarness harness = SentryHarness.start()) {
      HttpURLConnection connection = SentryHttp.open(new URL(servers.url("/missing")));

      assertThat(catchThrowable(connection::getInputStream)).isInstanceOf(FileNotFoundException.class);
      assertThat(connection.getResponseCode()).isEqualTo(404);

      assertThat(harness.breadcrumbs("httplib")).singleElement().satisfies(crumb -> {
        assertThat(crumb.path("level").asText()).isEqualTo("warning");
        assertThat(crumb.path("data").path("http.response.status_code").asInt()).isEqualTo(404);
        assertThat(crumb.path("data").path("reason").asText()).isEqualTo("Not Found");
      });
    }
  }

  @Test
  void anHttpsUrlOpensAnHttpsUrlConnection() throws Exception {
    HttpURLConnection connection = SentryHttp.open(new URL("https://127.0.0.1:9/never-connected"));
    HostnameVerifier verifier = (host, session) -> false;

    assertThat(connection).isInstanceOf(HttpsURLConnection.class);
    ((HttpsURLConnection) connection).setHostnameVerifier(verifier);
    assertThat(((HttpsURLConnection) connection).getHostnameVerifier()).isSameAs(verifier);
    assertThat(catchThrowable(() -> SentryHttp.open(new URL("file:/tmp/x"))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected an http or https URL");
  }

  @Test
  void apacheClassicHandlerReturnsTheChainsResponseAndThrowsItsException() throws Exception {
    try (SentryHarness harness = SentryHarness.start()) {
      SentryExecChainHandler handler = new SentryExecChainHandler();
      HttpGet request = new HttpGet(servers.url("/x?a=1"));
      ExecChain.Scope scope = new ExecChain.Scope("ex-1", route(), request, stub(ExecRuntime.class),
          HttpClientContext.create());
      ClassicHttpResponse canned = new BasicClassicHttpResponse(503, "Busy");
      IOException failure = new ConnectException("refused");

      assertThat(handler.execute(request, scope, (r, s) -> canned)).isSameAs(canned);
      assertThat(catchThrowable(() -> handler.execute(request, scope, (r, s) -> {
        throw failure;
      }))).isSameAs(failure);

      List<JsonNode> crumbs = harness.breadcrumbs("httplib");
      assertThat(crumbs).hasSize(2);
      assertThat(crumbs.get(0).path("level").asText()).isEqualTo("error");
      assertThat(crumbs.get(0).path("data").path("reason").asText()).isEqualTo("Busy");
      assertThat(crumbs.get(0).path("data").path("url").asText()).isEqualTo(servers.url("/x"));
      assertThat(crumbs.get(1).path("data").has("http.response.status_code")).isFalse();
    }
  }

  @Test
  void apacheAsyncHandlerPassesTheChainsResponseAndExceptionOn() throws Exception {
    try (SentryHarness harness = SentryHarness.start()) {
      SentryAsyncExecChainHandler handler = new SentryAsyncExecChainHandler();
      BasicHttpRequest request = new BasicHttpRequest("GET", URI.create(servers.url("/y")));
      AsyncExecChain.Scope scope = new AsyncExecChain.Scope("ex-2", route(), request,
          stub(CancellableDependency.class), HttpClientContext.create(), stub(AsyncExecRuntime.class),
          stub(AsyncExecChain.Scheduler.class), new AtomicInteger(1));
      BasicHttpResponse head = new BasicHttpResponse(404, "Nope");
      ConnectException failure = new ConnectException("refused");
      RecordingCallback answered = new RecordingCallback();
      RecordingCallback failed = new RecordingCallback();

      handler.execute(request, null, scope, (r, p, s, callback) -> {
        callback.handleResponse(head, null);
        callback.completed();
      }, answered);
      handler.execute(request, null, scope, (r, p, s, callback) -> callback.failed(failure), failed);

      assertThat(answered.response).isSameAs(head);
      assertThat(answered.completed).isEqualTo(1);
      assertThat(failed.failure).isSameAs(failure);
      List<JsonNode> crumbs = harness.breadcrumbs("httplib");
      assertThat(crumbs).hasSize(2);
      assertThat(crumbs.get(0).path("level").asText()).isEqualTo("warning");
      assertThat(crumbs.get(0).path("data").path("reason").asText()).isEqualTo("Nope");
      assertThat(crumbs.get(1).path("data").has("http.response.status_code")).isFalse();
    }
  }

  /** An implementation of an interface whose methods do nothing: the handlers never call them. */
  private static <T> T stub(Class<T> type) {
    return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) ->
        method.getReturnType() == boolean.class ? Boolean.FALSE : null));
  }

  private static HttpRoute route() {
    return new HttpRoute(new HttpHost("http", "127.0.0.1", servers.port()));
  }
}
