package sentry.integration.stdlib;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.Headers;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import sentry.api.Hub;
import sentry.api.Sentry;
import sentry.testing.Receiver;

/**
 * The trace headers each wrapped client sends, as a real server receives them: the calling
 * thread's trace, only to the targets, never to the DSN's host, and never over what the
 * application set itself.
 */
@SuppressWarnings("try") // harnesses and bindings are open for the SDK's sake, not used by name
class TracePropagationTest {
  private static final String TRACE = "771a43a4192642f0b136d5159a501700";
  private static final String SPAN = "b0e6f15b45c36b12";

  private static TargetServers servers;

  @BeforeAll
  static void start() throws IOException {
    servers = new TargetServers();
  }

  @AfterAll
  static void stop() throws IOException {
    servers.close();
  }

  @ParameterizedTest
  @EnumSource(Clients.class)
  void eachClientSendsTheTraceOfTheCallingThread(Clients client) throws Exception {
    try (SentryHarness harness = SentryHarness.start(options -> options.setRelease("shop@1.4.2"))) {
      String path = "/trace/" + client;
      client.get(servers.url(path));

      Headers received = servers.headers(path);
      assertThat(received.get("sentry-trace")).containsExactly(Sentry.getTraceparent());
      assertThat(received.get("baggage")).containsExactly(Sentry.getBaggage());
      assertThat(Sentry.getBaggage()).startsWith("sentry-trace_id=" + Sentry.getTraceparent().substring(0, 32)
          + ",sentry-public_key=" + Receiver.PUBLIC_KEY + ",sentry-release=shop@1.4.2,sentry-environment=production,"
          + "sentry-sample_rand=0.");
      assertThat(received.containsKey("traceparent")).as("only with propagateTraceparent").isFalse();
    }
  }

  @ParameterizedTest
  @EnumSource(Clients.class)
  void aContinuedTraceGoesOnToTheNextService(Clients client) throws Exception {
    try (SentryHarness harness = SentryHarness.start();
        Hub.Binding trace = Sentry.continueTrace(TRACE + "-" + SPAN + "-1", "sentry-trace_id=" + TRACE
            + ",sentry-public_key=upstream,sentry-sample_rand=0.5,vendor=dropped")) {
      String path = "/continued/" + client;
      client.get(servers.url(path));

      Headers received = servers.headers(path);
      String sentryTrace = received.getFirst("sentry-trace");
      assertThat(sentryTrace).startsWith(TRACE + "-").endsWith("-1").isEqualTo(Sentry.getTraceparent());
      assertThat(sentryTrace.substring(33, 49)).as("this service's span, not the caller's").isNotEqualTo(SPAN);
      assertThat(received.getFirst("baggage"))
          .isEqualTo("sentry-trace_id=" + TRACE + ",sentry-public_key=upstream,sentry-sample_rand=0.5");
    }
  }

  @ParameterizedTest
  @EnumSource(Clients.class)
  void theDsnHostGetsNoTraceHeaders(Clients client) throws Exception {
    try (SentryHarness harness = SentryHarness.start()) {
      String path = "/not-an-envelope/" + client;
      client.get(harness.sentry().url(path));

      Receiver.Request request = harness.sentry().requests().stream().filter(r -> r.uri().equals(path))
          .findFirst().orElseThrow();
      assertThat(request.header("sentry-trace")).isNull();
      assertThat(request.header("baggage")).isNull();
      // Nor do the SDK's own envelopes.
      Sentry.captureMessage("probe");
      Sentry.flush(java.time.Duration.ofSeconds(30));
      assertThat(harness.sentry().requests()).filteredOn(Receiver.Request::isEnvelope).isNotEmpty()
          .allSatisfy(envelope -> assertThat(envelope.header("sentry-trace")).isNull());
    }
  }

  @Test
  void onlyTheTargetsGetTheHeaders() throws Exception {
    try (SentryHarness harness = SentryHarness.start(options -> options.setTracePropagationTargets(
        List.of("^http://127\\.0\\.0\\.1:\\d+/api/", "/paren(")))) {
      Clients.JDK_SEND.get(servers.url("/api/orders"));
      Clients.JDK_SEND.get(servers.url("/other/api/orders"));
      Clients.URL_CONNECTION.get(servers.url("/x/paren(1"));

      assertThat(servers.headers("/api/orders").containsKey("sentry-trace")).isTrue();
      assertThat(servers.headers("/other/api/orders").containsKey("sentry-trace")).isFalse();
      assertThat(servers.headers("/x/paren(1").containsKey("sentry-trace"))
          .as("not a valid regular expression: a substring").isTrue();
    }
    try (SentryHarness harness = SentryHarness.start(options -> options.setTracePropagationTargets(List.of()))) {
      Clients.APACHE_CLASSIC.get(servers.url("/nowhere"));
      assertThat(servers.headers("/nowhere").containsKey("sentry-trace")).isFalse();
      assertThat(servers.headers("/nowhere").containsKey("baggage")).isFalse();
    }
  }

