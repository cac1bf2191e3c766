package sentry.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The web service of examples/webservice, run as the README runs it (module path, no SENTRY_DSN,
 * the httpserver integration found as a service): its failing request arrives with its request,
 * filtered, and its two requests as one sessions item.
 */
class WebServiceIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void theFailingRequestArrivesWithItsRequestAndBothRequestsAsSessions() throws Exception {
    Path service = Path.of(System.getProperty("sentry.tests.webserviceJar"));
    Path httpserver = Path.of(System.getProperty("sentry.tests.httpserverJar"));
    Jvm.Run run = Jvm.onModulePath(List.of(service, httpserver))
        .run("sentry.webservice", "sentry.webservice.WebService", "WebService");

    assertThat(run.exitCode()).as(run.describe()).isZero();
    assertThat(run.stdout()).as(run.describe())
        .contains("GET /orders/7 -> 200")
        .contains("1 event(s), 1 sessions item(s) received");
    List<String> lines = run.stdout().lines().map(String::strip).toList();
    JsonNode request = JSON.readTree(lines.get(lines.indexOf(lines.stream()
        .filter(line -> line.startsWith("event ")).findFirst().orElseThrow()) + 1));
    assertThat(request.path("method").asText()).isEqualTo("POST");
    assertThat(request.path("url").asText()).matches("http://127\\.0\\.0\\.1:\\d+/orders/13");
    assertThat(request.path("query_string").asText()).isEqualTo("coupon=SPRING");
    assertThat(request.at("/headers/Authorization").asText()).isEqualTo("[Filtered]");
    assertThat(request.path("data").asText()).isEqualTo("{\"item\":\"teapot\",\"quantity\":2}");
    JsonNode sessions = JSON.readTree(lines.get(lines.indexOf("sessions item arrived:") + 1));
    assertThat(sessions.at("/aggregates/0/exited").asInt()).isEqualTo(1);
    assertThat(sessions.at("/aggregates/0/crashed").asInt()).isEqualTo(1);
    assertThat(sessions.at("/attrs/release").asText()).isEqualTo("sentry-webservice@0.1.0");
  }
}
