package sentry.integration.stdlib;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import sentry.api.Hint;
import sentry.api.Sentry;

/**
 * Every supported client, driven against real servers, with the real SDK sending to a stand-in
 * for Sentry: the breadcrumbs as they arrive there.
 */
class HttpBreadcrumbsTest {
  private static TargetServers servers;

  @BeforeAll
  static void startServers() throws IOException {
    servers = new TargetServers();
  }

  @AfterAll
  static void stopServers() throws IOException {
    servers.close();
  }

  @ParameterizedTest
  @EnumSource(Clients.class)
  void statusLevelsAndReasons(Clients client) throws Exception {
    try (SentryHarness harness = SentryHarness.start()) {
      assertThat(client.get(servers.url("/ok")).status()).isEqualTo(200);
      assertThat(client.get(servers.url("/missing")).status()).isEqualTo(404);
      assertThat(client.get(servers.url("/broken")).status()).isEqualTo(500);

      List<JsonNode> crumbs = harness.breadcrumbs("httplib");
      assertThat(crumbs).hasSize(3);
      assertCrumb(crumbs.get(0), servers.url("/ok"), 200, null, client.givesReason() ? "OK" : null);
      assertCrumb(crumbs.get(1), servers.url("/missing"), 404, "warning", client.givesReason() ? "Not Found" : null);
      assertCrumb(crumbs.get(2), servers.url("/broken"), 500, "error",
          client.givesReason() ? "Internal Server Error" : null);
    }
  }

  @ParameterizedTest
  @EnumSource(Clients.class)
  void aDroppedConnectionStillGivesABreadcrumbWithoutStatus(Clients client) throws Exception {
    try (SentryHarness harness = SentryHarness.start()) {
      Clients.Exchange exchange = client.get(servers.droppingUrl("/gone"));
      assertThat(exchange.error()).isInstanceOf(IOException.class);

      List<JsonNode> crumbs = harness.breadcrumbs("httplib");
      assertThat(crumbs).hasSize(1);
      assertCrumb(crumbs.get(0), servers.droppingUrl("/gone"), null, null, null);
      assertThat(harness.hints("httplib")).singleElement().satisfies(hinted -> {
        assertThat(hinted.hint().get(StdlibIntegration.HTTPLIB_REQUEST)).containsSame(exchange.request());
        assertThat(hinted.hint().get(Hint.THROWABLE)).isPresent();
      });
    }
  }

  @ParameterizedTest
  @EnumSource(Clients.class)
  void theHintHoldsTheApplicationsRequestObject(Clients client) throws Exception {
    try (SentryHarness harness = SentryHarness.start()) {
      Clients.Exchange exchange = client.get(servers.url("/ok"));

      assertThat(harness.hints("httplib")).singleElement().satisfies(hinted -> {
        assertThat(hinted.hint().get(StdlibIntegration.HTTPLIB_REQUEST)).containsSame(exchange.request());
        assertThat(hinted.hint().contains(Hint.THROWABLE)).isFalse();
      });
    }
  }

  @ParameterizedTest
  @EnumSource(Clients.class)
  void secretQueryValuesAreFilteredAndTheUrlLosesQueryAndFragment(Clients client) throws Exception {
    String query = "user=ann&token=abc&API_KEY=k1&X-Amz-Signature=s1&access_token=t1&page=2";
    try (SentryHarness harness = SentryHarness.start()) {
      client.get(servers.url("/ok?" + query + "#part"));

      JsonNode data = harness.breadcrumbs("httplib").get(0).path("data");
      assertThat(data.path("url").asText()).isEqualTo(servers.url("/ok"));
      assertThat(data.path("http.query").asText()).isEqualTo(
          "user=ann&token=[Filtered]&API_KEY=[Filtered]&X-Amz-Signature=[Filtered]&access_token=[Filtered]&page=2");
      // The JDK's HttpClient and HttpClient 5 drop a fragment before the request is made.
      assertThat(data.path("http.fragment").asText()).isIn("part", "");
    }
  }

  @ParameterizedTest
  @EnumSource(Clients.class)
  void aSessionIdInAPathParameterIsFilteredUnlessPiiIsAllowed(Clients client) throws Exception {
    try (SentryHarness harness = SentryHarness.start()) {
      client.get(servers.url("/ok;jsessionid=ABC123"));
      assertThat(harness.breadcrumbs("httplib")).singleElement().satisfies(crumb -> assertThat(
          crumb.path("data").path("url").asText()).isEqualTo(servers.url("/ok;jsessionid=[Filtered]")));
    }
    try (SentryHarness harness = SentryHarness.withPii()) {
      client.get(servers.url("/ok;jsessionid=ABC123"));
      assertThat(harness.breadcrumbs("httplib")).singleElement().satisfies(crumb -> assertThat(
          crumb.path("data").path("url").asText()).isEqualTo(servers.url("/ok;jsessionid=ABC123")));
    }
  }