  @ParameterizedTest
  @EnumSource(Clients.class)
  void propagateTraceparentAddsTheW3cHeader(Clients client) throws Exception {
    try (SentryHarness harness = SentryHarness.start(options -> options.setPropagateTraceparent(true))) {
      String path = "/w3c/" + client;
      client.get(servers.url(path));
      String sentryTrace = Sentry.getTraceparent();
      assertThat(servers.headers(path).getFirst("traceparent")).isEqualTo("00-" + sentryTrace + "-00")
          .matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");
    }
  }

  /** One request with headers the application set, through three of the clients. */
  private enum Sender {
    JDK {
      @Override
      void send(String url, Map<String, List<String>> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        headers.forEach((name, values) -> values.forEach(value -> request.header(name, value)));
        Clients.JDK.send(request.build(), HttpResponse.BodyHandlers.discarding());
      }
    },
    URL_CONNECTION {
      @Override
      void send(String url, Map<String, List<String>> headers) throws Exception {
        HttpURLConnection connection = SentryHttp.open(new URL(url));
        headers.forEach((name, values) -> values.forEach(value -> connection.addRequestProperty(name, value)));
        try (InputStream body = connection.getInputStream()) {
          body.readAllBytes();
        }
      }
    },
    APACHE_CLASSIC {
      @Override
      void send(String url, Map<String, List<String>> headers) throws Exception {
        HttpGet request = new HttpGet(url);
        headers.forEach((name, values) -> values.forEach(value -> request.addHeader(name, value)));
        Clients.APACHE.execute(request, response -> {
          EntityUtils.consume(response.getEntity());
          return null;
        });
      }
    };

    abstract void send(String url, Map<String, List<String>> headers) throws Exception;
  }

  @ParameterizedTest
  @EnumSource(Sender.class)
  void whatTheApplicationSetWins(Sender sender) throws Exception {
    try (SentryHarness harness = SentryHarness.start(options -> options.setPropagateTraceparent(true))) {
      String ours = Sentry.getBaggage();
      String own = TRACE + "-" + SPAN;
      sender.send(servers.url("/own-trace/" + sender), Map.of("sentry-trace", List.of(own),
          "baggage", List.of("vendor=1")));
      Headers ownTrace = servers.headers("/own-trace/" + sender);
      assertThat(ownTrace.get("sentry-trace")).containsExactly(own);
      assertThat(ownTrace.get("baggage")).as("the application propagates by itself").containsExactly("vendor=1");
      assertThat(ownTrace.containsKey("traceparent")).isFalse();

      sender.send(servers.url("/vendors/" + sender), Map.of("baggage", List.of("vendor=1,other=x;p=1")));
      assertThat(joined(servers.headers("/vendors/" + sender), "baggage")).isEqualTo("vendor=1,other=x;p=1," + ours);

      String theirDsc = "sentry-trace_id=" + TRACE + ",vendor=2";
      sender.send(servers.url("/their-dsc/" + sender), Map.of("baggage", List.of(theirDsc),
          "traceparent", List.of("00-" + TRACE + "-" + SPAN + "-01")));
      Headers theirs = servers.headers("/their-dsc/" + sender);
      assertThat(joined(theirs, "baggage")).isEqualTo(theirDsc);
      assertThat(theirs.get("traceparent")).containsExactly("00-" + TRACE + "-" + SPAN + "-01");
      assertThat(theirs.getFirst("sentry-trace")).isEqualTo(Sentry.getTraceparent());
    }
  }

  @ParameterizedTest
  @EnumSource(Sender.class)
  void ourMembersAreAppendedOnlyWithinTheW3cLimits(Sender sender) throws Exception {
    try (SentryHarness harness = SentryHarness.start()) {
      String[] ours = Sentry.getBaggage().split(",");
      String sixtyThree = IntStream.range(0, 63).mapToObj(i -> "k" + i + "=v").collect(Collectors.joining(","));
      sender.send(servers.url("/members/" + sender), Map.of("baggage", List.of(sixtyThree)));
      assertThat(joined(servers.headers("/members/" + sender), "baggage")).isEqualTo(sixtyThree + "," + ours[0]);

      String big = "big=" + "x".repeat(8192 - 5 - ours[0].length() - 1 - 4);
      sender.send(servers.url("/bytes/" + sender), Map.of("baggage", List.of(big)));
      String sent = joined(servers.headers("/bytes/" + sender), "baggage");
      assertThat(sent).isEqualTo(big + "," + ours[0]);
      assertThat(sent.length()).isLessThanOrEqualTo(8192);
    }
  }

  /** A header's values as one list, however the client split them into lines. */
  private static String joined(Headers headers, String name) {
    List<String> values = headers.get(name);
    return values == null ? null : String.join(",", values);
  }
}
