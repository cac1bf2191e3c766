package sentry.integration.logback;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import sentry.api.LogLevel;
import sentry.api.Sentry;
import sentry.integration.logging.LoggingIntegration;
import sentry.testing.Envelope;
import sentry.testing.Receiver;

/** Records of JUL, Log4j and Logback, and {@code Sentry.logger()}, as {@code log} items on the wire. */
class StructuredLogsTest {
  private Receiver receiver;

  @BeforeEach
  void start() throws Exception {
    receiver = Receiver.answering(200);
    LogbackTest.configure("/logback-plain.xml");
    // Log4j as an application configures it in code: root at info, no Sentry in it.
    var log4j = org.apache.logging.log4j.core.config.builder.api.ConfigurationBuilderFactory.newConfigurationBuilder();
    log4j.setConfigurationName("plain");
    log4j.add(log4j.newRootLogger(org.apache.logging.log4j.Level.INFO));
    org.apache.logging.log4j.core.config.Configurator.reconfigure(log4j.build());
  }

  @AfterEach
  void stop() {
    Sentry.close();
    MDC.clear();
    receiver.close();
  }

  /** The logs of every {@code log} item received, checking each item's count. */
  private List<JsonNode> logs() {
    List<JsonNode> logs = new ArrayList<>();
    for (Envelope envelope : receiver.envelopes()) {
      for (Envelope.Item item : envelope.items()) {
        if (item.type().equals("log")) {
          assertThat(item.header().path("content_type").asText()).isEqualTo("application/vnd.sentry.items.log+json");
          JsonNode items = item.json().path("items");
          assertThat(items.size()).isEqualTo(item.header().path("item_count").asInt());
          items.forEach(logs::add);
        }
      }
    }
    return logs;
  }

  private static String attribute(JsonNode log, String key) {
    return log.path("attributes").path(key).path("value").asText();
  }

  private JsonNode logWithBody(String body) {
    return logs().stream().filter(log -> log.path("body").asText().equals(body)).findFirst()
        .orElseThrow(() -> new AssertionError("no log \"" + body + "\" in " + logs()));
  }

  @Test
  void recordsOfEveryBackendAtOrAboveTheLogLevelBecomeLogsOnce() {
    Sdk.init(receiver.dsn(), options -> {
      options.setEnableLogs(true);
      options.addIntegration(new LoggingIntegration().withLogLevel(LogLevel.INFO));
    });
    org.slf4j.Logger logback = LoggerFactory.getLogger("test.logs.logback");
    MDC.put("tenant", "t-1");
    logback.atInfo().addKeyValue("order", 7).log("paid {} times", 3);
    MDC.clear();
    logback.debug("below the log level");
    java.util.logging.Logger.getLogger("test.logs.jul").warning("jul warning");
    org.apache.logging.log4j.LogManager.getLogger("test.logs.log4j").error("log4j {}", "error");
    LoggerFactory.getLogger("sentry.core.anything").info("the SDK's own");
    Sentry.logger().fatal("manual %s", "fatal");
    Sdk.flush();

    assertThat(logs()).extracting(log -> log.path("body").asText())
        .containsExactlyInAnyOrder("paid 3 times", "jul warning", "log4j error", "manual fatal");
    JsonNode paid = logWithBody("paid 3 times");
    assertThat(paid.path("level").asText()).isEqualTo("info");
    assertThat(paid.path("severity_number").asInt()).isEqualTo(9);
    assertThat(attribute(paid, "sentry.origin")).isEqualTo("auto.logging.logback");
    assertThat(attribute(paid, "sentry.message.template")).isEqualTo("paid {} times");
    assertThat(paid.path("attributes").path("sentry.message.parameter.0").toString())
        .isEqualTo("{\"value\":3,\"type\":\"integer\"}");
    assertThat(paid.path("attributes").path("order").toString()).isEqualTo("{\"value\":7,\"type\":\"integer\"}");
    assertThat(attribute(paid, "tenant")).isEqualTo("t-1");
    assertThat(attribute(paid, "logger.name")).isEqualTo("test.logs.logback");
    assertThat(attribute(paid, "thread.name")).isEqualTo(Thread.currentThread().getName());
    JsonNode jul = logWithBody("jul warning");
    assertThat(jul.path("level").asText()).isEqualTo("warn");
    assertThat(attribute(jul, "sentry.origin")).isEqualTo("auto.logging.jul");
    assertThat(jul.path("attributes").has("sentry.message.template")).isFalse();
    JsonNode log4j = logWithBody("log4j error");
    assertThat(log4j.path("level").asText()).isEqualTo("error");
    assertThat(attribute(log4j, "sentry.origin")).isEqualTo("auto.logging.log4j2");
    assertThat(attribute(log4j, "sentry.message.template")).isEqualTo("log4j {}");
    JsonNode manual = logWithBody("manual fatal");
    assertThat(manual.path("severity_number").asInt()).isEqualTo(21);
    assertThat(attribute(manual, "sentry.origin")).isEqualTo("manual");
    assertThat(attribute(manual, "sentry.message.template")).isEqualTo("manual %s");
    // Events and breadcrumbs are made as before: the log4j error is an event too.
    assertThat(Sdk.eventsOf(receiver, "test.logs.log4j")).hasSize(1);
  }

  @Test
  void withoutEnableLogsOrWithTheLogLevelOffNoLogIsMade() {
    Sdk.init(receiver.dsn(), options -> options.addIntegration(new LoggingIntegration()));
    LoggerFactory.getLogger("test.logs.off").warn("not a log");
    Sentry.logger().error("not a log either");
    Sdk.flush();
    Sentry.close();
    Sdk.init(receiver.dsn(), options -> {
      options.setEnableLogs(true);
      options.addIntegration(new LoggingIntegration().withLogLevel(null));
    });
    LoggerFactory.getLogger("test.logs.off").warn("still not a log");
    Sentry.logger().info("but this one is");
    Sdk.flush();

    assertThat(logs()).extracting(log -> log.path("body").asText()).containsExactly("but this one is");
  }
}
