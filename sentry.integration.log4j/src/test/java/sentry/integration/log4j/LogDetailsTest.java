package sentry.integration.log4j;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.ThreadContext;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.message.StringMapMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import sentry.api.Sentry;
import sentry.integration.logging.LoggingIntegration;
import sentry.testing.Receiver;

/** The details Python's logging integration gets right, for Log4j: crumb data, typed params, padded names. */
class LogDetailsTest {
  private Receiver receiver;
  private String name;

  @BeforeEach
  void start(TestInfo test) throws Exception {
    receiver = Receiver.answering(200);
    name = "test.details." + test.getTestMethod().orElseThrow().getName();
    Configurator.reconfigure(Log4jTest.plain());
  }

  @AfterEach
  void stop() {
    Sentry.close();
    ThreadContext.clearAll();
    receiver.close();
  }

  @Test
  void aLog4jBreadcrumbCarriesTheThreadContextAndMapMessageFieldsInData() {
    Sdk.init(receiver.dsn(), options -> {});
    org.apache.logging.log4j.Logger log = LogManager.getLogger(name);
    ThreadContext.put("request_id", "r-1");
    log.info("payment {} accepted", "p-1");
    ThreadContext.clearMap();
    log.warn(new StringMapMessage(Map.of("order", "o-7", "step", "pay")));
    ThreadContext.put("request_id", "r-2");
    log.error("order failed");
    ThreadContext.clearMap();
    Sdk.flush();

    JsonNode event = Sdk.eventsOf(receiver, name).get(0);
    JsonNode crumbs = event.path("breadcrumbs").path("values");
    assertThat(crumbs).hasSize(2);
    assertThat(crumbs.get(0).path("message").asText()).isEqualTo("payment p-1 accepted");
    assertThat(crumbs.get(0).path("data").path("request_id").asText()).isEqualTo("r-1");
    assertThat(crumbs.get(1).path("data").path("order").asText()).isEqualTo("o-7");
    assertThat(crumbs.get(1).path("data").path("step").asText()).isEqualTo("pay");
    assertThat(crumbs.get(1).path("data").has("request_id")).isFalse();
    // The event keeps its record's thread context where it was, in a context.
    assertThat(event.path("contexts").path(SentryAppender.CONTEXT_DATA).path("request_id").asText())
        .isEqualTo("r-2");
  }

  @Test
  void log4jParamsKeepTheirJsonTypes() {
    Sdk.init(receiver.dsn(), options -> {});
    LogManager.getLogger(name).error("order {} of {} failed after {} s: retry {} ({})", 7, 12L, 1.5, true, "x");
    Sdk.flush();

    JsonNode logentry = Sdk.eventsOf(receiver, name).get(0).path("logentry");
    assertThat(logentry.path("message").asText()).isEqualTo("order {} of {} failed after {} s: retry {} ({})");
    assertThat(logentry.path("formatted").asText()).isEqualTo("order 7 of 12 failed after 1.5 s: retry true (x)");
    JsonNode params = logentry.path("params");
    assertThat(params.get(0).isIntegralNumber()).as("7 is a number: %s", params).isTrue();
    assertThat(params.get(0).asInt()).isEqualTo(7);
    assertThat(params.get(1).asLong()).isEqualTo(12L);
    assertThat(params.get(1).isIntegralNumber()).isTrue();
    assertThat(params.get(2).isNumber()).isTrue();
    assertThat(params.get(2).asDouble()).isEqualTo(1.5);
    assertThat(params.get(3).isBoolean()).isTrue();
    assertThat(params.get(4).isTextual()).isTrue();
  }

  @Test
  void ignoreLoggerMatchesNamesWithSurroundingSpacesTrimmed() {
    Sdk.init(receiver.dsn(), new LoggingIntegration().ignoreLogger(name));
    LogManager.getLogger("   " + name + "   ").error("padded log4j logger");
    LogManager.getLogger(name + ".other").error("not ignored");
    Sdk.flush();

    assertThat(receiver.events()).extracting(event -> event.path("logentry").path("formatted").asText())
        .containsExactly("not ignored");
    assertThat(new LoggingIntegration().ignoreLogger("a.b").isIgnored(" a.b\t")).isTrue();
  }
}
