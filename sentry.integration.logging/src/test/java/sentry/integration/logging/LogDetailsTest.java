package sentry.integration.logging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import sentry.api.Sentry;
import sentry.testing.Receiver;

/** The details Python's logging integration gets right, for JUL: typed params, padded names. */
class LogDetailsTest {
  private Receiver receiver;
  private String name;

  @BeforeEach
  void start(TestInfo test) {
    receiver = Receiver.answering(200);
    name = "test.details." + test.getTestMethod().orElseThrow().getName();
  }

  @AfterEach
  void stop() {
    Sentry.close();
    receiver.close();
  }

  @Test
  void julParamsKeepTheirJsonTypesAndObjectsBecomeStrings() {
    Sdk.init(receiver.dsn(), options -> {});
    Logger.getLogger(name).log(java.util.logging.Level.SEVERE, "order {0} by {1}",
        new Object[] {42, new StringBuilder("ana")});
    Sdk.flush();

    JsonNode logentry = Sdk.eventsOf(receiver, name).get(0).path("logentry");
    assertThat(logentry.path("message").asText()).isEqualTo("order {0} by {1}");
    assertThat(logentry.path("formatted").asText()).isEqualTo("order 42 by ana");
    assertThat(logentry.path("params").get(0).isIntegralNumber()).isTrue();
    assertThat(logentry.path("params").get(1).asText()).isEqualTo("ana");
  }

  @Test
  void ignoreLoggerMatchesNamesWithSurroundingSpacesTrimmed() {
    Sdk.init(receiver.dsn(), new LoggingIntegration().ignoreLogger(name));
    Logger.getLogger("  " + name + " ").severe("padded jul logger");
    Logger.getLogger(name + ".other").severe("not ignored");
    Sdk.flush();

    assertThat(receiver.events()).extracting(event -> event.path("logentry").path("formatted").asText())
        .containsExactly("not ignored");
    assertThat(new LoggingIntegration().ignoreLogger("a.b").isIgnored(" a.b\t")).isTrue();
  }
}