  @ParameterizedTest
  @EnumSource(Clients.class)
  void credentialsInTheUrlBecomeFiltered(Clients client) throws Exception {
    try (SentryHarness harness = SentryHarness.withPii()) {
      client.get(servers.url("/ok").replace("://", "://ann:hunter2@"));

      assertThat(harness.breadcrumbs("httplib")).singleElement().satisfies(crumb -> assertThat(
          crumb.path("data").path("url").asText()).isEqualTo(servers.url("/ok").replace("://", "://[Filtered]:[Filtered]@")));
    }
  }

  @ParameterizedTest
  @EnumSource(Clients.class)
  void withSendDefaultPiiTheQueryIsKept(Clients client) throws Exception {
    String query = "user=ann&token=abc&password=hunter2";
    try (SentryHarness harness = SentryHarness.withPii()) {
      client.get(servers.url("/ok?" + query));

      assertThat(harness.breadcrumbs("httplib").get(0).path("data").path("http.query").asText()).isEqualTo(query);
    }
  }

  @ParameterizedTest
  @EnumSource(Clients.class)
  void requestsToTheDsnHostMakeNoBreadcrumb(Clients client) throws Exception {
    try (SentryHarness harness = SentryHarness.start()) {
      assertThat(client.get(harness.sentry().url("/not-an-envelope")).status()).isEqualTo(200);
      client.get(servers.url("/ok"));

      assertThat(harness.breadcrumbs("httplib")).singleElement()
          .satisfies(crumb -> assertThat(crumb.path("data").path("url").asText()).isEqualTo(servers.url("/ok")));
    }
  }

  @ParameterizedTest
  @EnumSource(Clients.class)
  void withoutTheIntegrationTheClientsPassStraightThrough(Clients client) throws Exception {
    try (SentryHarness harness = SentryHarness.start(options -> options.addDisabledIntegration("stdlib"))) {
      assertThat(client.get(servers.url("/missing")).status()).isEqualTo(404);
      assertThat(client.get(servers.droppingUrl("/gone")).error()).isInstanceOf(IOException.class);

      assertThat(harness.breadcrumbs("httplib")).isEmpty();
      assertThat(harness.hints("httplib")).isEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(Clients.class)
  void withoutSentryTheClientsWork(Clients client) throws Exception {
    Sentry.close();
    assertThat(client.get(servers.url("/ok")).status()).isEqualTo(200);
    assertThat(client.get(servers.url("/broken")).status()).isEqualTo(500);
  }

  @ParameterizedTest
  @EnumSource(Clients.class)
  void requestsMadeInsideTheSdkMakeNoBreadcrumb(Clients client) throws Exception {
    String url = servers.url("/ok?from=beforeSend");
    try (SentryHarness harness = SentryHarness.start(options -> options.setBeforeSend((event, hint) -> {
      if (event.getMessage() != null && String.valueOf(event.getMessage().formatted()).startsWith("inside")) {
        try {
          client.get(url);
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }
      return event;
    }))) {
      Sentry.captureMessage("inside the SDK");
      client.get(servers.url("/ok?from=test"));

      assertThat(harness.breadcrumbs("httplib")).singleElement()
          .satisfies(crumb -> assertThat(crumb.path("data").path("http.query").asText()).isEqualTo("from=test"));
    }
  }

  private static void assertCrumb(JsonNode crumb, String url, Integer status, String level, String reason) {
    assertThat(crumb.path("type").asText()).isEqualTo("http");
    assertThat(crumb.path("category").asText()).isEqualTo("httplib");
    assertThat(crumb.has("message")).isFalse();
    if (level == null) {
      assertThat(crumb.has("level")).as("level of %s", crumb).isFalse();
    } else {
      assertThat(crumb.path("level").asText()).isEqualTo(level);
    }
    JsonNode data = crumb.path("data");
    assertThat(data.path("url").asText()).isEqualTo(url);
    assertThat(data.path("http.method").asText()).isEqualTo("GET");
    assertThat(data.path("http.query").asText()).isEmpty();
    assertThat(data.path("http.fragment").asText()).isEmpty();
    if (status == null) {
      assertThat(data.has("http.response.status_code")).isFalse();
    } else {
      assertThat(data.path("http.response.status_code").asInt()).isEqualTo(status);
    }
    if (reason == null) {
      assertThat(data.has("reason")).isFalse();
    } else {
      assertThat(data.path("reason").asText()).isEqualTo(reason);
    }
  }
}
